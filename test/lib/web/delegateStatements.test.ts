import assert from "node:assert/strict";
import { after, describe, it } from "node:test";

import { concat, hexToBigInt, numberToHex, slice, verifyTypedData, type Address, type Hex } from "viem";
import { privateKeyToAccount } from "viem/accounts";

import { StatementStaleError } from "../../../lib/web/delegates/errors.ts";
import {
  delegateStatementTypedData,
  parseDelegateAddress,
  parseTopics,
  STATEMENT_LIMITS,
  statementProblem,
  type StatementScope,
} from "../../../lib/web/delegates/statement.ts";
import { getDelegateStatement, putDelegateStatement, STATEMENT_BODY_LIMIT, submitDelegateStatement, type StatementContext } from "../../../lib/web/server/statements.ts";
import { StatementStore, statementStorePath } from "../../../lib/web/server/statementStore.ts";
import { forEachEngine, type EngineCase, type EngineOpener } from "../../helpers/sqlEngines.ts";

const delegate = privateKeyToAccount("0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d");
const other = privateKeyToAccount("0x5de4111afa1a4b94908f83103eb1f1706367c2e68ca870fc3fb9a804cdab365a");
const scope: StatementScope = { hubChainId: 900, governor: "0x5FbDB2315678afecb367f032d93F642f64180aa3" };
const NOW = 1_767_000_000;
const SECP256K1_N = 0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141n;

const sign = async (fields: { statement?: string; topics?: string[]; issuedAt?: number } = {}, options: { account?: typeof delegate; scope?: StatementScope; as?: Address } = {}) => {
  const message = { statement: fields.statement ?? "# Why me\n\nI read every proposal.", topics: fields.topics ?? ["fees", "upgrades"], issuedAt: fields.issuedAt ?? NOW - 10 };
  const account = options.account ?? delegate;
  const signature = await account.signTypedData(
    delegateStatementTypedData(options.scope ?? scope, { delegate: options.as ?? account.address, ...message, issuedAt: BigInt(message.issuedAt) }),
  );
  return { ...message, signature } as Record<string, unknown>;
};

/** Stores on one engine: a fresh database per name, a new connection per call; all closed after the block. */
function storesOn(engine: EngineCase) {
  const databases = new Map<string, Promise<EngineOpener>>();
  const stores: StatementStore[] = [];
  after(() => Promise.all(stores.map((store) => store.close())));
  return async (name: string, deployment = "900:0xgenesis:t0") => {
    let database = databases.get(name);
    if (!database) databases.set(name, (database = engine.fresh()));
    const store = StatementStore.on((await database)());
    stores.push(store);
    return store.forDeployment(deployment);
  };
}

describe("statement typed data", () => {
  it("is EIP-712 typed data scoped to the hub chain and governor, verifiable with viem", async () => {
    const typedData = delegateStatementTypedData(scope, { delegate: delegate.address, statement: "hi", topics: ["a"], issuedAt: 5n });
    assert.deepEqual(typedData.domain, { name: "Superchain Governance", version: "1", chainId: 900, verifyingContract: scope.governor });
    assert.equal(typedData.primaryType, "DelegateStatement");
    const signature = await delegate.signTypedData(typedData);
    assert.equal(await verifyTypedData({ ...typedData, address: delegate.address, signature }), true);
    const otherChain = delegateStatementTypedData({ ...scope, hubChainId: 1 }, typedData.message);
    assert.equal(await verifyTypedData({ ...otherChain, address: delegate.address, signature }), false);
  });

  it("parses topics as typed and reports what the API would refuse", () => {
    assert.deepEqual(parseTopics(" fees, Sequencer;fees\n\n upgrades "), ["fees", "Sequencer", "upgrades"]);
    assert.equal(statementProblem("ok", ["a"]), undefined);
    assert.match(statementProblem("  ", []) ?? "", /Write a statement/);
    assert.match(statementProblem("x".repeat(STATEMENT_LIMITS.statementBytes + 1), []) ?? "", /at most 10240 bytes/);
    // Multi-byte characters count as bytes, not characters.
    assert.match(statementProblem("é".repeat(STATEMENT_LIMITS.statementBytes / 2 + 1), []) ?? "", /bytes/);
    assert.match(statementProblem("ok", Array.from({ length: 9 }, (_, i) => `t${i}`)) ?? "", /at most 8 topics/);
    assert.match(statementProblem("ok", ["x".repeat(33)]) ?? "", /32 characters/);
  });

  it("reads a route's address segment: any case, checksum checked when mixed, anything else undefined", () => {
    assert.equal(parseDelegateAddress(delegate.address.toLowerCase()), delegate.address);
    assert.equal(parseDelegateAddress(delegate.address), delegate.address);
    // The checksummed spelling with one letter's case flipped.
    const badChecksum = delegate.address.replace(/[a-fA-F]/, (c) => (c === c.toLowerCase() ? c.toUpperCase() : c.toLowerCase()));
    assert.equal(parseDelegateAddress(badChecksum), undefined);
    for (const raw of ["0x123", "not-an-address", "%E0%A4%A", `${delegate.address}00`]) assert.equal(parseDelegateAddress(raw), undefined, raw);
  });
});

describe("statement store path", () => {
  it("lives beside the web database", () => {
    assert.equal(statementStorePath({ SUPERCHAIN_WEB_DB: "/tmp/x/web.sqlite" }), "/tmp/x/statements.sqlite");
  });
});

forEachEngine("statement store", (engine) => {
  const openStore = storesOn(engine);

  it("keeps one statement per delegate and deployment, replaced only by a newer one", async () => {
    const statements = await openStore("newer");
    const base = { delegate: delegate.address, statement: "a", topics: ["x"], signature: `0x${"11".repeat(65)}` as Hex };
    await statements.put({ ...base, issuedAt: 100 });
    await assert.rejects(statements.put({ ...base, statement: "same time", issuedAt: 100 }), (error: unknown) => error instanceof StatementStaleError && error.storedIssuedAt === 100);
    await assert.rejects(statements.put({ ...base, statement: "older", issuedAt: 99 }), StatementStaleError);
    assert.equal((await statements.get(delegate.address))?.statement, "a");
    await statements.put({ ...base, statement: "b", topics: ["y", "z"], issuedAt: 101 });
    const stored = await statements.get(delegate.address.toLowerCase() as Address);
    assert.equal(stored?.statement, "b");
    assert.deepEqual(stored?.topics, ["y", "z"]);
    assert.equal(stored?.issuedAt, 101);
    assert.equal(stored?.delegate, delegate.address);
    assert.deepEqual([...(await statements.many([delegate.address, other.address])).keys()], [delegate.address]);
    assert.equal((await statements.many([])).size, 0);
  });

  it("lets only the newer of two racing statements stand", async () => {
    const [one, two] = [await openStore("race"), await openStore("race")];
    const base = { delegate: delegate.address, topics: [], signature: `0x${"33".repeat(65)}` as Hex };
    const results = await Promise.allSettled([one.put({ ...base, statement: "late", issuedAt: 200 }), two.put({ ...base, statement: "early", issuedAt: 150 })]);
    assert.equal((await one.get(delegate.address))?.statement, "late");
    assert.ok(results.filter((r) => r.status === "rejected").every((r) => r.reason instanceof StatementStaleError));
  });

  it("scopes statements to a deployment and survives reopening", async () => {
    const first = await openStore("scoped", "d1");
    await first.put({ delegate: delegate.address, statement: "d1", topics: [], issuedAt: 1, signature: `0x${"22".repeat(65)}` });
    assert.equal(await (await openStore("scoped", "d2")).get(delegate.address), undefined);
    assert.equal((await (await openStore("scoped", "d1")).get(delegate.address))?.statement, "d1");
    const unscoped = StatementStore.on((await engine.fresh())());
    assert.throws(() => unscoped.forDeployment(""), /deployment id/);
    await unscoped.close();
  });
});

forEachEngine("statement submission and API", (engine) => {
  const openStore = storesOn(engine);
  const context = async (name: string, now = NOW): Promise<StatementContext> => ({ scope, statements: await openStore(name), now: () => now });
  const put = async (ctx: StatementContext, body: unknown, init: { address?: string; raw?: string; headers?: Record<string, string> } = {}) => {
    const response = await putDelegateStatement(
      new Request("http://127.0.0.1/api/delegates/x/statement", { method: "PUT", headers: { "content-type": "application/json", ...init.headers }, body: init.raw ?? JSON.stringify(body) }),
      init.address ?? delegate.address,
      ctx,
    );
    return { status: response.status, json: (await response.json()) as { error?: { code: string; message: string }; statement?: { delegate: string; statement: string; topics: string[] } } };
  };

  it("stores a statement signed by the delegate, serves it with its signature, and refuses replays", async () => {
    const ctx = await context("api-ok");
    const body = await sign();
    const accepted = await put(ctx, body, { address: delegate.address.toLowerCase() });
    assert.equal(accepted.status, 201);
    assert.equal(accepted.json.statement?.delegate, delegate.address);
    assert.deepEqual(accepted.json.statement?.topics, ["fees", "upgrades"]);

    const served = await getDelegateStatement(delegate.address, ctx);
    assert.equal(served.status, 200);
    const json = (await served.json()) as { statement: { signature: Hex; issuedAt: number } };
    assert.equal(json.statement.signature, body["signature"]);

    const replay = await put(ctx, body);
    assert.equal(replay.status, 409);
    assert.equal(replay.json.error?.code, "stale_statement");
    // The same signature malleated (s → n − s, v flipped) still recovers to the delegate: still a replay.
    const signature = body["signature"] as Hex;
    const s = hexToBigInt(slice(signature, 32, 64));
    const v = Number(hexToBigInt(slice(signature, 64)));
    const malleated = concat([slice(signature, 0, 32), numberToHex(SECP256K1_N - s, { size: 32 }), numberToHex(v === 27 ? 28 : 27, { size: 1 })]);
    assert.equal((await put(ctx, { ...body, signature: malleated })).json.error?.code, "stale_statement");
    const older = await put(ctx, await sign({ statement: "older", issuedAt: NOW - 20 }));
    assert.equal(older.status, 409);

    const newer = await put(ctx, await sign({ statement: "newer", topics: [], issuedAt: NOW }));
    assert.equal(newer.status, 201);
    assert.equal((await ctx.statements.get(delegate.address))?.statement, "newer");
  });

  it("refuses wrong signers, other deployments and edited content (403), nothing stored", async () => {
    const ctx = await context("api-signer");
    const byOther = await put(ctx, await sign({}, { account: other, as: delegate.address }));
    assert.equal(byOther.status, 403);
    assert.equal(byOther.json.error?.code, "signature_mismatch");
    const otherChain = await put(ctx, await sign({}, { scope: { ...scope, hubChainId: 901 } }));
    assert.equal(otherChain.json.error?.code, "signature_mismatch");
    const otherGovernor = await put(ctx, await sign({}, { scope: { ...scope, governor: other.address } }));
    assert.equal(otherGovernor.json.error?.code, "signature_mismatch");
    const edited = await put(ctx, { ...(await sign()), statement: "something I never signed" });
    assert.equal(edited.status, 403);
    // Signed by the delegate, but sent for another address.
    const elsewhere = await put(ctx, await sign(), { address: other.address });
    assert.equal(elsewhere.status, 403);
    assert.equal(await ctx.statements.get(delegate.address), undefined);
    assert.equal(await ctx.statements.get(other.address), undefined);
  });

  it("refuses malformed, oversized, future and unsigned requests with clear 4xx codes, nothing stored", async () => {
    const ctx = await context("api-bad");
    const good = await sign();
    const cases: Array<[string, Promise<{ status: number; json: { error?: { code: string } } }>, number, string]> = [
      ["not JSON", put(ctx, undefined, { raw: "{statement:" }), 400, "malformed"],
      ["an array", put(ctx, [good]), 400, "malformed"],
      ["missing signature", put(ctx, { ...good, signature: undefined }), 400, "malformed"],
      ["unknown key", put(ctx, { ...good, extra: 1 }), 400, "malformed"],
      ["short signature", put(ctx, { ...good, signature: "0x1234" }), 400, "malformed"],
      ["issuedAt as a string", put(ctx, { ...good, issuedAt: String(NOW) }), 400, "malformed"],
      ["too many topics", put(ctx, { ...good, topics: Array.from({ length: 9 }, (_, i) => `t${i}`) }), 400, "malformed"],
      ["a long topic", put(ctx, { ...good, topics: ["x".repeat(33)] }), 400, "malformed"],
      ["repeated topics", put(ctx, { ...good, topics: ["Fees", "fees"] }), 400, "malformed"],
      ["a long statement", put(ctx, { ...good, statement: "x".repeat(STATEMENT_LIMITS.statementBytes + 1) }), 400, "malformed"],
      ["an oversized body", put(ctx, undefined, { raw: JSON.stringify({ ...good, statement: "x".repeat(STATEMENT_BODY_LIMIT) }) }), 413, "payload_too_large"],
      ["a declared oversized body", put(ctx, good, { headers: { "content-length": String(STATEMENT_BODY_LIMIT + 1) } }), 413, "payload_too_large"],
      ["form data", put(ctx, good, { headers: { "content-type": "text/plain" } }), 415, "unsupported_media_type"],
      ["a bad address", put(ctx, good, { address: "0xnope" }), 404, "invalid_address"],
      ["an unrecoverable signature", put(ctx, { ...good, signature: `0x${"00".repeat(64)}1b` }), 400, "bad_signature"],
      ["a future statement", put(ctx, await sign({ issuedAt: NOW + STATEMENT_LIMITS.futureSkewSeconds + 1 })), 400, "future_statement"],
    ];
    for (const [name, response, status, code] of cases) {
      const { status: got, json } = await response;
      assert.equal(got, status, name);
      assert.equal(json.error?.code, code, name);
    }
    assert.equal(await ctx.statements.get(delegate.address), undefined);
    // Within the allowed skew is fine.
    assert.equal((await put(ctx, await sign({ issuedAt: NOW + 60 }))).status, 201);
  });

  it("answers 404 for a delegate without a statement or a malformed address", async () => {
    const ctx = await context("api-get");
    const none = await getDelegateStatement(other.address, ctx);
    assert.equal(none.status, 404);
    assert.equal(((await none.json()) as { error: { code: string } }).error.code, "not_found");
    assert.equal((await getDelegateStatement("0x12", ctx)).status, 404);
  });

  it("submitDelegateStatement names the failing field", async () => {
    await assert.rejects(submitDelegateStatement(await context("api-field"), delegate.address, { ...(await sign()), topics: "fees" }), /topics must be an array/);
  });
});
