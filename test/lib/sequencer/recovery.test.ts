import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { after, describe, it } from "node:test";

import { keccak256, parseGwei, recoverTransactionAddress, serializeTransaction, type Hex, type TransactionSerialized } from "viem";
import { generatePrivateKey, privateKeyToAccount } from "viem/accounts";

import { RecoveryOptionsError, RecoveryUnavailableError, SenderNotRecoveredError } from "../../../lib/sequencer/recovery/errors.ts";
import { RecoveryPool } from "../../../lib/sequencer/recovery/pool.ts";
import { nativeLeanRecovery } from "../../../lib/sequencer/tx/recoverLean.ts";
import { EXIT, HANG, UNCAUGHT } from "./fixtures/dyingRecoveryWorker.ts";

const account = privateKeyToAccount(generatePrivateKey());
const base = { chainId: 901, nonce: 7, to: account.address, value: 5n, gas: 21_000n } as const;
const DYING_WORKER = new URL("./fixtures/dyingRecoveryWorker.ts", import.meta.url);
// A hung request fails its test instead of hanging the run.
const timeout = 20_000;

const signedBy = (count: number) => {
  const accounts = Array.from({ length: count }, () => privateKeyToAccount(generatePrivateKey()));
  return Promise.all(accounts.map(async (a) => ({ sender: a.address, raw: await a.signTransaction({ ...base, type: "eip1559", maxFeePerGas: 1n, maxPriorityFeePerGas: 1n }) })));
};
/** What each request came to: its sender, or the class of its error. */
const outcomes = (requests: Array<Promise<{ sender: Hex }>>) =>
  Promise.all(requests.map((request) => request.then(({ sender }) => sender as string, (error: unknown) => (error as Error).constructor.name)));
const senders = (pool: RecoveryPool, raws: readonly Hex[]) => Promise.all(raws.map(async (raw) => (await pool.recover(raw)).sender));

describe("sender recovery", { timeout }, () => {
  const pool = new RecoveryPool({ size: 2 });
  after(() => pool.close());

  it("runs on libsecp256k1 from the npm package", () => {
    assert.equal(nativeLeanRecovery, true);
  });

  it("agrees with viem on every transaction type", async () => {
    const raws = [
      await account.signTransaction({ ...base, type: "legacy", gasPrice: parseGwei("1") }),
      await account.signTransaction({ ...base, type: "eip2930", gasPrice: parseGwei("1"), accessList: [] }),
      await account.signTransaction({ ...base, type: "eip1559", maxFeePerGas: parseGwei("2"), maxPriorityFeePerGas: 1n, data: "0x1234" }),
    ];
    for (const raw of raws) {
      const recovered = await pool.recover(raw);
      assert.equal(recovered.sender, account.address);
      assert.equal(recovered.sender, await recoverTransactionAddress({ serializedTransaction: raw as TransactionSerialized }), "as viem recovers it");
      assert.equal(recovered.hash, keccak256(raw), "with the transaction's hash");
    }
  });

  it("rejects what names no sender: a signature that recovers to nothing, non-hex, truncated RLP", async () => {
    const unsigned = { ...base, type: "eip1559", maxFeePerGas: 1n, maxPriorityFeePerGas: 1n } as const;
    const nothing = serializeTransaction(unsigned, { r: `0x${"00".repeat(32)}`, s: `0x${"00".repeat(32)}`, yParity: 0 });
    const [good] = await signedBy(1);
    const bad: Hex[] = [nothing, "0xzz" as Hex, "0x0" as Hex, good!.raw.slice(0, 40) as Hex, "0x02" as Hex, "0x" as Hex];
    // In one turn with a good one: each bad one fails alone, as the sender's fault.
    const answers = await outcomes([...bad, good!.raw].map((raw) => pool.recover(raw)));
    assert.deepEqual(answers, [...bad.map(() => SenderNotRecoveredError.name), good!.sender]);
  });

  it("recovers many concurrent requests in order", async () => {
    const signed = await signedBy(50);
    assert.deepEqual(await senders(pool, signed.map(({ raw }) => raw)), signed.map((s) => s.sender));
  });

  it("serves a better bid before work queued ahead of it, once the tasks already handed over end", async () => {
    const single = new RecoveryPool({ size: 1 });
    try {
      const signed = await signedBy(41);
      const raws = Array.from({ length: 400 }, (_, i) => signed[i % 40]!.raw);
      const answered: string[] = [];
      const flood = raws.map((raw, i) => single.recover(raw, { tip: 1n, feeCap: 10n, rank: i }).then(() => answered.push("flood")));
      await new Promise((resolve) => setImmediate(resolve)); // the flood's first tasks are handed over
      const better = single.recover(signed[40]!.raw, { tip: 2n, feeCap: 10n, rank: 0 }).then(({ sender }) => (answered.push("better"), sender));
      assert.equal(await better, signed[40]!.sender);
      await Promise.all(flood);
      // Behind at most the two tasks of 16 already handed to the one worker, not the 368 still waiting.
      const place = answered.indexOf("better");
      assert.ok(place <= 32, `answered after ${place} of the flood`);
      assert.equal(answered.length, 401);
    } finally {
      await single.close();
    }
  });
});

/** The niceness of each of this process's threads (Linux: field 19 of /proc/self/task/<tid>/stat). */
const threadNiceness = () =>
  readdirSync("/proc/self/task").map((tid) => Number(readFileSync(`/proc/self/task/${tid}/stat`, "utf8").split(") ")[1]!.split(" ")[16]));

describe("the recovery pool's options", { timeout }, () => {
  it("runs its worker threads at the given niceness, and only them", async () => {
    const before = threadNiceness().filter((n) => n === 7).length;
    const pool = new RecoveryPool({ size: 2, niceness: 7 });
    try {
      const [signed] = await signedBy(1);
      assert.equal((await pool.recover(signed!.raw)).sender, signed!.sender);
      // Both threads have started once a batch could be split over them; wait for the second.
      for (let i = 0; i < 100 && threadNiceness().filter((n) => n === 7).length < before + 2; i++) await new Promise((r) => setTimeout(r, 20));
      assert.equal(threadNiceness().filter((n) => n === 7).length, before + 2, "two threads at niceness 7");
      assert.equal(readFileSync("/proc/self/stat", "utf8").split(") ")[1]!.split(" ")[16], "0", "the main thread keeps its priority");
    } finally {
      await pool.close();
    }
  });

  it("refuses a size or niceness out of range before starting any thread", () => {
    for (const [options, option] of [
      [{ size: 0 }, "size"],
      [{ size: 1.5 }, "size"],
      [{ size: 1_000 }, "size"],
      [{ niceness: -1 }, "niceness"],
      [{ niceness: 20 }, "niceness"],
      [{ niceness: Number.NaN }, "niceness"],
    ] as const) {
      assert.throws(() => new RecoveryPool(options), (error: unknown) => error instanceof RecoveryOptionsError && error.option === option, JSON.stringify(options));
    }
  });
});

describe("sender recovery when a worker dies", { timeout }, () => {
  for (const [how, marker] of [
    ["exits (process.exit)", EXIT],
    ["throws an uncaught error", UNCAUGHT],
  ] as const) {
    it(`answers every request of the batch when its worker ${how}, and goes on serving`, async () => {
      const died: unknown[] = [];
      const pool = new RecoveryPool({ size: 2, worker: DYING_WORKER, log: (event, fields) => died.push({ event, ...fields }) });
      try {
        const signed = await signedBy(40);
        // One turn: the marker lands in the first worker's batch with 20 good ones, the other batch has 20 more.
        const raws = [signed[0]!.raw, marker, ...signed.slice(1).map((s) => s.raw)];
        const answers = await outcomes(raws.map((raw) => pool.recover(raw)));
        // The batch is retried one transaction per task: the innocent ones recover, the killer dies again alone.
        assert.deepEqual(answers, [signed[0]!.sender, RecoveryUnavailableError.name, ...signed.slice(1).map((s) => s.sender)]);
        assert.equal(died.length, 2, "the batch died, then the marker's retry");

        const later = await signedBy(10);
        assert.deepEqual(await senders(pool, later.map(({ raw }) => raw)), later.map((s) => s.sender), "the respawned workers serve");
      } finally {
        await pool.close();
      }
    });
  }

  it("answers a dead worker's request as an internal failure, not a bad signature", async () => {
    const pool = new RecoveryPool({ size: 1, worker: DYING_WORKER });
    try {
      await assert.rejects(pool.recover(EXIT), (error: unknown) => error instanceof RecoveryUnavailableError && error.reason === "workerDied");
    } finally {
      await pool.close();
    }
  });

  it("close() rejects queued and in-flight requests clearly, and later ones at once", async () => {
    const pool = new RecoveryPool({ size: 1, worker: DYING_WORKER });
    const [good] = await signedBy(1);
    const closed = (error: unknown) => error instanceof RecoveryUnavailableError && error.reason === "closed";
    const inFlight = assert.rejects(pool.recover(HANG), closed);
    await new Promise((resolve) => setTimeout(resolve, 50)); // its turn went to the only worker
    const waitingForWorker = assert.rejects(pool.recover(good!.raw), closed);
    await new Promise((resolve) => setTimeout(resolve, 50)); // its turn waits in piscina's queue
    const inThisTurn = assert.rejects(pool.recover(good!.raw), closed);
    await pool.close();
    await Promise.all([inFlight, waitingForWorker, inThisTurn]);
    await assert.rejects(pool.recover(good!.raw), closed);
  });
});
