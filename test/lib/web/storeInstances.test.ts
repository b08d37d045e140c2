/**
 * Several app instances on one store: two separate node processes open the web app's shared
 * stores the way the app does (PostgreSQL through `DATABASE_URL`; SQLite through one
 * `SUPERCHAIN_WEB_DB` on one host) and see each other's writes and refusals.
 */
import assert from "node:assert/strict";
import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { createInterface } from "node:readline";
import { after, it } from "node:test";
import { fileURLToPath } from "node:url";
import { join, dirname } from "node:path";

import { getAddress, type Address, type Hash, type Hex } from "viem";

import { councilSafeTx, safeTxToJson } from "../../../lib/web/council/safeTx.ts";
import type { StoreInstanceAnswer, StoreInstanceCommand } from "../../helpers/storeInstance.ts";
import { forEachEngine } from "../../helpers/sqlEngines.ts";

const INSTANCE = fileURLToPath(new URL("../../helpers/storeInstance.ts", import.meta.url));
const DEPLOYMENT = "900:0xgenesis:2026-01-01T00:00:00.000Z";
const safe = getAddress("0x00000000000000000000000000000000000c0de5");
const ownerA = getAddress("0x70997970c51812dc3a010c7d01b50e20d17dc79c");
const ownerB = getAddress("0x3c44cdddb6a900fa2b585dd299e03d12fa4293bc");
const safeTxHash = `0x${"ab".repeat(32)}` as Hash;
const safeTx = safeTxToJson(councilSafeTx("0x5FbDB2315678afecb367f032d93F642f64180aa3", { kind: "pause", chainId: 901n }, 3n));
const signature = (byte: string) => `0x${byte.repeat(64)}1b` as Hex;

/** A running instance: send a command, get its answer (one line each, in order). */
interface Instance {
  send(command: StoreInstanceCommand): Promise<StoreInstanceAnswer>;
  stop(): Promise<void>;
}

function startInstance(env: Record<string, string>): Instance {
  const child: ChildProcessWithoutNullStreams = spawn(process.execPath, ["--disable-warning=ExperimentalWarning", INSTANCE, DEPLOYMENT], {
    env: { ...process.env, DATABASE_URL: "", ...env },
    stdio: ["pipe", "pipe", "pipe"],
  });
  let stderr = "";
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const answers = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  return {
    send: async (command) => {
      child.stdin.write(`${JSON.stringify(command)}\n`);
      const next = await answers.next();
      if (next.done) throw new Error(`the instance exited: ${stderr}`);
      return JSON.parse(next.value) as StoreInstanceAnswer;
    },
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.stdin.end(); // the instance closes its stores and exits
      }),
  };
}

const result = <T>(answer: StoreInstanceAnswer): T => {
  assert.ok(answer.ok, answer.ok ? "" : answer.message);
  return answer.result as T;
};

forEachEngine("two app instances on one store", (engine) => {
  const instances: Instance[] = [];
  after(() => Promise.all(instances.map((instance) => instance.stop())));

  const pair = async () => {
    await engine.fresh();
    const location = engine.lastLocation();
    const env = engine.dialect === "postgres" ? { DATABASE_URL: location } : { SUPERCHAIN_WEB_DB: join(dirname(location), "web.sqlite") };
    const [a, b] = [startInstance(env), startInstance(env)];
    instances.push(a, b);
    return { a, b, location };
  };

  it("see each other's council confirmations, and refuse a duplicate the other stored", async () => {
    const { a, b, location } = await pair();
    const where = result<{ council: string; statements: string }>(await a.send({ op: "where" }));
    if (engine.dialect === "postgres") assert.equal(where.council, location, "the instance uses DATABASE_URL");
    else assert.match(where.council, /web\.sqlite$/);

    const add = (owner: Address, byte: string): StoreInstanceCommand => ({ op: "addSignature", parameters: { safe, chainId: 900, safeTxHash, safeTx, owner, signature: signature(byte) } });
    result(await a.send(add(ownerA, "aa")));
    const seenByB = result<Array<{ owner: Address }>>(await b.send({ op: "signatures", safeTxHash }));
    assert.deepEqual(seenByB.map((s) => s.owner), [ownerA]);
    result(await b.send(add(ownerB, "bb")));
    const seenByA = result<Array<{ owner: Address; signature: Hex }>>(await a.send({ op: "signatures", safeTxHash }));
    assert.deepEqual(seenByA.map((s) => [s.owner, s.signature]), [[ownerA, signature("aa")], [ownerB, signature("bb")]]);

    // B's duplicate of A's signature (another spelling of the same owner) is refused; nothing added.
    const duplicate = await b.send(add(ownerA.toLowerCase() as Address, "cc"));
    assert.equal(duplicate.ok, false);
    assert.equal(!duplicate.ok && duplicate.error, "CouncilStoreDuplicateError");
    assert.equal(result<unknown[]>(await a.send({ op: "signatures", safeTxHash })).length, 2);

    // The queue each instance lists is the same, confirmations included.
    const queued = result<Array<{ safeTxHash: Hash; signatures: unknown[] }>>(await b.send({ op: "queue", safe, chainId: 900, nonceAtLeast: "3" }));
    assert.deepEqual(queued.map((entry) => [entry.safeTxHash, entry.signatures.length]), [[safeTxHash, 2]]);
    assert.deepEqual(result<unknown[]>(await a.send({ op: "queue", safe, chainId: 900, nonceAtLeast: "4" })), []);
  });

  it("see each other's delegate statements, and refuse a replay of the other's", async () => {
    const { a, b } = await pair();
    const statement = { delegate: ownerA, statement: "# From A", topics: ["fees"], issuedAt: 100, signature: `0x${"11".repeat(65)}` as Hex };
    result(await a.send({ op: "putStatement", statement }));
    assert.equal(result<{ statement: string }>(await b.send({ op: "statement", delegate: ownerA })).statement, "# From A");
    const replay = await b.send({ op: "putStatement", statement });
    assert.equal(!replay.ok && replay.error, "StatementStaleError");
    result(await b.send({ op: "putStatement", statement: { ...statement, statement: "# From B", issuedAt: 101 } }));
    assert.equal(result<{ statement: string }>(await a.send({ op: "statement", delegate: ownerA })).statement, "# From B");
  });
});
