import { REJECTIONS, type RejectionReason } from "../errors.ts";
import type { MetricsRegistry } from "./registry.ts";

/** Upper bounds (seconds) of the inclusion latency histogram: from admission to its block. */
export const INCLUSION_LATENCY_BUCKETS: readonly number[] = [0.05, 0.1, 0.25, 0.5, 1, 2, 4, 8, 16, 32];
/** Upper bounds of the block transaction-fill histogram; the `0` bucket counts empty blocks. */
export const BLOCK_FILL_BUCKETS: readonly number[] = [0, 0.1, 0.25, 0.5, 0.75, 0.9, 1];

const PREFIX = "superchain_sequencer_";

/** Every series the sequencer exports, for dashboards, alerts and tests. */
export const SEQUENCER_METRICS = {
  admitted: `${PREFIX}transactions_admitted_total`,
  rejected: `${PREFIX}transactions_rejected_total`,
  evicted: `${PREFIX}transactions_evicted_total`,
  mempool: `${PREFIX}mempool_transactions`,
  blocksBuilt: `${PREFIX}blocks_built_total`,
  blockFill: `${PREFIX}block_tx_fill_ratio`,
  lastTxFill: `${PREFIX}last_block_tx_fill_ratio`,
  lastGasFill: `${PREFIX}last_block_gas_fill_ratio`,
  inclusionLatency: `${PREFIX}inclusion_latency_seconds`,
  headBlock: `${PREFIX}head_block`,
  lastCommittedBlock: `${PREFIX}last_committed_block`,
  commitmentLag: `${PREFIX}commitment_lag_blocks`,
  configVersion: `${PREFIX}config_version`,
  hubReachable: `${PREFIX}hub_reachable`,
  paused: `${PREFIX}paused`,
  dropped: `${PREFIX}metrics_dropped_total`,
} as const;

/**
 * Why the txpool let go of a transaction it had acknowledged: `price` (a better-paying one took its
 * place), `nonceUsed` (another transaction took its nonce on chain), `unfunded` (the balance no
 * longer covers it), `feeCap` (under the base fee for the grace blocks), `lifetime` (too old),
 * `reload` (not valid any more when reloaded after a restart), `refused` (the engine refused it).
 */
export const EVICTION_REASONS = ["price", "nonceUsed", "unfunded", "feeCap", "lifetime", "reload", "refused"] as const;
export type EvictionReason = (typeof EVICTION_REASONS)[number];

/** What a built block used of the limits it was built under. */
export interface BlockFill {
  transactions: number;
  gasUsed: bigint | number;
  /** The governed `maxTxPerBlock` the block was built under. */
  maxTransactions: number;
  /** The governed `maxBlockGas` the block was built under. */
  maxGas: bigint | number;
}

/**
 * What the sequencer reports as it runs, in its own words; an implementation turns the calls
 * into Prometheus series (`createSequencerMetrics`) or ignores them (`noopSequencerMetrics`).
 * Calls never throw: metrics must not fail an admission or a block.
 */
export interface SequencerMetrics {
  /** A transaction was durably stored and its hash returned. */
  transactionAdmitted(chainId: number): void;
  /** A transaction was refused at admission, for `reason`. */
  transactionRejected(chainId: number, reason: RejectionReason): void;
  /** `count` acknowledged transactions left the pool without inclusion (durably dropped), for `reason`. */
  transactionsEvicted(chainId: number, reason: EvictionReason, count: number): void;
  /** The chain's mempool now holds `size` pending transactions. */
  mempoolSize(chainId: number, size: number): void;
  /** The sequencer built a block: fill ratios against the governed limits. */
  blockBuilt(chainId: number, block: BlockFill): void;
  /** An admitted transaction was included, `latencyMs` after it was acknowledged. */
  transactionIncluded(chainId: number, latencyMs: number): void;
  /** A commitment covering blocks up to `blockNumber` was posted to the hub. */
  commitmentPosted(chainId: number, blockNumber: bigint | number): void;
  /** The chain's head is now `blockNumber`. */
  headBlock(chainId: number, blockNumber: bigint | number): void;
  /** The governed configuration version in force. */
  configVersion(chainId: number, version: bigint | number): void;
  /** Whether the last read of the hub succeeded. */
  hubReachable(chainId: number, reachable: boolean): void;
  /** Whether governance has the chain paused. */
  paused(chainId: number, paused: boolean): void;
}

export interface CreateSequencerMetricsOptions {
  /**
   * Told about a call the registry refused (a label-set bound reached, a non-finite value). The
   * call is dropped and counted in `superchain_sequencer_metrics_dropped_total` either way.
   */
  onError?: (error: unknown) => void;
}

const REJECTION_REASONS = Object.keys(REJECTIONS) as RejectionReason[];

/**
 * Registers the sequencer's series on `registry` (once per registry) and returns the recorder
 * the sequencer calls. Labels: `chain_id` on every series, `reason` on rejections. The first
 * call for a chain starts its admitted and per-reason rejected counters at zero, so `rate()`
 * and alerts see them before the first event. Commitment lag (head − last committed block) is
 * reported once a commitment is known.
 *
 * @example
 * const registry = new MetricsRegistry();
 * const metrics = createSequencerMetrics(registry, { onError: (error) => log("metrics-dropped", { error }) });
 * metrics.transactionAdmitted(8453);
 * // GET /metrics → registry.render()
 */
export function createSequencerMetrics(registry: MetricsRegistry, options: CreateSequencerMetricsOptions = {}): SequencerMetrics {
  const chain = ["chain_id"] as const;
  const admitted = registry.counter({ name: SEQUENCER_METRICS.admitted, help: "Transactions admitted (durably stored and acknowledged).", labelNames: chain });
  const rejected = registry.counter({
    name: SEQUENCER_METRICS.rejected,
    help: "Transactions refused at admission, by reason.",
    labelNames: ["chain_id", "reason"],
  });
  const evicted = registry.counter({
    name: SEQUENCER_METRICS.evicted,
    help: "Acknowledged transactions dropped from the txpool without inclusion, by reason.",
    labelNames: ["chain_id", "reason"],
  });
  const mempool = registry.gauge({ name: SEQUENCER_METRICS.mempool, help: "Pending transactions in the mempool.", labelNames: chain });
  const blocksBuilt = registry.counter({ name: SEQUENCER_METRICS.blocksBuilt, help: "Blocks built by the sequencer.", labelNames: chain });
  const blockFill = registry.histogram({
    name: SEQUENCER_METRICS.blockFill,
    help: "Transactions per built block over the governed maxTxPerBlock.",
    labelNames: chain,
    buckets: BLOCK_FILL_BUCKETS,
  });
  const lastTxFill = registry.gauge({ name: SEQUENCER_METRICS.lastTxFill, help: "Transaction fill of the last built block (transactions / maxTxPerBlock).", labelNames: chain });
  const lastGasFill = registry.gauge({ name: SEQUENCER_METRICS.lastGasFill, help: "Gas fill of the last built block (gasUsed / maxBlockGas).", labelNames: chain });
  const latency = registry.histogram({
    name: SEQUENCER_METRICS.inclusionLatency,
    help: "Seconds from a transaction's acknowledgement to its inclusion in a block.",
    labelNames: chain,
    buckets: INCLUSION_LATENCY_BUCKETS,
  });
  const head = registry.gauge({ name: SEQUENCER_METRICS.headBlock, help: "Number of the chain's head block.", labelNames: chain });
  const committed = registry.gauge({ name: SEQUENCER_METRICS.lastCommittedBlock, help: "Last block covered by a commitment posted to the hub.", labelNames: chain });
  const lag = registry.gauge({ name: SEQUENCER_METRICS.commitmentLag, help: "Blocks between the head and the last committed block.", labelNames: chain });
  const version = registry.gauge({ name: SEQUENCER_METRICS.configVersion, help: "Governed configuration version in force.", labelNames: chain });
  const hub = registry.gauge({ name: SEQUENCER_METRICS.hubReachable, help: "1 if the last read of the hub succeeded, else 0.", labelNames: chain });
  const paused = registry.gauge({ name: SEQUENCER_METRICS.paused, help: "1 if governance has the chain paused, else 0.", labelNames: chain });
  const dropped = registry.counter({ name: SEQUENCER_METRICS.dropped, help: "Metric updates dropped because the registry refused them." });

  const known = new Set<number>();
  const heights = new Map<number, { head?: number; committed?: number }>();

  /** Runs `record` for `chainId`; never throws: a refused update is counted and reported. */
  const guard = (chainId: number, record: () => void): void => {
    try {
      if (!known.has(chainId)) {
        admitted.init({ chain_id: chainId });
        for (const reason of REJECTION_REASONS) rejected.init({ chain_id: chainId, reason });
        for (const reason of EVICTION_REASONS) evicted.init({ chain_id: chainId, reason });
        known.add(chainId);
      }
      record();
    } catch (error) {
      try {
        dropped.inc();
        options.onError?.(error);
      } catch {
        // A failing error hook must not fail the sequencer either.
      }
    }
  };

  const updateLag = (chainId: number) => {
    const height = heights.get(chainId);
    if (height?.head === undefined || height.committed === undefined) return;
    lag.set({ chain_id: chainId }, Math.max(0, height.head - height.committed));
  };

  const height = (chainId: number) => {
    let entry = heights.get(chainId);
    if (entry === undefined) heights.set(chainId, (entry = {}));
    return entry;
  };

  return {
    transactionAdmitted: (chainId) => guard(chainId, () => admitted.inc({ chain_id: chainId })),
    transactionRejected: (chainId, reason) => guard(chainId, () => rejected.inc({ chain_id: chainId, reason })),
    transactionsEvicted: (chainId, reason, count) => guard(chainId, () => evicted.inc({ chain_id: chainId, reason }, count)),
    mempoolSize: (chainId, size) => guard(chainId, () => mempool.set({ chain_id: chainId }, size)),
    blockBuilt: (chainId, block) =>
      guard(chainId, () => {
        blocksBuilt.inc({ chain_id: chainId });
        if (block.maxTransactions > 0) {
          const fill = block.transactions / block.maxTransactions;
          blockFill.observe({ chain_id: chainId }, fill);
          lastTxFill.set({ chain_id: chainId }, fill);
        }
        const maxGas = Number(block.maxGas);
        if (maxGas > 0) lastGasFill.set({ chain_id: chainId }, Number(block.gasUsed) / maxGas);
      }),
    transactionIncluded: (chainId, latencyMs) =>
      // A clock step can make a latency negative; it counts as immediate rather than being lost.
      guard(chainId, () => latency.observe({ chain_id: chainId }, Math.max(0, latencyMs) / 1000)),
    commitmentPosted: (chainId, blockNumber) =>
      guard(chainId, () => {
        committed.set({ chain_id: chainId }, blockNumber);
        height(chainId).committed = Number(blockNumber);
        updateLag(chainId);
      }),
    headBlock: (chainId, blockNumber) =>
      guard(chainId, () => {
        head.set({ chain_id: chainId }, blockNumber);
        height(chainId).head = Number(blockNumber);
        updateLag(chainId);
      }),
    configVersion: (chainId, value) => guard(chainId, () => version.set({ chain_id: chainId }, value)),
    hubReachable: (chainId, reachable) => guard(chainId, () => hub.set({ chain_id: chainId }, reachable ? 1 : 0)),
    paused: (chainId, value) => guard(chainId, () => paused.set({ chain_id: chainId }, value ? 1 : 0)),
  };
}

const nothing = (): void => {};

/** Metrics switched off: every call does nothing. */
export const noopSequencerMetrics: SequencerMetrics = Object.freeze({
  transactionAdmitted: nothing,
  transactionRejected: nothing,
  transactionsEvicted: nothing,
  mempoolSize: nothing,
  blockBuilt: nothing,
  transactionIncluded: nothing,
  commitmentPosted: nothing,
  headBlock: nothing,
  configVersion: nothing,
  hubReachable: nothing,
  paused: nothing,
});
