import { DatabaseSync, type StatementSync } from "node:sqlite";
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from "node:worker_threads";

import type { Hex } from "viem";

import type { PendingTransaction, TransactionStore } from "../types.ts";
import { StoreClosedError, StoreError, StoreInvalidTransactionError, StoreOpenError, StoreWriteError } from "./errors.ts";
import { checkChainId, checkHash, decodeTransaction, encodeTransaction, INT64_MAX, TRANSACTION_COLUMNS } from "./records.ts";
import { migrate } from "./schema.ts";
import type { WriterAnswer, WriterData, WriterRequest } from "./writer.ts";
import { encodeWrites, refusalError, type BatchOutcome, type StoreWrite } from "./writes.ts";

export interface SqliteStoreOptions {
  /** Most writes committed together; reaching it commits at once. Default 256; 1 = one commit per write. */
  maxBatch?: number;
  /**
   * How long the first queued write waits for company before its batch goes to the writer. 0
   * (default): the next macrotask (setImmediate), so whatever arrived in the same turn of the
   * event loop shares the commit and a lone write pays no added latency; under load, what arrives
   * while a batch commits forms the next batch anyway.
   */
  maxDelayMs?: number;
  /** How long a commit waits for another connection's write lock before failing. Default 5000. */
  busyTimeoutMs?: number;
  /** The writer thread's module (see ./writer.ts, the default); tests put a failing one in front of it. */
  writer?: URL;
}

/** Counters since open (for tests, `/metrics` and the benchmark). */
export interface SqliteStoreStats {
  /** Transactions committed (each one fsync of the WAL). */
  commits: number;
  /** Writes acknowledged: committed and resolved. */
  writes: number;
  /** Writes refused on their own (duplicate, nonce conflict, …) while their batch committed. */
  refused: number;
  /** Commits that failed; every write of such a batch rejected with StoreWriteError. */
  failedCommits: number;
  /** Largest number of writes that shared one commit. */
  largestBatch: number;
  /** Writes not committed yet: queued, or in the batch the writer thread is committing. */
  queued: number;
}

/** One write waiting for its commit. */
interface QueuedWrite {
  /** For error messages: `add 0x…`. */
  operation: string;
  write: StoreWrite;
  resolve: () => void;
  reject: (error: StoreError) => void;
}

/** How long `close()` waits for the writer thread's last commits before giving up on them. */
const CLOSE_TIMEOUT_MS = 30_000;

/**
 * The durable {@link TransactionStore}: one SQLite file (node:sqlite) in WAL mode with
 * `synchronous=FULL`, so a COMMIT returns only after the WAL is fsynced.
 *
 * Writes are group-committed on a writer thread (./writer.ts), which owns the write connection:
 * `add`, `replace`, `markIncluded` and `drop` check their arguments here (a bad value rejects at
 * once, nothing queued), queue the write as data and return a promise. The queue goes to the
 * writer as one batch on the next macrotask (or after `maxDelayMs`), or as soon as `maxBatch`
 * writes are queued; while a batch commits, what arrives waits and goes as the next batch. Each
 * batch is one `BEGIN IMMEDIATE … COMMIT`, and its promises settle only after COMMIT has returned.
 * If the commit fails, every write of the batch rejects with {@link StoreWriteError} and the
 * batch is rolled back. The event loop never waits for the disk: a commit's fsync takes the
 * writer thread, not the thread that admits transactions.
 *
 * A write refused on its own (a duplicate hash, a taken nonce slot, a failing statement) is rolled
 * back alone and rejects with its own error, while the other writes of its batch commit. Its
 * rejection, too, is delivered only after the batch commits: a duplicate of a write in the same
 * batch is "already known" only once that write is durable.
 *
 * Reads (`loadPending`, `inclusion`) are synchronous, on this thread's own connection, and see
 * committed rows only, never queued writes. `nextSequence` also counts sequences queued but not
 * yet committed, so callers can take numbers for concurrent admissions.
 *
 * @example
 * const store = openSqliteStore("/var/lib/sequencer/transactions.db");
 * await store.add({ ...admitted, sequence: store.nextSequence() }); // durable from here
 * const pending = store.loadPending(901);
 * store.close();
 */
export class SqliteTransactionStore implements TransactionStore {
  readonly path: string;
  readonly #db: DatabaseSync;
  readonly #busyTimeoutMs: number;
  readonly #writerModule: URL;
  readonly #maxBatch: number;
  readonly #maxDelayMs: number;
  readonly #sql: ReturnType<typeof prepareReads>;

  #queue: QueuedWrite[] = [];
  #scheduled: { cancel: () => void } | undefined;
  #writer: Writer | undefined;
  /** Batches handed to the writer, by id, until their outcome arrives. */
  readonly #inFlight = new Map<number, QueuedWrite[]>();
  #nextBatchId = 0;
  #closed = false;
  /** Highest sequence stored or queued; -1 when none. */
  #highestSequence: bigint;
  readonly #stats = { commits: 0, writes: 0, refused: 0, failedCommits: 0, largestBatch: 0 };

  constructor(path: string, options: SqliteStoreOptions = {}) {
    const maxBatch = options.maxBatch ?? 256;
    const maxDelayMs = options.maxDelayMs ?? 0;
    if (!Number.isInteger(maxBatch) || maxBatch < 1) throw new StoreOpenError({ path, reason: `maxBatch ${maxBatch} is not a positive integer` });
    if (!Number.isFinite(maxDelayMs) || maxDelayMs < 0) throw new StoreOpenError({ path, reason: `maxDelayMs ${maxDelayMs} is not a non-negative number` });
    this.path = path;
    this.#maxBatch = maxBatch;
    this.#maxDelayMs = maxDelayMs;
    this.#busyTimeoutMs = options.busyTimeoutMs ?? 5_000;
    this.#writerModule = options.writer ?? new URL("./writer.ts", import.meta.url);

    let db: DatabaseSync;
    try {
      db = new DatabaseSync(path, { timeout: this.#busyTimeoutMs });
    } catch (cause) {
      throw new StoreOpenError({ path, reason: "SQLite could not open the file", cause });
    }
    try {
      const mode = db.prepare("PRAGMA journal_mode = WAL").get()?.["journal_mode"];
      if (mode !== "wal") throw new Error(`journal_mode is ${String(mode)}, not wal`);
      migrate(db);
      this.#sql = prepareReads(db);
      const highest = this.#sql.maxSequence.get()?.["highest"];
      this.#highestSequence = typeof highest === "bigint" ? highest : -1n;
    } catch (cause) {
      db.close();
      throw new StoreOpenError({ path, reason: "preparing the database failed", cause });
    }
    this.#db = db;
  }

  add(transaction: PendingTransaction): Promise<void> {
    return this.#enqueue(`add ${transaction.hash}`, () => {
      const record = encodeTransaction(transaction);
      this.#highestSequence = max(this.#highestSequence, transaction.sequence);
      return { kind: "add", record };
    });
  }

  replace(replacedHash: Hex, transaction: PendingTransaction): Promise<void> {
    return this.#enqueue(`replace ${replacedHash} with ${transaction.hash}`, () => {
      checkHash("replacedHash", replacedHash);
      const record = encodeTransaction(transaction);
      this.#highestSequence = max(this.#highestSequence, transaction.sequence);
      return { kind: "replace", replacedHash, record };
    });
  }

  markIncluded(chainId: number, hashes: readonly Hex[], blockNumber: bigint): Promise<void> {
    if (hashes.length === 0) return this.#closed ? Promise.reject(new StoreClosedError({ operation: "markIncluded" })) : Promise.resolve();
    return this.#enqueue(`markIncluded ${hashes.length} on chain ${chainId} block ${blockNumber}`, () => {
      checkChainId(chainId);
      for (const hash of hashes) checkHash("hash", hash);
      if (blockNumber < 0n || blockNumber > INT64_MAX) throw new StoreInvalidTransactionError({ field: "blockNumber", reason: `${blockNumber} is out of range` });
      return { kind: "markIncluded", chainId, hashes, blockNumber: blockNumber.toString() };
    });
  }

  drop(chainId: number, hashes: readonly Hex[], reason: string): Promise<void> {
    if (hashes.length === 0) return this.#closed ? Promise.reject(new StoreClosedError({ operation: "drop" })) : Promise.resolve();
    return this.#enqueue(`drop ${hashes.length} on chain ${chainId}`, () => {
      checkChainId(chainId);
      for (const hash of hashes) checkHash("hash", hash);
      return { kind: "drop", chainId, hashes, reason };
    });
  }

  loadPending(chainId: number): PendingTransaction[] {
    this.#assertOpen("loadPending");
    return this.#sql.pending.all(chainId).map(decodeTransaction);
  }

  inclusion(hash: Hex): { chainId: number; blockNumber: bigint } | undefined {
    this.#assertOpen("inclusion");
    const row = this.#sql.inclusion.get(hash);
    if (!row) return undefined;
    return { chainId: Number(row["chain_id"]), blockNumber: row["block_number"] as bigint };
  }

  nextSequence(): bigint {
    return this.#highestSequence + 1n;
  }

  /** Counters since open; `queued` counts the writes not yet committed (waiting or committing). */
  stats(): SqliteStoreStats {
    let committing = 0;
    for (const batch of this.#inFlight.values()) committing += batch.length;
    return { ...this.#stats, queued: this.#queue.length + committing };
  }

  /**
   * Commits every queued write now and waits for the writer thread's last commits (their promises
   * settle as usual), then closes the database. Later writes reject with {@link StoreClosedError}.
   * Idempotent.
   */
  close(): void {
    if (this.#closed) return;
    this.#scheduled?.cancel();
    this.#scheduled = undefined;
    this.#closed = true;
    const writer = this.#queue.length > 0 ? (this.#writer ??= this.#startWriter()) : this.#writer;
    if (writer) {
      while (this.#queue.length > 0) this.#send(writer, this.#queue.splice(0, this.#maxBatch));
      writer.port.postMessage({ type: "close" } satisfies WriterRequest);
      this.#awaitClosed(writer);
    }
    this.#db.close();
  }

  /**
   * Queues a write. `prepare` validates the arguments synchronously (a StoreError rejects at once,
   * nothing queued) and returns the write as data.
   */
  #enqueue(operation: string, prepare: () => StoreWrite): Promise<void> {
    if (this.#closed) return Promise.reject(new StoreClosedError({ operation }));
    let write: StoreWrite;
    try {
      write = prepare();
    } catch (error) {
      return Promise.reject(error instanceof StoreError ? error : new StoreWriteError({ operation, reason: "invalid arguments", cause: error }));
    }
    const promise = new Promise<void>((resolve, reject) => {
      this.#queue.push({ operation, write, resolve, reject });
    });
    if (this.#queue.length >= this.#maxBatch) this.#flush();
    else if (this.#inFlight.size === 0) this.#schedule();
    // else: the batch committing now hands over the queue when it is done.
    return promise;
  }

  #schedule(): void {
    if (this.#scheduled) return;
    if (this.#maxDelayMs > 0) {
      const timer = setTimeout(() => this.#flush(), this.#maxDelayMs);
      this.#scheduled = { cancel: () => clearTimeout(timer) };
    } else {
      const immediate = setImmediate(() => this.#flush());
      this.#scheduled = { cancel: () => clearImmediate(immediate) };
    }
  }

  /** Hands everything queued to the writer thread, `maxBatch` writes per transaction. */
  #flush(): void {
    this.#scheduled?.cancel();
    this.#scheduled = undefined;
    if (this.#queue.length === 0) return;
    const writer = (this.#writer ??= this.#startWriter());
    while (this.#queue.length > 0) this.#send(writer, this.#queue.splice(0, this.#maxBatch));
  }

  #send(writer: Writer, batch: QueuedWrite[]): void {
    const id = this.#nextBatchId++;
    this.#inFlight.set(id, batch);
    writer.batches.add(id);
    // An unanswered batch keeps the process alive, and so does the thread: its death must be heard.
    writer.port.ref();
    writer.thread.ref();
    writer.port.postMessage({ type: "commit", id, writes: encodeWrites(batch.map(({ write }) => write)) } satisfies WriterRequest);
  }

  #startWriter(): Writer {
    const { port1, port2 } = new MessageChannel();
    const answered = new SharedArrayBuffer(4);
    const thread = new Worker(this.#writerModule, {
      workerData: { path: this.path, busyTimeoutMs: this.#busyTimeoutMs, port: port2, answered } satisfies WriterData,
      transferList: [port2],
      execArgv: ["--disable-warning=ExperimentalWarning"],
    });
    thread.unref();
    const writer: Writer = { thread, port: port1, answered: new Int32Array(answered), batches: new Set() };
    port1.on("message", (answer: WriterAnswer) => this.#receive(writer, answer));
    // A writer that dies takes its unanswered batches with it: they were never acknowledged.
    // Answers it sent before dying are taken first (its exit may be heard before them), and
    // what queued behind its batches goes to a new writer.
    const lost = (reason: string) => {
      if (this.#writer !== writer) return;
      this.#writer = undefined;
      this.#drain(writer);
      this.#failBatches(writer, reason);
      port1.close();
      this.#requeue();
    };
    thread.once("error", (error) => lost(`the writer thread failed: ${error.message}`));
    thread.once("exit", (code) => lost(`the writer thread exited with code ${code}`));
    return writer;
  }

  #receive(writer: Writer, answer: WriterAnswer): void {
    if (answer.type === "failed") {
      if (this.#writer === writer) this.#writer = undefined;
      this.#failBatches(writer, `the writer thread could not open the database: ${answer.message}`);
      this.#requeue();
      return;
    }
    if (answer.type === "closed") return;
    const batch = this.#inFlight.get(answer.id);
    if (!batch) return;
    this.#inFlight.delete(answer.id);
    writer.batches.delete(answer.id);
    if (writer.batches.size === 0) {
      writer.port.unref();
      writer.thread.unref();
    }
    this.#settle(batch, answer.outcome);
    // What arrived while the batch committed goes now, as the next batch.
    if (this.#inFlight.size === 0 && this.#queue.length > 0 && !this.#closed) this.#flush();
  }

  #settle(batch: QueuedWrite[], outcome: BatchOutcome): void {
    if (!outcome.committed) {
      this.#stats.failedCommits += 1;
      const cause = new Error(outcome.message);
      for (const write of batch) {
        write.reject(new StoreWriteError({ operation: write.operation, reason: `the batch of ${batch.length} writes was rolled back`, cause }));
      }
      return;
    }
    // Durable from here: COMMIT returned after the WAL fsync.
    this.#stats.commits += 1;
    this.#stats.largestBatch = Math.max(this.#stats.largestBatch, batch.length);
    batch.forEach((write, index) => {
      const refusal = outcome.refusals[index];
      if (refusal) {
        this.#stats.refused += 1;
        write.reject(refusalError(write.operation, refusal));
      } else {
        this.#stats.writes += 1;
        write.resolve();
      }
    });
  }

  /** Schedules what is still queued (it waited behind batches a lost writer took with it). */
  #requeue(): void {
    if (this.#queue.length > 0 && !this.#closed) this.#schedule();
  }

  /** Rejects every batch `writer` holds unanswered: none of it was acknowledged. */
  #failBatches(writer: Writer, reason: string): void {
    const batches = [...writer.batches].flatMap((id) => {
      const batch = this.#inFlight.get(id);
      return batch ? [batch] : [];
    });
    for (const id of writer.batches) this.#inFlight.delete(id);
    writer.batches.clear();
    for (const batch of batches) {
      this.#stats.failedCommits += 1;
      for (const write of batch) write.reject(new StoreWriteError({ operation: write.operation, reason }));
    }
  }

  /**
   * Waits, blocking this thread, until the writer has answered every batch and closed its
   * connection: `close()` is synchronous so that a caller's last acknowledged writes are settled
   * when it returns. Answers are taken off the port directly (they would otherwise arrive on a
   * later turn of the event loop).
   */
  #awaitClosed(writer: Writer): void {
    const deadline = Date.now() + CLOSE_TIMEOUT_MS;
    for (;;) {
      const seen = Atomics.load(writer.answered, 0);
      if (this.#drain(writer) || this.#writer !== writer) break;
      const left = deadline - Date.now();
      if (left <= 0 || Atomics.wait(writer.answered, 0, seen, left) === "timed-out") {
        this.#failBatches(writer, `the writer thread did not finish within ${CLOSE_TIMEOUT_MS} ms of close()`);
        // Hung or dead: it must not keep the process alive.
        writer.thread.unref();
        void writer.thread.terminate();
        break;
      }
    }
    this.#writer = undefined;
    writer.port.close();
  }

  /**
   * Takes the writer's answers waiting on its port now, instead of on a later turn of the event
   * loop; true when one of them says the writer is done (closed, or could not open).
   */
  #drain(writer: Writer): boolean {
    let done = false;
    for (let message = receiveMessageOnPort(writer.port); message; message = receiveMessageOnPort(writer.port)) {
      const answer = message.message as WriterAnswer;
      if (answer.type === "closed" || answer.type === "failed") done = true;
      this.#receive(writer, answer);
    }
    return done;
  }

  #assertOpen(operation: string): void {
    if (this.#closed) throw new StoreClosedError({ operation });
  }
}

/** The store's writer thread and the channel to it. */
interface Writer {
  thread: Worker;
  port: MessagePort;
  /** Answers the writer has sent (see ./writer.ts). */
  answered: Int32Array;
  /** Ids of the batches it holds unanswered. */
  batches: Set<number>;
}

/**
 * Opens (creating and migrating if needed) the durable transaction store at `path`.
 *
 * @example
 * const store = openSqliteStore(join(dataDir, "transactions.db"), { maxBatch: 256 });
 */
export function openSqliteStore(path: string, options: SqliteStoreOptions = {}): SqliteTransactionStore {
  return new SqliteTransactionStore(path, options);
}

/** This thread's statements: reads only (writes run on the writer thread). */
function prepareReads(db: DatabaseSync) {
  const withBigInts = (statement: StatementSync) => {
    statement.setReadBigInts(true);
    return statement;
  };
  return {
    pending: withBigInts(db.prepare(`SELECT ${TRANSACTION_COLUMNS} FROM transactions WHERE chain_id = ? AND status = 'pending' ORDER BY sequence`)),
    inclusion: withBigInts(db.prepare("SELECT chain_id, block_number FROM transactions WHERE hash = ? AND status = 'included'")),
    maxSequence: withBigInts(db.prepare("SELECT max(sequence) AS highest FROM transactions")),
  };
}

function max(a: bigint, b: bigint): bigint {
  return a > b ? a : b;
}
