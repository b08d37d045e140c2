import assert from "node:assert/strict";
import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";

import { DatabaseSync } from "node:sqlite";

import { getAddress, zeroAddress, type Address, type Hash, type Hex } from "viem";

import { migrateSql, openSqliteEngine } from "../../../lib/db/index.ts";
import { CouncilStoreDuplicateError, CouncilStoreError } from "../../../lib/web/council/errors.ts";
import { councilSafeTx, encodeExecSignatures, safeTxToJson } from "../../../lib/web/council/safeTx.ts";
import { COUNCIL_STORE_MIGRATIONS, CouncilSignatureStore } from "../../../lib/web/council/store.ts";
import { councilDeploymentIdOf, councilStorePath } from "../../../lib/web/council/server.ts";
import { forEachEngine, type EngineOpener } from "../../helpers/sqlEngines.ts";

const registry: Address = "0x5FbDB2315678afecb367f032d93F642f64180aa3";
const safe = getAddress("0x00000000000000000000000000000000000c0de5");
const ownerA = getAddress("0x70997970c51812dc3a010c7d01b50e20d17dc79c");
const ownerB = getAddress("0x3c44cdddb6a900fa2b585dd299e03d12fa4293bc");
const hash = (n: number) => `0x${n.toString(16).padStart(64, "0")}` as Hash;
const signature = (byte: string) => `0x${byte.repeat(64)}1b` as Hex;
const safeTx = safeTxToJson(councilSafeTx(registry, { kind: "pause", chainId: 901n }, 3n));

const DEPLOYMENT = "900:0xgenesis:2026-01-01T00:00:00.000Z";
const scopedOn = (opener: EngineOpener, deployment = DEPLOYMENT) => {
  const store = CouncilSignatureStore.on(opener());
  return Object.assign(store.forDeployment(deployment), { close: () => store.close() });
};

const tempDb = () => join(mkdtempSync(join(tmpdir(), "council-store-")), "nested", "web.sqlite");

forEachEngine("CouncilSignatureStore", (engine) => {
  it("accepts one signature per owner and safeTxHash, keeps the transaction once, lists in arrival order", async () => {
    const store = scopedOn(await engine.fresh());
    assert.deepEqual(await store.signatures(hash(1)), []);
    assert.equal(await store.transaction(hash(1)), undefined);
    const first = await store.add({ safe, chainId: 900, safeTxHash: hash(1), safeTx, owner: ownerA, signature: signature("aa") });
    assert.equal(first.owner, ownerA);
    assert.match(first.createdAt, /^\d{4}-\d{2}-\d{2}T/);
    await store.add({ safe, chainId: 900, safeTxHash: hash(1), safeTx, owner: ownerB, signature: signature("bb") });
    await store.add({ safe, chainId: 900, safeTxHash: hash(2), safeTx, owner: ownerA, signature: signature("cc") });
    assert.deepEqual((await store.signatures(hash(1))).map((s) => [s.owner, s.signature]), [[ownerA, signature("aa")], [ownerB, signature("bb")]]);
    assert.deepEqual((await store.transaction(hash(1)))?.safeTx, safeTx);
    assert.equal((await store.transaction(hash(1)))?.chainId, 900);
    assert.equal((await store.transaction(hash(1)))?.safe, safe);
    await store.close();
  });

  it("refuses the same owner twice for one safeTxHash, in any address or hash spelling, and stores nothing", async () => {
    const store = scopedOn(await engine.fresh());
    const upper = `0x${"AB".repeat(32)}` as Hash;
    await store.add({ safe, chainId: 900, safeTxHash: upper, safeTx, owner: ownerA, signature: signature("aa") });
    await assert.rejects(
      store.add({ safe, chainId: 900, safeTxHash: upper.toLowerCase() as Hash, safeTx, owner: ownerA.toLowerCase() as Address, signature: signature("dd") }),
      (error: unknown) => error instanceof CouncilStoreDuplicateError && error.safeTxHash === upper.toLowerCase(),
    );
    assert.deepEqual((await store.signatures(upper.toLowerCase() as Hash)).map((s) => s.signature), [signature("aa")]);
    assert.deepEqual((await store.signatures(upper)).map((s) => [s.owner, s.safeTxHash]), [[ownerA, upper.toLowerCase()]]);
    await store.close();
  });

  it("lets exactly one of two racing connections store the same owner's signature", async () => {
    const open = await engine.fresh();
    const [one, two] = [scopedOn(open), scopedOn(open)];
    const add = (store: typeof one, byte: string) => store.add({ safe, chainId: 900, safeTxHash: hash(3), safeTx, owner: ownerA, signature: signature(byte) });
    const results = await Promise.allSettled([add(one, "aa"), add(two, "bb")]);
    assert.equal(results.filter((r) => r.status === "fulfilled").length, 1);
    const refused = results.find((r) => r.status === "rejected");
    assert.ok(refused?.reason instanceof CouncilStoreDuplicateError, String(refused?.reason));
    assert.equal((await one.signatures(hash(3))).length, 1);
    await one.close();
    await two.close();
  });

  it("keeps every acknowledged signature across a restart (a new connection)", async () => {
    const open = await engine.fresh();
    const before = scopedOn(open);
    const stored = await before.add({ safe, chainId: 900, safeTxHash: hash(7), safeTx, owner: ownerB, signature: signature("ee") });
    // No close: a crashed process does not close either. A second connection sees the commit.
    const after = scopedOn(open);
    assert.deepEqual(await after.signatures(hash(7)), [stored]);
    await assert.rejects(after.add({ safe, chainId: 900, safeTxHash: hash(7), safeTx, owner: ownerB, signature: signature("ee") }), CouncilStoreDuplicateError);
    await before.close();
    await after.close();
    const reopened = scopedOn(open);
    assert.deepEqual(await reopened.signatures(hash(7)), [stored]);
    await reopened.close();
  });

  it("scopes signatures to a deployment: a restarted devnet sees none of the old ones, and may sign the same hash again", async () => {
    const file = CouncilSignatureStore.on((await engine.fresh())());
    const old = file.forDeployment(DEPLOYMENT);
    await old.add({ safe, chainId: 900, safeTxHash: hash(1), safeTx, owner: ownerA, signature: signature("aa") });
    // Same Safe, same nonce, same safeTxHash: only the deployment differs.
    const fresh = file.forDeployment("900:0xothergenesis:2026-02-01T00:00:00.000Z");
    assert.deepEqual(await fresh.signatures(hash(1)), []);
    assert.equal(await fresh.transaction(hash(1)), undefined);
    await fresh.add({ safe, chainId: 900, safeTxHash: hash(1), safeTx, owner: ownerA, signature: signature("bb") });
    assert.deepEqual((await fresh.signatures(hash(1))).map((s) => s.signature), [signature("bb")]);
    assert.deepEqual((await old.signatures(hash(1))).map((s) => s.signature), [signature("aa")]);
    assert.throws(() => file.forDeployment(""), /deployment id is required/);
    await file.close();
  });

  it("stores several owners' signatures of one transaction all or none, with their kind, proposer and origin", async () => {
    const store = scopedOn(await engine.fresh());
    const transaction = { safe, chainId: 900, safeTxHash: hash(7), safeTx, proposer: ownerA, origin: "api-kit" };
    const contract = `0x${"00".repeat(12)}${ownerB.slice(2).toLowerCase()}${"00".repeat(31)}4100${"00".repeat(31)}02abcd` as Hex;
    const stored = await store.addAll(transaction, [
      { owner: ownerA, signature: signature("aa"), kind: "ecdsa" },
      { owner: ownerB, signature: contract, kind: "contract" },
    ]);
    assert.deepEqual(stored.map((s) => s.kind), ["ecdsa", "contract"]);
    // One duplicate refuses the whole call: the third owner's signature is not kept either.
    const ownerC = getAddress("0x90f79bf6eb2c4f870365e785982e1f101e93b906");
    await assert.rejects(store.addAll(transaction, [{ owner: ownerC, signature: signature("cc"), kind: "ethSign" }, { owner: ownerA, signature: signature("dd"), kind: "ecdsa" }]), CouncilStoreDuplicateError);
    assert.deepEqual((await store.signatures(hash(7))).map((s) => [s.owner, s.kind, s.signature]), [[ownerA, "ecdsa", signature("aa")], [ownerB, "contract", contract]]);
    const read = await store.transaction(hash(7));
    assert.equal(read?.proposer, ownerA);
    assert.equal(read?.origin, "api-kit");
    await store.close();
  });

  it("lists a Safe's queue by nonce (filters on the number, not the text), highest nonce first, each with its signatures", async () => {
    const store = scopedOn(await engine.fresh());
    const at = (nonce: bigint, chainId = 900) => ({ safe, chainId, safeTx: safeTxToJson(councilSafeTx(registry, { kind: "pause", chainId: 901n }, nonce)) });
    await store.add({ ...at(9n), safeTxHash: hash(9), owner: ownerA, signature: signature("a9") });
    await store.add({ ...at(10n), safeTxHash: hash(10), owner: ownerA, signature: signature("aa") });
    await store.add({ ...at(10n), safeTxHash: hash(11), owner: ownerB, signature: signature("bb") });
    await store.add({ ...at(2n), safeTxHash: hash(2), owner: ownerA, signature: signature("a2") });
    await store.add({ ...at(10n, 901), safeTxHash: hash(12), owner: ownerA, signature: signature("cc") });
    const hub = { safe, chainId: 900 };
    assert.deepEqual((await store.transactions(hub)).map((t) => t.safeTx.nonce), ["10", "10", "9", "2"]);
    assert.deepEqual((await store.transactions({ ...hub, nonceAtLeast: 9n })).map((t) => t.safeTx.nonce), ["10", "10", "9"]);
    assert.deepEqual((await store.transactions({ ...hub, nonceAtMost: 9n })).map((t) => t.safeTx.nonce), ["9", "2"]);
    const alternatives = await store.transactions({ ...hub, nonce: 10n });
    assert.deepEqual(alternatives.map((t) => t.signatures.map((s) => s.signature)).sort(), [[signature("aa")], [signature("bb")]]);
    assert.deepEqual((await store.transactions({ safe, chainId: 901 })).map((t) => t.safeTxHash), [hash(12)]);
    assert.deepEqual(await store.transactions({ safe: ownerA, chainId: 900 }), []);
    await store.close();
  });

  it("migrates once, and refuses tables newer than this release (nothing changed)", async () => {
    const open = await engine.fresh();
    const db = open();
    assert.equal(await migrateSql(db, { name: "council", migrations: COUNCIL_STORE_MIGRATIONS }), 0);
    assert.equal(await migrateSql(db, { name: "council", migrations: COUNCIL_STORE_MIGRATIONS }), COUNCIL_STORE_MIGRATIONS.length);
    await assert.rejects(migrateSql(db, { name: "council", migrations: COUNCIL_STORE_MIGRATIONS.slice(0, 1) }), /newer than this release's 1/);
    await db.close();
    const newer = open();
    const table = newer.dialect === "sqlite" ? "schema_migrations" : "schema_migrations_council";
    await newer.query(`INSERT INTO ${table} (version, description, applied_at) VALUES (?, ?, ?)`, [99, "from the future", 0]);
    const store = CouncilSignatureStore.on(newer).forDeployment(DEPLOYMENT);
    await assert.rejects(store.signatures(hash(1)), (error: unknown) => error instanceof CouncilStoreError && /schema version 99/.test(String(error.details)));
    await newer.close();
  });
});

describe("CouncilSignatureStore (SQLite file)", () => {
  it("creates its file, folder and tables on first use, in WAL mode", async () => {
    const path = tempDb();
    const store = await CouncilSignatureStore.open(path);
    assert.ok(existsSync(path));
    assert.deepEqual(await store.forDeployment(DEPLOYMENT).signatures(hash(1)), []);
    await store.close();
    const raw = new DatabaseSync(path);
    assert.equal(raw.prepare("PRAGMA journal_mode").get()?.["journal_mode"], "wal");
    raw.close();
  });

  it("derives the deployment id from the manifest's creation time and the hub's genesis block", () => {
    const manifest = { createdAt: "2026-01-01T00:00:00.000Z", hub: { chainId: 900 } } as Parameters<typeof councilDeploymentIdOf>[0];
    const genesis = `0x${"Ab".repeat(32)}` as Hash;
    assert.equal(councilDeploymentIdOf(manifest, genesis), `900:0x${"ab".repeat(32)}:2026-01-01T00:00:00.000Z`);
    assert.notEqual(councilDeploymentIdOf(manifest, genesis), councilDeploymentIdOf({ ...manifest, createdAt: "2026-01-02T00:00:00.000Z" }, genesis));
    assert.notEqual(councilDeploymentIdOf(manifest, genesis), councilDeploymentIdOf(manifest, hash(2)));
  });

  it("migrates a v1 file: its rows belong to no deployment, so they count nowhere", async () => {
    const path = tempDb();
    await (await CouncilSignatureStore.open(path)).close(); // creates the folder
    const raw = new DatabaseSync(path);
    raw.exec("DROP TABLE council_signatures; DROP TABLE council_transactions; DROP TABLE schema_migrations;");
    raw.close();
    const v1 = openSqliteEngine(path);
    await migrateSql(v1, { name: "council", migrations: COUNCIL_STORE_MIGRATIONS.slice(0, 1) });
    await v1.query("INSERT INTO council_transactions VALUES (?, ?, 900, '3', ?, 'then')", [hash(1), safe, JSON.stringify(safeTx)]);
    await v1.query("INSERT INTO council_signatures (safe_tx_hash, owner, signature, created_at) VALUES (?, ?, ?, 'then')", [hash(1), ownerA, signature("aa")]);
    await v1.close();
    const file = await CouncilSignatureStore.open(path);
    const store = file.forDeployment(DEPLOYMENT);
    assert.deepEqual(await store.signatures(hash(1)), []);
    await store.add({ safe, chainId: 900, safeTxHash: hash(1), safeTx, owner: ownerA, signature: signature("bb") });
    assert.deepEqual((await store.signatures(hash(1))).map((s) => s.signature), [signature("bb")]);
    await file.close();
    const check = new DatabaseSync(path);
    assert.deepEqual(check.prepare("SELECT deployment, signature FROM council_signatures ORDER BY id").all().map((row) => [row["deployment"], row["signature"]]), [
      ["", signature("aa")],
      [DEPLOYMENT, signature("bb")],
    ]);
    check.close();
  });

  it("lives at $SUPERCHAIN_WEB_DB, else .devnet/web.sqlite under the working directory", () => {
    assert.equal(councilStorePath({ SUPERCHAIN_WEB_DB: "/tmp/x/web.sqlite" }), "/tmp/x/web.sqlite");
    assert.equal(councilStorePath({}), join(process.cwd(), ".devnet", "web.sqlite"));
  });
});

describe("encodeExecSignatures", () => {
  it("sorts by owner and packs on-chain approvals as pre-validated signatures", () => {
    const packed = encodeExecSignatures([{ owner: ownerA, signature: signature("aa") }, { owner: ownerB, onChain: true }]);
    // ownerB (0x3C44…) < ownerA (0x7099…)
    assert.equal(packed, `0x${"0".repeat(24)}${ownerB.slice(2).toLowerCase()}${"0".repeat(64)}01${"aa".repeat(64)}1b`);
    assert.equal(encodeExecSignatures([{ owner: ownerA, onChain: true }, { owner: ownerA, signature: signature("aa") }]), signature("aa"));
    assert.equal(encodeExecSignatures([]), "0x");
    assert.equal(councilSafeTx(registry, { kind: "unpause", chainId: 0n }, 0n).refundReceiver, zeroAddress);
  });
});
