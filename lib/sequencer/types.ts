import type { Address, Hex } from "viem";

/**
 * A transaction the sequencer has admitted: decoded, its sender recovered, checked against the
 * governed limits. Everything the mempool, the store and block building need, nothing more.
 */
export interface PendingTransaction {
  hash: Hex;
  chainId: number;
  sender: Address;
  nonce: bigint;
  /** The signed transaction exactly as the user sent it. */
  raw: Hex;
  gas: bigint;
  /** Wei the transaction transfers (counts toward its maximum cost against the sender's balance). */
  value: bigint;
  /** For legacy transactions both fee fields equal the gas price. */
  maxFeePerGas: bigint;
  maxPriorityFeePerGas: bigint;
  /** Size of `raw` in bytes. */
  size: number;
  /** Admission order across the whole sequencer: strictly increasing, survives restarts. */
  sequence: bigint;
  /** Wall-clock admission time, ms since the epoch (for inclusion latency). */
  receivedAt: number;
}

/**
 * Durable storage of admitted transactions. `add` and `replace` resolve only once the write is
 * on disk (fsync), which is what makes the returned hash an acknowledgement. Implementations
 * batch concurrent writes into one commit (group commit) to keep throughput.
 */
export interface TransactionStore {
  /** Persists a newly admitted transaction. */
  add(transaction: PendingTransaction): Promise<void>;
  /** Atomically swaps `replacedHash` (same sender and nonce) for `transaction`. */
  replace(replacedHash: Hex, transaction: PendingTransaction): Promise<void>;
  /** Records that these transactions are in block `blockNumber` of their chain. */
  markIncluded(chainId: number, hashes: readonly Hex[], blockNumber: bigint): Promise<void>;
  /** Forgets transactions that can never be included (e.g. nonce already used on chain). */
  drop(chainId: number, hashes: readonly Hex[], reason: string): Promise<void>;
  /** Every admitted, not yet included or dropped transaction of a chain, in sequence order. */
  loadPending(chainId: number): PendingTransaction[];
  /** Where the included transaction landed, if it did. */
  inclusion(hash: Hex): { chainId: number; blockNumber: bigint } | undefined;
  /** The next sequence number to hand out (one past the highest ever stored). */
  nextSequence(): bigint;
  /**
   * A replicated log's own reads, for a replica whose pool holds only what it needs: the pending
   * transaction with this hash, and a sender's pending transactions by nonce, whichever replica
   * acknowledged them. Absent on a store with one writer, whose pool holds everything.
   */
  pending?(hash: Hex): PendingTransaction | undefined;
  pendingOf?(chainId: number, sender: Address): PendingTransaction[];
  pendingCount?(chainId: number): number;
  close(): void;
}

/**
 * A replicated sequencer's leadership of one chain (see lib/sequencer/replication): only its
 * leader builds, each height claimed first, and the leader's right re-checked just before the
 * block goes to the engine.
 */
export interface ChainLeadership {
  /** Whether this replica leads the chain now. */
  leads(): boolean;
  /** Claims the height for this replica's term; throws `NotLeaderError` when the term is over. */
  claim(height: bigint): Promise<void>;
  /** Throws `NotLeaderError` unless the lease is surely still alive; synchronous, right before building. */
  assertLeading(): void;
  /** Records the block built at its height (the replicated block log). */
  recordBuilt(height: bigint, block: { hash: Hex; transactions: number }): Promise<void>;
}
