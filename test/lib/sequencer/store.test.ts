/**
 * The durable transaction store on a real SQLite file (node:sqlite, WAL, synchronous=FULL):
 * round trips of every field, replace / include / drop, per-write refusals inside a shared
 * commit, group commit, restart, and crash safety under SIGKILL of a writing child process.
 */
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { DatabaseSync } from "node:sqlite";
import { after, describe, it } from "node:test";

import type { Hex } from "viem";

import {
  MIGRATIONS,
  openSqliteStore,
  StoreClosedError,
  StoreDuplicateError,
  StoreInvalidTransactionError,
  StoreNonceConflictError,
  StoreNotPendingError,
  StoreOpenError,
  StoreReplaceMismatchError,
  StoreWriteError,
  type SqliteStoreOptions,
} from "../../../lib/sequencer/store/index.ts";
import { fixtureTransaction } from "./fixtures/transactions.ts";

const root = mkdtempSync(join(tmpdir(), "sequencer-store-"));
after(() => rmSync(root, { recursive: true, force: true }));
let databases = 0;

/** A fresh database path per test. */
function freshPath(): string {
  databases += 1;
  return join(root, `store-${databases}.db`);
}

function open(options: SqliteStoreOptions = {}, path = freshPath()) {
  return { store: openSqliteStore(path, options), path };
}

/** A second, independent connection: what it sees is committed. */
function peek<T>(path: string, read: (db: DatabaseSync) => T): T {
  const db = new DatabaseSync(path, { readOnly: true });
  try {
    return read(db);
  } finally {
    db.close();
  }
}

function storedCount(path: string): number {
  return peek(path, (db) => Number(db.prepare("SELECT count(*) AS n FROM transactions").get()?.["n"]));
}

describe("SqliteTransactionStore", () => {
  it("returns every field exactly, in sequence order, per chain", async () => {
    const { store } = open();
    assert.equal(store.nextSequence(), 0n);
    const huge = fixtureTransaction(7, { maxFeePerGas: (1n << 255n) + 12345n, maxPriorityFeePerGas: (1n << 64n) + 1n, nonce: (1n << 64n) - 2n });
    const transactions = [fixtureTransaction(2), fixtureTransaction(0), huge, fixtureTransaction(1)];
    const other = fixtureTransaction(3, { chainId: 902 });
    await Promise.all([...transactions, other].map((transaction) => store.add(transaction)));

    assert.deepEqual(store.loadPending(901), [fixtureTransaction(0), fixtureTransaction(1), fixtureTransaction(2), huge]);
    assert.deepEqual(store.loadPending(902), [other]);
    assert.deepEqual(store.loadPending(903), []);
    assert.equal(store.nextSequence(), 8n);
    store.close();
  });

  it("settles a write only once another connection can see it committed", async () => {
    const { store, path } = open();
    const transaction = fixtureTransaction(0);
    let settled = false;
    const written = store.add(transaction).then(() => {
      settled = true;
      return storedCount(path);
    });
    await Promise.resolve();
    assert.equal(settled, false);
    assert.equal(storedCount(path), 0);
    assert.equal(await written, 1);
    store.close();
  });

  it("replaces atomically and refuses replacements that do not fit", async () => {
    const { store } = open();
    const original = fixtureTransaction(0);
    await store.add(original);
    const bump = fixtureTransaction(100, { sender: original.sender, nonce: original.nonce, maxPriorityFeePerGas: original.maxPriorityFeePerGas * 2n });
    await store.replace(original.hash, bump);
    assert.deepEqual(store.loadPending(901), [bump]);

    await assert.rejects(store.replace(original.hash, fixtureTransaction(101, { sender: original.sender, nonce: original.nonce })), (error) => {
      assert.ok(error instanceof StoreNotPendingError);
      assert.equal(error.status, "replaced");
      return true;
    });
    await assert.rejects(store.replace(bump.hash, fixtureTransaction(102)), StoreReplaceMismatchError);
    await assert.rejects(store.replace(bump.hash, original), (error) => error instanceof StoreDuplicateError && error.status === "replaced");
    await assert.rejects(store.replace(`0x${"ab".repeat(32)}`, fixtureTransaction(103)), (error) => error instanceof StoreNotPendingError && error.status === "unknown");
    // Nothing of the refused replacements stuck: the bump is still the one pending transaction.
    assert.deepEqual(store.loadPending(901), [bump]);
    store.close();
  });

  it("marks inclusion and drops, on the right chain only", async () => {
    const { store } = open();
    const [a, b, c] = [fixtureTransaction(0), fixtureTransaction(1), fixtureTransaction(2)];
    await Promise.all([a, b, c].map((transaction) => store.add(transaction)));

    await store.markIncluded(902, [a.hash], 5n); // wrong chain: no effect
    assert.equal(store.inclusion(a.hash), undefined);
    await store.markIncluded(901, [a.hash, b.hash], (1n << 40n) + 3n);
    await store.drop(901, [c.hash], "nonce too low");
    assert.deepEqual(store.loadPending(901), []);
    assert.deepEqual(store.inclusion(a.hash), { chainId: 901, blockNumber: (1n << 40n) + 3n });
    assert.deepEqual(store.inclusion(b.hash.toUpperCase().replace("0X", "0x") as Hex), { chainId: 901, blockNumber: (1n << 40n) + 3n });
    assert.equal(store.inclusion(c.hash), undefined);
    await store.markIncluded(901, [a.hash], 99n); // the first inclusion stands
    assert.deepEqual(store.inclusion(a.hash), { chainId: 901, blockNumber: (1n << 40n) + 3n });
    await store.drop(901, [a.hash], "late"); // included transactions are not dropped
    assert.deepEqual(store.inclusion(a.hash), { chainId: 901, blockNumber: (1n << 40n) + 3n });
    store.close();
  });

  it("takes a dropped transaction again as newly admitted, but never an included one", async () => {
    const { store } = open();
    const [a, b] = [fixtureTransaction(0), fixtureTransaction(1)];
    await Promise.all([store.add(a), store.add(b)]);
    await store.drop(901, [a.hash], "evicted");
    await store.markIncluded(901, [b.hash], 7n);
    const again = { ...a, sequence: 40n, receivedAt: a.receivedAt + 1 };
    await store.add(again);
    assert.deepEqual(store.loadPending(901), [again], "pending again, with the new admission's sequence");
    assert.equal(store.nextSequence(), 41n);
    await assert.rejects(store.add({ ...b, sequence: 41n }), (error) => error instanceof StoreDuplicateError && error.status === "included");
    store.close();
  });

  it("refuses a duplicate or a taken nonce alone, while the rest of its batch commits", async () => {
    const { store } = open();
    await store.add(fixtureTransaction(0));
    const results = await Promise.allSettled([
      store.add(fixtureTransaction(1)),
      store.add(fixtureTransaction(0)), // already stored
      store.add(fixtureTransaction(2)),
      store.add(fixtureTransaction(2)), // duplicate inside the same batch
      store.add(fixtureTransaction(50, { sender: fixtureTransaction(1).sender, nonce: fixtureTransaction(1).nonce })), // nonce slot taken
      store.add(fixtureTransaction(3)),
    ]);
    assert.deepEqual(
      results.map((result) => result.status),
      ["fulfilled", "rejected", "fulfilled", "rejected", "rejected", "fulfilled"],
    );
    const reasons = results.flatMap((result) => (result.status === "rejected" ? [result.reason as unknown] : []));
    assert.ok(reasons[0] instanceof StoreDuplicateError && reasons[0].status === "pending");
    assert.ok(reasons[1] instanceof StoreDuplicateError);
    assert.ok(reasons[2] instanceof StoreNonceConflictError && reasons[2].pendingHash === fixtureTransaction(1).hash);
    assert.deepEqual(store.loadPending(901).map((transaction) => transaction.sequence), [0n, 1n, 2n, 3n]);
    assert.deepEqual(store.stats(), { commits: 2, writes: 4, refused: 3, failedCommits: 0, largestBatch: 6, queued: 0 });
    store.close();
  });

  it("isolates a statement that fails for an unexpected reason", async () => {
    const { store, path } = open();
    await store.add(fixtureTransaction(0));
    const db = new DatabaseSync(path);
    db.exec("CREATE TRIGGER refuse_666 BEFORE INSERT ON transactions WHEN NEW.size = 666 BEGIN SELECT RAISE(ABORT, 'refused by test'); END");
    db.close();
    const results = await Promise.allSettled([
      store.add(fixtureTransaction(1)),
      store.add(fixtureTransaction(2, { size: 666 })),
      store.add(fixtureTransaction(3)),
      store.add(fixtureTransaction(4, { sequence: 1n })), // sequence already used
    ]);
    assert.deepEqual(results.map((result) => result.status), ["fulfilled", "rejected", "fulfilled", "rejected"]);
    for (const result of results) if (result.status === "rejected") assert.ok(result.reason instanceof StoreWriteError);
    assert.deepEqual(store.loadPending(901).map((transaction) => transaction.sequence), [0n, 1n, 3n]);
    store.close();
  });

  it("rejects the whole batch with StoreWriteError when the transaction cannot commit, and recovers", async () => {
    const { store, path } = open({ busyTimeoutMs: 20 });
    const blocker = new DatabaseSync(path);
    blocker.exec("BEGIN IMMEDIATE"); // holds the write lock
    const results = await Promise.allSettled([store.add(fixtureTransaction(0)), store.add(fixtureTransaction(1))]);
    blocker.exec("ROLLBACK");
    blocker.close();
    for (const result of results) {
      assert.equal(result.status, "rejected");
      assert.ok(result.status === "rejected" && result.reason instanceof StoreWriteError);
    }
    assert.equal(store.stats().failedCommits, 1);
    assert.deepEqual(store.loadPending(901), []);
    await store.add(fixtureTransaction(0));
    assert.equal(store.loadPending(901).length, 1);
    store.close();
  });

  it("rejects the batch a dying writer thread held, and commits what queued behind it, and later writes, on a new one", async () => {
    const { store } = open({ writer: new URL("./fixtures/dyingWriter.ts", import.meta.url) });
    await store.add(fixtureTransaction(0));
    const fatal = Promise.allSettled([store.add(fixtureTransaction(1)), store.add(fixtureTransaction(2, { size: 13 }))]);
    await new Promise((resolve) => setImmediate(resolve)); // the fatal batch is with the writer now
    const behind = store.add(fixtureTransaction(3)); // waits for that batch to end
    for (const result of await fatal) assert.ok(result.status === "rejected" && result.reason instanceof StoreWriteError, "not acknowledged");
    await behind;
    await store.add(fixtureTransaction(4));
    assert.deepEqual(store.loadPending(901).map((transaction) => transaction.sequence), [0n, 3n, 4n]);
    assert.equal(store.stats().failedCommits, 1);
    store.close();
  });

  it("refuses values it cannot store, at once and without queueing", async () => {
    const { store } = open();
    await assert.rejects(store.add(fixtureTransaction(0, { sequence: 1n << 63n })), StoreInvalidTransactionError);
    await assert.rejects(store.add(fixtureTransaction(0, { nonce: -1n })), StoreInvalidTransactionError);
    await assert.rejects(store.add(fixtureTransaction(0, { maxFeePerGas: 1n << 256n })), StoreInvalidTransactionError);
    await assert.rejects(store.add(fixtureTransaction(0, { raw: "0xabc" })), StoreInvalidTransactionError);
    await assert.rejects(store.markIncluded(901, [fixtureTransaction(0).hash], -1n), StoreInvalidTransactionError);
    assert.equal(store.stats().queued, 0);
    assert.equal(store.stats().commits, 0);
    store.close();
  });

  it("group-commits 1,000 concurrent adds into a handful of commits", async () => {
    const { store } = open();
    const transactions = Array.from({ length: 1_000 }, (_, i) => fixtureTransaction(i));
    await Promise.all(transactions.map((transaction) => store.add(transaction)));
    const stats = store.stats();
    assert.equal(stats.writes, 1_000);
    assert.ok(stats.commits <= 20, `${stats.commits} commits`);
    assert.equal(store.loadPending(901).length, 1_000);
    store.close();

    const single = open({ maxBatch: 1 }).store;
    await Promise.all(transactions.slice(0, 10).map((transaction) => single.add(transaction)));
    assert.equal(single.stats().commits, 10);
    single.close();
  });

  it("keeps everything acknowledged across a restart, and close() flushes queued writes", async () => {
    const { store: first, path } = open();
    await Promise.all([0, 1, 2, 3].map((i) => first.add(fixtureTransaction(i))));
    await first.markIncluded(901, [fixtureTransaction(0).hash], 10n);
    first.close();
    const store = openSqliteStore(path, { maxDelayMs: 60_000 });
    const late = store.add(fixtureTransaction(4)); // still queued (60 s delay) when close() runs
    assert.equal(store.stats().queued, 1);
    store.close();
    assert.equal(store.stats().commits, 1);
    await late;
    await assert.rejects(store.add(fixtureTransaction(5)), StoreClosedError);
    assert.throws(() => store.loadPending(901), StoreClosedError);

    const reopened = openSqliteStore(path);
    assert.deepEqual(reopened.loadPending(901), [1, 2, 3, 4].map((i) => fixtureTransaction(i)));
    assert.deepEqual(reopened.inclusion(fixtureTransaction(0).hash), { chainId: 901, blockNumber: 10n });
    assert.equal(reopened.nextSequence(), 5n);
    await reopened.add(fixtureTransaction(5));
    reopened.close();
    const again = openSqliteStore(path);
    assert.equal(again.nextSequence(), 6n);
    assert.equal(peek(path, (db) => db.prepare("PRAGMA journal_mode").get()?.["journal_mode"]), "wal");
    assert.equal(peek(path, (db) => Number(db.prepare("SELECT count(*) AS n FROM schema_migrations").get()?.["n"])), MIGRATIONS.length);
    again.close();
  });

  it("refuses to open a database written by a newer schema", () => {
    const { store, path } = open();
    store.close();
    const db = new DatabaseSync(path);
    db.exec("INSERT INTO schema_migrations (version, description, applied_at) VALUES (99, 'future', 0)");
    db.close();
    assert.throws(() => openSqliteStore(path), StoreOpenError);
  });

  for (const killAfter of [300, 1_500, 3_500]) {
    it(`loses no acknowledged transaction when the writer is killed with SIGKILL (after ${killAfter} acks)`, async () => {
      await crashAndCheck(killAfter);
    });
  }
});

/**
 * Runs the crash child on a fresh database, SIGKILLs it once it has printed `killAfter`
 * acknowledgements (its pipe holds at most ~1,000 more lines, so the kill lands mid-run), then
 * reopens the file: every acknowledged hash is stored with its exact fields, none twice.
 */
async function crashAndCheck(killAfter: number): Promise<void> {
  const path = freshPath();
  const count = 5_000;
  const fixture = resolve(import.meta.dirname, "fixtures/crashWriter.ts");
  const child = spawn(process.execPath, ["--disable-warning=ExperimentalWarning", fixture, path, String(count), "64"], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  const acknowledged: string[] = [];
  let stderr = "";
  let buffer = "";
  child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
  const exited = new Promise<NodeJS.Signals | number | null>((done) => child.on("exit", (code, signal) => done(signal ?? code)));
  child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
    buffer += chunk;
    const lines = buffer.split("\n");
    buffer = lines.pop() ?? "";
    for (const line of lines) if (line.startsWith("0x")) acknowledged.push(line);
    if (acknowledged.length >= killAfter && child.exitCode === null && !child.killed) child.kill("SIGKILL");
  });
  const ending = await exited;
  // Lines already in the pipe when the kill landed were printed after their ack: they count too.
  for (const line of buffer.split("\n")) if (line.startsWith("0x")) acknowledged.push(line);
  assert.equal(ending, "SIGKILL", `the child ended with ${String(ending)} before the kill: ${stderr}`);
  assert.ok(acknowledged.length >= killAfter);

  assert.equal(peek(path, (db) => db.prepare("PRAGMA integrity_check").get()?.["integrity_check"]), "ok");
  const store = openSqliteStore(path);
  const pending = store.loadPending(901);
  store.close();
  const byHash = new Map(pending.map((transaction) => [transaction.hash, transaction]));
  assert.equal(byHash.size, pending.length, "a hash is stored twice");
  assert.equal(new Set(pending.map((transaction) => transaction.sequence)).size, pending.length, "a sequence is stored twice");
  for (const hash of acknowledged) {
    const stored = byHash.get(hash as Hex);
    assert.ok(stored, `acknowledged ${hash} is missing`);
    assert.deepEqual(stored, fixtureTransaction(Number(stored.sequence)));
  }
  for (const transaction of pending) assert.deepEqual(transaction, fixtureTransaction(Number(transaction.sequence)));
  assert.ok(pending.length < count, `the kill landed after all ${count} writes; raise the count`);
  console.log(`crash: ${acknowledged.length} acknowledged, ${pending.length} stored of ${count}`);
}
