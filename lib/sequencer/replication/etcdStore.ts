import { performance } from "node:perf_hooks";

import type { Etcd3, IKeyValue, IRequestOp, ITxnResponse, Watcher } from "etcd3";
import type { Hex } from "viem";

import { StoreClosedError, StoreNonceConflictError, StoreNotPendingError, StoreReplaceMismatchError } from "../store/errors.ts";
import { checkChainId, checkHash, encodeTransaction } from "../store/records.ts";
import type { Logger } from "../log.ts";
import type { PendingTransaction, TransactionStore } from "../types.ts";
import { withDeadline } from "./deadline.ts";
import { ReplicationUnavailableError } from "./errors.ts";
import { BATCH_BITS, decodeEntry, nested, withIndex, type LogEntry } from "./logEntry.ts";
import type { ReplicationKeys } from "./keys.ts";

/**
 * Writes per group commit: one top-level etcd operation each, so etcd's `--max-txn-ops` must allow
 * it (the devnet runs 1,024). Against etcd's default of 128 the log halves its batches until etcd
 * takes them. 256 is the admission concurrency: one commit can carry every admission in flight.
 */
export const DEFAULT_MAX_BATCH = 256;
/** Under etcd's 1.5 MiB request limit, with room for the envelope. */
const MAX_BATCH_BYTES = 1_000_000;
/**
 * Group commits in flight at once. One, measured (test/bench/sequencer-ha): a commit that carries
 * every admission in flight beats several smaller ones on a loaded machine (0.55× SQLite against
 * 0.45× with four).
 */
export const DEFAULT_MAX_IN_FLIGHT = 1;
/** Removals per etcd transaction (a compare and a delete each, under etcd's default 128 operations). */
const REMOVALS_PER_WRITE = 60;
/** Hashes of transactions this replica saw included, for `inclusion` (bounded). */
const INCLUSIONS_KEPT = 10_000;

export interface EtcdStoreOptions {
  client: Etcd3;
  keys: ReplicationKeys;
  /** Writes per etcd transaction at most (default {@link DEFAULT_MAX_BATCH}). */
  maxBatch?: number;
  /** Group commits in flight at once (default {@link DEFAULT_MAX_IN_FLIGHT}). */
  maxInFlight?: number;
  /** How long a batch may wait for etcd's commit before its writes fail unacknowledged, ms (default 3,000). */
  writeTimeoutMs?: number;
  /** Told how long each group commit took and how many writes it carried. */
  onCommit?: (seconds: number, writes: number) => void;
  /** Told about what the watch could not apply (a foreign value) or lost (a reconnect, a compaction). */
  log?: Logger;
}

/** What a replica's chains hear about the log: transactions other replicas acknowledged, and removals. */
export interface LogListener {
  added(transaction: PendingTransaction): void;
  removed(hash: Hex): void;
}


interface Write {
  operation: string;
  /** The write's own etcd transaction, nested in the batch's. */
  request: (index: number) => IRequestOp;
  bytes: number;
  hashes: readonly Hex[];
  settle: (response: ITxnResponse, revision: bigint, index: number) => void;
  reject: (error: unknown) => void;
}

/**
 * The transaction store of a replicated sequencer: every acknowledged transaction is committed to
 * etcd (a Raft quorum) before its hash is returned, so any replica can lose its disk, or die,
 * without losing one. Concurrent writes are group-committed: each write is its own nested etcd
 * transaction with its own compare-and-swap, and one etcd transaction carries a whole batch.
 *
 * Every replica keeps a mirror of the pending transactions, loaded once and then followed through
 * an etcd watch, so reads (`loadPending`) stay synchronous and each replica's mempool can follow
 * what the others acknowledge ({@link EtcdTransactionStore.subscribe}).
 */
export class EtcdTransactionStore implements TransactionStore {
  readonly #client: Etcd3;
  readonly #keys: ReplicationKeys;
  #maxBatch: number;
  readonly #writeTimeoutMs: number;
  readonly #maxInFlight: number;
  readonly #onCommit: EtcdStoreOptions["onCommit"];
  readonly #log: Logger | undefined;
  /**
   * Keys deleted at a revision the watch has not yet passed: a put from before the delete that
   * arrives late (the watch lags this replica's own commits) must not bring the key back.
   */
  readonly #tombstones = new Map<string, bigint>();
  readonly #entries = new Map<string, LogEntry>();
  readonly #byHash = new Map<Hex, LogEntry>();
  /** Keys by chain and sender (`<chainId>/<sender>`), for a replica that pools one sender's log on demand. */
  readonly #bySender = new Map<string, Set<string>>();
  readonly #counts = new Map<number, number>();
  readonly #inclusions = new Map<Hex, { chainId: number; blockNumber: bigint }>();
  readonly #listeners = new Map<number, Set<LogListener>>();
  /** Hashes being written by this replica: its own admission inserts them, not the watch. */
  readonly #writing = new Map<Hex, number>();
  #queue: Write[] = [];
  #inFlight = 0;
  #closed = false;
  #watcher: Watcher | undefined;
  #revision = 0n;
  #sequence = 0n;

  private constructor(options: EtcdStoreOptions) {
    this.#client = options.client;
    this.#keys = options.keys;
    this.#maxBatch = options.maxBatch ?? DEFAULT_MAX_BATCH;
    this.#writeTimeoutMs = options.writeTimeoutMs ?? 3_000;
    this.#maxInFlight = options.maxInFlight ?? DEFAULT_MAX_IN_FLIGHT;
    this.#onCommit = options.onCommit;
    this.#log = options.log;
  }

  /** Loads every pending transaction of the namespace and follows the log from there. */
  static async open(options: EtcdStoreOptions): Promise<EtcdTransactionStore> {
    const store = new EtcdTransactionStore(options);
    await store.#load();
    return store;
  }

  /** The last etcd revision this replica has applied. */
  get revision(): bigint {
    return this.#revision;
  }

  /** Whether the transaction is pending in the log (acknowledged, not yet included, dropped or replaced). */
  has(hash: Hex): boolean {
    return this.#byHash.has(hash);
  }

  /** The pending transaction with this hash, whichever replica acknowledged it. */
  pending(hash: Hex): PendingTransaction | undefined {
    return this.#byHash.get(hash)?.transaction;
  }

  /** How many transactions of the chain are pending in the log. */
  pendingCount(chainId: number): number {
    return this.#counts.get(chainId) ?? 0;
  }

  /** A sender's pending transactions on a chain, by nonce. */
  pendingOf(chainId: number, sender: Hex): PendingTransaction[] {
    const keys = this.#bySender.get(senderKey(chainId, sender)) ?? [];
    return [...keys]
      .flatMap((key) => this.#entries.get(key)?.transaction ?? [])
      .sort((a, b) => (a.nonce < b.nonce ? -1 : a.nonce > b.nonce ? 1 : 0));
  }

  /** Hears about one chain's log from now on; returns the unsubscribe. */
  subscribe(chainId: number, listener: LogListener): () => void {
    const listeners = this.#listeners.get(chainId) ?? new Set();
    listeners.add(listener);
    this.#listeners.set(chainId, listeners);
    return () => listeners.delete(listener);
  }

  add(transaction: PendingTransaction): Promise<void> {
    const encoded = this.#encode(transaction);
    const key = this.#keys.pending(transaction.chainId, transaction.sender, transaction.nonce);
    return this.#write({
      operation: `add ${transaction.hash}`,
      hashes: [transaction.hash],
      bytes: encoded.length,
      request: (index) => ({
        request_txn: {
          compare: [{ key: Buffer.from(key), target: "Create", result: "Equal", create_revision: 0 }],
          success: [{ request_put: { key: Buffer.from(key), value: Buffer.from(withIndex(encoded, index)) } }],
          failure: [{ request_range: { key: Buffer.from(key) } }],
        },
      }),
      settle: (response, revision, index) => this.#settlePut(transaction, key, response, revision, index),
    });
  }

  replace(replacedHash: Hex, transaction: PendingTransaction): Promise<void> {
    const replaced = this.#byHash.get(replacedHash);
    if (!replaced) return Promise.reject(new StoreNotPendingError({ hash: replacedHash, status: "unknown" }));
    for (const field of ["chainId", "sender", "nonce"] as const) {
      if (replaced.transaction[field] !== transaction[field]) {
        return Promise.reject(new StoreReplaceMismatchError({ replacedHash, hash: transaction.hash, field }));
      }
    }
    const encoded = this.#encode(transaction);
    const key = replaced.key;
    return this.#write({
      operation: `replace ${replacedHash} with ${transaction.hash}`,
      hashes: [transaction.hash],
      bytes: encoded.length,
      request: (index) => ({
        request_txn: {
          // Only over the very transaction replaced: a replica that replaced it first wins.
          compare: [{ key: Buffer.from(key), target: "Mod", result: "Equal", mod_revision: replaced.modRevision.toString() }],
          success: [{ request_put: { key: Buffer.from(key), value: Buffer.from(withIndex(encoded, index)) } }],
          failure: [{ request_range: { key: Buffer.from(key) } }],
        },
      }),
      settle: (response, revision, index) => this.#settlePut(transaction, key, response, revision, index),
    });
  }

  markIncluded(chainId: number, hashes: readonly Hex[], blockNumber: bigint): Promise<void> {
    checkChainId(chainId);
    for (const hash of hashes) this.#rememberInclusion(hash, chainId, blockNumber);
    return this.#remove(chainId, hashes, `included in block ${blockNumber}`);
  }

  drop(chainId: number, hashes: readonly Hex[], reason: string): Promise<void> {
    checkChainId(chainId);
    return this.#remove(chainId, hashes, reason);
  }

  loadPending(chainId: number): PendingTransaction[] {
    return [...this.#entries.values()]
      .filter((entry) => entry.transaction.chainId === chainId)
      .map((entry) => entry.transaction)
      .sort((a, b) => (a.sequence < b.sequence ? -1 : a.sequence > b.sequence ? 1 : 0));
  }

  inclusion(hash: Hex): { chainId: number; blockNumber: bigint } | undefined {
    return this.#inclusions.get(hash);
  }

  nextSequence(): bigint {
    // Provisional: the commit renumbers every transaction by its etcd revision.
    return ++this.#sequence;
  }

  /** Fails queued writes (never acknowledged) and stops following the log; the client stays the caller's. */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    const queued = this.#queue;
    this.#queue = [];
    for (const write of queued) write.reject(new StoreClosedError({ operation: write.operation }));
    void this.#watcher?.cancel().catch(() => undefined);
  }

  #encode(transaction: PendingTransaction): string {
    const { sequence: _sequence, ...record } = encodeTransaction({ ...transaction, sequence: 0n });
    return JSON.stringify(record);
  }

  /**
   * Deletes each transaction's key only if it still holds that very transaction (its revision): a
   * replacement another replica acknowledged meanwhile stays. A block's removals go in writes of
   * {@link REMOVALS_PER_WRITE}, all or nothing each; one whose compare fails (a replacement raced
   * it) is done again key by key.
   */
  async #remove(chainId: number, hashes: readonly Hex[], reason: string): Promise<void> {
    const entries = hashes.flatMap((hash) => {
      checkHash("hash", hash);
      const entry = this.#byHash.get(hash);
      return entry && entry.transaction.chainId === chainId ? [entry] : [];
    });
    const chunks: LogEntry[][] = [];
    for (let i = 0; i < entries.length; i += REMOVALS_PER_WRITE) chunks.push(entries.slice(i, i + REMOVALS_PER_WRITE));
    await Promise.all(
      chunks.map(async (chunk) => {
        if (await this.#removeAll(chunk, `remove ${chunk.length} of chain ${chainId} (${reason})`)) return;
        await Promise.all(chunk.map((entry) => this.#removeAll([entry], `remove ${entry.transaction.hash} of chain ${chainId} (${reason})`)));
      }),
    );
  }

  /** One write deleting every entry's key if each still holds its revision; whether it did. */
  #removeAll(entries: readonly LogEntry[], operation: string): Promise<boolean> {
    let removed = false;
    return this.#write({
      operation,
      hashes: [],
      bytes: entries.reduce((total, entry) => total + entry.key.length, 0),
      request: () => ({
        request_txn: {
          compare: entries.map((entry) => ({ key: Buffer.from(entry.key), target: "Mod" as const, result: "Equal" as const, mod_revision: entry.modRevision.toString() })),
          success: entries.map((entry) => ({ request_delete_range: { key: Buffer.from(entry.key) } })),
        },
      }),
      // This replica's own removal: its mempool already let the transactions go.
      settle: (response, revision) => {
        removed = response.succeeded;
        if (removed) for (const entry of entries) this.#forget(entry.key, revision, { notify: false, expected: entry.modRevision });
      },
    }).then(() => removed);
  }

  #settlePut(transaction: PendingTransaction, key: string, response: ITxnResponse, revision: bigint, index: number): void {
    if (!response.succeeded) {
      const current = response.responses[0]?.response_range?.kvs[0];
      const stored = current ? decodeEntry(key, current) : undefined;
      if (stored?.transaction.hash === transaction.hash) {
        // The very same transaction, acknowledged through another replica or by a write retried: it is in the log.
        transaction.sequence = stored.transaction.sequence;
        this.#apply(stored, { notify: false });
        return;
      }
      throw new StoreNonceConflictError({
        hash: transaction.hash,
        pendingHash: stored?.transaction.hash ?? ("0x" as Hex),
        chainId: transaction.chainId,
        sender: transaction.sender,
        nonce: transaction.nonce,
      });
    }
    transaction.sequence = (revision << BATCH_BITS) | BigInt(index);
    this.#apply({ key, transaction, modRevision: revision });
  }

  /** Queues a write for the next group commit; resolves once etcd committed it. */
  #write(write: Omit<Write, "reject" | "settle"> & { settle: Write["settle"] }): Promise<void> {
    if (this.#closed) return Promise.reject(new StoreClosedError({ operation: write.operation }));
    return new Promise<void>((resolve, reject) => {
      for (const hash of write.hashes) this.#writing.set(hash, (this.#writing.get(hash) ?? 0) + 1);
      const done = () => {
        for (const hash of write.hashes) {
          const left = (this.#writing.get(hash) ?? 1) - 1;
          if (left === 0) this.#writing.delete(hash);
          else this.#writing.set(hash, left);
        }
      };
      this.#queue.push({
        ...write,
        settle: (response, revision, index) => {
          try {
            write.settle(response, revision, index); // applied while still marked as this replica's own write
            resolve();
          } catch (error) {
            reject(error);
          } finally {
            done();
          }
        },
        reject: (error) => {
          done();
          reject(error);
        },
      });
      this.#pump();
    });
  }

  /**
   * Starts group commits while fewer than `maxInFlight` are in flight: each takes what
   * queued meanwhile (up to the batch limits), so batches grow with the load, and the next starts
   * without waiting for the last one's round trip.
   */
  #pump(): void {
    while (this.#inFlight < this.#maxInFlight && this.#queue.length > 0) {
      let bytes = 0;
      let count = 0;
      while (count < this.#queue.length && count < this.#maxBatch && (count === 0 || bytes + this.#queue[count]!.bytes <= MAX_BATCH_BYTES)) {
        bytes += this.#queue[count]!.bytes;
        count += 1;
      }
      this.#inFlight += 1;
      void this.#commit(this.#queue.splice(0, count)).finally(() => {
        this.#inFlight -= 1;
        this.#pump();
      });
    }
  }

  async #commit(batch: Write[]): Promise<void> {
    let answer: ITxnResponse;
    const started = performance.now();
    try {
      answer = await withDeadline(this.#client.kv.txn({ success: batch.map((write, index) => write.request(index)) }), this.#writeTimeoutMs);
    } catch (error) {
      const message = String((error as Error)?.message);
      // Two writes of one batch touched one key (etcd refuses the whole transaction): one by one.
      if (batch.length > 1 && /duplicate key/i.test(message)) {
        for (const write of batch) await this.#commit([write]);
        return;
      }
      // More operations than this etcd's --max-txn-ops: smaller batches from now on, these first.
      if (batch.length > 1 && /too many operations/i.test(message)) {
        this.#maxBatch = Math.max(1, Math.floor(batch.length / 2));
        this.#log?.warn("log-batch-reduced", { maxBatch: this.#maxBatch });
        this.#queue.unshift(...batch);
        return;
      }
      for (const write of batch) write.reject(new ReplicationUnavailableError({ operation: write.operation, cause: error }));
      return;
    }
    this.#onCommit?.((performance.now() - started) / 1000, batch.length);
    const revision = BigInt(answer.header.revision);
    batch.forEach((write, index) => write.settle(nested(answer.responses[index]), revision, index));
  }

  async #load(): Promise<void> {
    await this.#relist({ notify: false });
    const prefix = this.#keys.pendingPrefix();
    this.#watcher = await this.#client.watch().prefix(prefix).startRevision((this.#revision + 1n).toString()).create();
    let connections = 0;
    this.#watcher.on("connected", () => {
      // Reconnected: events may have been skipped meanwhile, so the mirror is listed afresh.
      if (connections++ > 0) void this.#relist({ notify: true }).catch((error: unknown) => this.#log?.error("log-relist-failed", { err: error }));
    });
    this.#watcher.on("put", (kv) => {
      const entry = this.#decode(kv);
      if (entry) this.#apply(entry);
    });
    this.#watcher.on("delete", (kv) => this.#forget(kv.key.toString(), BigInt(kv.mod_revision)));
    this.#watcher.on("data", (response) => {
      const seen = BigInt(response.header.revision);
      if (seen > this.#revision) this.#revision = seen;
      for (const [key, deleted] of this.#tombstones) if (deleted <= seen) this.#tombstones.delete(key);
    });
    this.#watcher.on("error", (error) => {
      this.#log?.error("log-watch-failed", { err: error });
      void this.#relist({ notify: true }).catch((failure: unknown) => this.#log?.error("log-relist-failed", { err: failure }));
    });
    this.#sequence = (this.#revision + 1n) << BATCH_BITS;
  }

  /** Lists every pending transaction and brings the mirror in line: what is gone is forgotten, what is new applied. */
  async #relist({ notify }: { notify: boolean }): Promise<void> {
    const listed = await this.#client.getAll().prefix(this.#keys.pendingPrefix()).exec();
    const revision = BigInt(listed.header.revision);
    const present = new Set<string>();
    for (const kv of listed.kvs) {
      const entry = this.#decode(kv);
      if (!entry) continue;
      present.add(entry.key);
      this.#apply(entry, { notify });
    }
    for (const key of [...this.#entries.keys()]) if (!present.has(key)) this.#forget(key, revision, { notify });
    if (revision > this.#revision) this.#revision = revision;
  }

  /** The entry of a stored value; undefined (and logged) for a value this code did not write. */
  #decode(kv: IKeyValue): LogEntry | undefined {
    const key = kv.key.toString();
    try {
      return decodeEntry(key, kv);
    } catch (error) {
      this.#log?.error("log-entry-unreadable", { key, err: error });
      return undefined;
    }
  }

  /** Takes in a committed put (this replica's or another's, whichever arrives first). */
  #apply(entry: LogEntry, { notify = true }: { notify?: boolean } = {}): void {
    const current = this.#entries.get(entry.key);
    if (current && current.modRevision >= entry.modRevision) return;
    const deleted = this.#tombstones.get(entry.key);
    if (deleted !== undefined && deleted >= entry.modRevision) return;
    if (current) this.#byHash.delete(current.transaction.hash);
    this.#entries.set(entry.key, entry);
    this.#byHash.set(entry.transaction.hash, entry);
    const bySender = senderKey(entry.transaction.chainId, entry.transaction.sender);
    this.#bySender.set(bySender, (this.#bySender.get(bySender) ?? new Set()).add(entry.key));
    if (!current) this.#counts.set(entry.transaction.chainId, this.pendingCount(entry.transaction.chainId) + 1);
    if (entry.modRevision > this.#revision) this.#revision = entry.modRevision;
    if (!notify || this.#writing.has(entry.transaction.hash)) return;
    for (const listener of this.#listeners.get(entry.transaction.chainId) ?? []) {
      if (current) listener.removed(current.transaction.hash);
      listener.added(entry.transaction);
    }
  }

  /** Takes in a committed delete; `expected`: only if the key still holds that revision. */
  #forget(key: string, revision: bigint, { notify = true, expected }: { notify?: boolean; expected?: bigint } = {}): void {
    if ((this.#tombstones.get(key) ?? -1n) < revision) this.#tombstones.set(key, revision);
    const current = this.#entries.get(key);
    if (!current || current.modRevision > revision || (expected !== undefined && current.modRevision !== expected)) return;
    this.#entries.delete(key);
    this.#byHash.delete(current.transaction.hash);
    const bySender = senderKey(current.transaction.chainId, current.transaction.sender);
    const keys = this.#bySender.get(bySender);
    keys?.delete(key);
    if (keys?.size === 0) this.#bySender.delete(bySender);
    this.#counts.set(current.transaction.chainId, this.pendingCount(current.transaction.chainId) - 1);
    if (!notify) return;
    for (const listener of this.#listeners.get(current.transaction.chainId) ?? []) listener.removed(current.transaction.hash);
  }

  #rememberInclusion(hash: Hex, chainId: number, blockNumber: bigint): void {
    this.#inclusions.set(hash, { chainId, blockNumber });
    if (this.#inclusions.size > INCLUSIONS_KEPT) this.#inclusions.delete(this.#inclusions.keys().next().value!);
  }
}

function senderKey(chainId: number, sender: string): string {
  return `${chainId}/${sender.toLowerCase()}`;
}
