import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from "prom-client";

import { REJECTIONS, type RejectionReason } from "../errors.ts";
import { InvalidMetricValueError, MetricLabelsError } from "./errors.ts";

/** Upper bounds (seconds) of the inclusion latency histogram: from admission to its block. */
export const INCLUSION_LATENCY_BUCKETS: readonly number[] = [0.05, 0.1, 0.25, 0.5, 1, 2, 4, 8, 16, 32];
/** Upper bounds of the block transaction-fill histogram; the `0` bucket counts empty blocks. */
export const BLOCK_FILL_BUCKETS: readonly number[] = [0, 0.1, 0.25, 0.5, 0.75, 0.9, 1];
/** Upper bounds (seconds) of the failover histogram: from the last block seen to the new leader's first. */
export const FAILOVER_BUCKETS: readonly number[] = [0.5, 1, 2, 3, 4, 6, 8, 12, 20, 30];
/** Upper bounds (seconds) of etcd's group-commit latency histogram. */
export const ETCD_COMMIT_BUCKETS: readonly number[] = [0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.25, 0.5, 1, 3];

const PREFIX = "superchain_sequencer_";

/** Every series the sequencer exports, for dashboards, alerts (ops/prometheus) and tests. */
export const SEQUENCER_METRICS = {
  admitted: `${PREFIX}transactions_admitted_total`,
  rejected: `${PREFIX}transactions_rejected_total`,
  evicted: `${PREFIX}transactions_evicted_total`,
  mempool: `${PREFIX}mempool_transactions`,
  mempoolCapacity: `${PREFIX}mempool_capacity_transactions`,
  blocksBuilt: `${PREFIX}blocks_built_total`,
  blockFill: `${PREFIX}block_tx_fill_ratio`,
  lastTxFill: `${PREFIX}last_block_tx_fill_ratio`,
  lastGasFill: `${PREFIX}last_block_gas_fill_ratio`,
  lastBlockTime: `${PREFIX}last_block_timestamp_seconds`,
  building: `${PREFIX}building`,
  blockTime: `${PREFIX}block_time_seconds`,
  inclusionLatency: `${PREFIX}inclusion_latency_seconds`,
  headBlock: `${PREFIX}head_block`,
  lastCommittedBlock: `${PREFIX}last_committed_block`,
  commitmentLag: `${PREFIX}commitment_lag_blocks`,
  commitmentInterval: `${PREFIX}commitment_interval_blocks`,
  configVersion: `${PREFIX}config_version`,
  hubReachable: `${PREFIX}hub_reachable`,
  paused: `${PREFIX}paused`,
  releaseHalted: `${PREFIX}release_halted`,
  replicaLeader: `${PREFIX}replica_leader`,
  leaderChanges: `${PREFIX}leader_changes_total`,
  failover: `${PREFIX}failover_seconds`,
  etcdCommit: `${PREFIX}etcd_commit_seconds`,
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

/** The governed parameters alerts are measured against (a stall is 3 block times, a lag 3 intervals). */
export interface GovernedPace {
  blockTimeMs: number;
  commitmentInterval: number;
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
  /** The most transactions the chain's mempool can hold (pending, operator reserve and queued). */
  mempoolCapacity(chainId: number, capacity: number): void;
  /** The sequencer built a block: fill ratios against the governed limits, and the time it was built. */
  blockBuilt(chainId: number, block: BlockFill): void;
  /** Whether the last tick was cleared to build a block (not paused, removed, halted or stopped). */
  building(chainId: number, building: boolean): void;
  /** An admitted transaction was included, `latencyMs` after it was acknowledged. */
  transactionIncluded(chainId: number, latencyMs: number): void;
  /** A commitment covering blocks up to `blockNumber` was posted to the hub. */
  commitmentPosted(chainId: number, blockNumber: bigint | number): void;
  /** The chain's head is now `blockNumber`. */
  headBlock(chainId: number, blockNumber: bigint | number): void;
  /** The governed configuration version in force. */
  configVersion(chainId: number, version: bigint | number): void;
  /** The governed block time and commitment interval in force. */
  governedPace(chainId: number, pace: GovernedPace): void;
  /** Whether the last read of the hub succeeded. */
  hubReachable(chainId: number, reachable: boolean): void;
  /** Whether governance has the chain paused. */
  paused(chainId: number, paused: boolean): void;
  /** Whether governance's releases halt this build (every chain stops building). */
  releaseHalted(halted: boolean): void;
  /** A replica started (true) or stopped leading the chain. */
  leadership(chainId: number, leading: boolean): void;
  /** A replica that just took the chain over built its first block, `seconds` after the last block it had seen. */
  failover(chainId: number, seconds: number): void;
  /** One group commit of acknowledgements to etcd took `seconds`. */
  etcdCommit(seconds: number): void;
}

export interface CreateSequencerMetricsOptions {
  /**
   * Told about a call that was refused (a non-finite value, an unknown reason, prom-client
   * refusing it). The call is dropped and counted in `superchain_sequencer_metrics_dropped_total`
   * either way.
   */
  onError?: (error: unknown) => void;
  /** Wall clock in ms for `last_block_timestamp_seconds`; `Date.now` when absent. */
  now?: () => number;
}

const REJECTION_REASONS = Object.keys(REJECTIONS) as RejectionReason[];

/**
 * A registry for one sequencer, never prom-client's global one (a test process runs several),
 * with prom-client's process metrics on it: memory, CPU, event-loop lag, GC, file descriptors.
 *
 * @example
 * const registry = sequencerRegistry();
 * const metrics = createSequencerMetrics(registry);
 * // GET /metrics → content-type registry.contentType, body await registry.metrics()
 */
export function sequencerRegistry(): Registry {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  return registry;
}

/** `value` as a finite number (bigints converted), or an InvalidMetricValueError naming `metric`. */
function finite(metric: string, value: number | bigint): number {
  const number = Number(value);
  if (!Number.isFinite(number)) throw new InvalidMetricValueError({ metric, reason: `expected a finite number, got ${String(value)}` });
  return number;
}

/** `reason` if it is one of `known`: label values come from a fixed set, never from input. */
function oneOf<R extends string>(metric: string, known: readonly R[], reason: R): R {
  if (!known.includes(reason)) throw new MetricLabelsError({ metric, label: "reason", value: String(reason) });
  return reason;
}

/**
 * Registers the sequencer's series on `registry` (once per registry; prom-client refuses a
 * second time) and returns the recorder the sequencer calls. Labels: `chain_id` on every
 * per-chain series, `reason` on rejections and evictions. The first call for a chain starts its
 * admitted and per-reason rejected and evicted counters at zero, so `rate()` and alerts see them
 * before the first event. Commitment lag (head − last committed block) is reported once a
 * commitment is known.
 *
 * @example
 * const registry = sequencerRegistry();
 * const metrics = createSequencerMetrics(registry, { onError: (error) => log("metrics-dropped", { error }) });
 * metrics.transactionAdmitted(8453);
 * // GET /metrics → await registry.metrics()
 */
export function createSequencerMetrics(registry: Registry, options: CreateSequencerMetricsOptions = {}): SequencerMetrics {
  const registers = [registry];
  const now = options.now ?? Date.now;
  const chain = ["chain_id"] as const;
  const byReason = ["chain_id", "reason"] as const;
  const counter = <L extends string>(name: string, help: string, labelNames: readonly L[]) => new Counter({ name, help, labelNames, registers });
  const gauge = (name: string, help: string) => new Gauge({ name, help, labelNames: chain, registers });
  const histogram = (name: string, help: string, buckets: readonly number[]) => new Histogram({ name, help, labelNames: chain, buckets: [...buckets], registers });

  const M = SEQUENCER_METRICS;
  const admitted = counter(M.admitted, "Transactions admitted (durably stored and acknowledged).", chain);
  const rejected = counter(M.rejected, "Transactions refused at admission, by reason.", byReason);
  const evicted = counter(M.evicted, "Acknowledged transactions dropped from the txpool without inclusion, by reason.", byReason);
  const mempool = gauge(M.mempool, "Pending transactions in the mempool.");
  const mempoolCapacity = gauge(M.mempoolCapacity, "Most transactions the mempool holds: maxPendingTotal + operatorReserve + maxQueuedTotal.");
  const blocksBuilt = counter(M.blocksBuilt, "Blocks built by the sequencer.", chain);
  const blockFill = histogram(M.blockFill, "Transactions per built block over the governed maxTxPerBlock.", BLOCK_FILL_BUCKETS);
  const lastTxFill = gauge(M.lastTxFill, "Transaction fill of the last built block (transactions / maxTxPerBlock).");
  const lastGasFill = gauge(M.lastGasFill, "Gas fill of the last built block (gasUsed / maxBlockGas).");
  const lastBlockTime = gauge(M.lastBlockTime, "Wall-clock Unix time (seconds) at which the sequencer last built a block.");
  const building = gauge(M.building, "1 if the last tick was cleared to build a block (not paused, removed, release-halted or stopped by the operator), else 0.");
  const blockTime = gauge(M.blockTime, "Governed block time in force (seconds).");
  const latency = histogram(M.inclusionLatency, "Seconds from a transaction's acknowledgement to its inclusion in a block.", INCLUSION_LATENCY_BUCKETS);
  const head = gauge(M.headBlock, "Number of the chain's head block.");
  const committed = gauge(M.lastCommittedBlock, "Last block covered by a commitment posted to the hub.");
  const lag = gauge(M.commitmentLag, "Blocks between the head and the last committed block.");
  const interval = gauge(M.commitmentInterval, "Governed commitment interval in force (blocks between commitments).");
  const version = gauge(M.configVersion, "Governed configuration version in force.");
  const hub = gauge(M.hubReachable, "1 if the last read of the hub succeeded, else 0.");
  const paused = gauge(M.paused, "1 if governance has the chain paused, else 0.");
  const releaseHalted = new Gauge({ name: M.releaseHalted, help: "1 if governance's releases halt this build (no chain builds blocks), else 0.", registers });
  const replicaLeader = gauge(M.replicaLeader, "1 while this replica leads the chain (replicated sequencer), else 0.");
  const leaderChanges = counter(M.leaderChanges, "Times this replica started or stopped leading the chain.", chain);
  const failover = histogram(M.failover, "Seconds from the last block a replica saw to its first block as the chain's new leader.", FAILOVER_BUCKETS);
  const etcdCommit = new Histogram({ name: M.etcdCommit, help: "Seconds one group commit of acknowledgements to etcd took.", buckets: [...ETCD_COMMIT_BUCKETS], registers });
  const dropped = new Counter({ name: M.dropped, help: "Metric updates dropped because the registry refused them.", registers });

  const known = new Set<number>();
  const heights = new Map<number, { head?: number; committed?: number }>();

  /** Runs `record`; never throws: a refused update is counted and reported. */
  const guard = (record: () => void): void => {
    try {
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

  /** Runs `record` with `chainId`'s labels, starting its counters at zero the first time. */
  const forChain = (chainId: number, record: (labels: { chain_id: number }) => void): void =>
    guard(() => {
      const labels = { chain_id: chainId };
      if (!known.has(chainId)) {
        if (!Number.isSafeInteger(chainId) || chainId <= 0) throw new MetricLabelsError({ metric: M.admitted, label: "chain_id", value: String(chainId) });
        admitted.inc(labels, 0);
        for (const reason of REJECTION_REASONS) rejected.inc({ ...labels, reason }, 0);
        for (const reason of EVICTION_REASONS) evicted.inc({ ...labels, reason }, 0);
        known.add(chainId);
      }
      record(labels);
    });

  const flag = (value: boolean) => (value ? 1 : 0);

  const height = (chainId: number) => {
    let entry = heights.get(chainId);
    if (entry === undefined) heights.set(chainId, (entry = {}));
    return entry;
  };

  const updateLag = (labels: { chain_id: number }) => {
    const entry = height(labels.chain_id);
    if (entry.head === undefined || entry.committed === undefined) return;
    lag.set(labels, Math.max(0, entry.head - entry.committed));
  };

  return {
    transactionAdmitted: (chainId) => forChain(chainId, (labels) => admitted.inc(labels)),
    transactionRejected: (chainId, reason) => forChain(chainId, (labels) => rejected.inc({ ...labels, reason: oneOf(M.rejected, REJECTION_REASONS, reason) })),
    transactionsEvicted: (chainId, reason, count) =>
      forChain(chainId, (labels) => evicted.inc({ ...labels, reason: oneOf(M.evicted, EVICTION_REASONS, reason) }, finite(M.evicted, count))),
    mempoolSize: (chainId, size) => forChain(chainId, (labels) => mempool.set(labels, finite(M.mempool, size))),
    mempoolCapacity: (chainId, capacity) => forChain(chainId, (labels) => mempoolCapacity.set(labels, finite(M.mempoolCapacity, capacity))),
    blockBuilt: (chainId, block) =>
      forChain(chainId, (labels) => {
        blocksBuilt.inc(labels);
        lastBlockTime.set(labels, now() / 1000);
        if (block.maxTransactions > 0) {
          const fill = finite(M.blockFill, block.transactions / block.maxTransactions);
          blockFill.observe(labels, fill);
          lastTxFill.set(labels, fill);
        }
        const maxGas = Number(block.maxGas);
        if (maxGas > 0) lastGasFill.set(labels, finite(M.lastGasFill, Number(block.gasUsed) / maxGas));
      }),
    building: (chainId, value) => forChain(chainId, (labels) => building.set(labels, flag(value))),
    transactionIncluded: (chainId, latencyMs) =>
      // A clock step can make a latency negative; it counts as immediate rather than being lost.
      forChain(chainId, (labels) => latency.observe(labels, Math.max(0, finite(M.inclusionLatency, latencyMs)) / 1000)),
    commitmentPosted: (chainId, blockNumber) =>
      forChain(chainId, (labels) => {
        const number = finite(M.lastCommittedBlock, blockNumber);
        committed.set(labels, number);
        height(chainId).committed = number;
        updateLag(labels);
      }),
    headBlock: (chainId, blockNumber) =>
      forChain(chainId, (labels) => {
        const number = finite(M.headBlock, blockNumber);
        head.set(labels, number);
        height(chainId).head = number;
        updateLag(labels);
      }),
    configVersion: (chainId, value) => forChain(chainId, (labels) => version.set(labels, finite(M.configVersion, value))),
    governedPace: (chainId, pace) =>
      forChain(chainId, (labels) => {
        blockTime.set(labels, finite(M.blockTime, pace.blockTimeMs) / 1000);
        interval.set(labels, finite(M.commitmentInterval, pace.commitmentInterval));
      }),
    hubReachable: (chainId, reachable) => forChain(chainId, (labels) => hub.set(labels, flag(reachable))),
    paused: (chainId, value) => forChain(chainId, (labels) => paused.set(labels, flag(value))),
    releaseHalted: (halted) => guard(() => releaseHalted.set(flag(halted))),
    leadership: (chainId, leading) =>
      forChain(chainId, (labels) => {
        replicaLeader.set(labels, flag(leading));
        leaderChanges.inc(labels);
      }),
    failover: (chainId, seconds) => forChain(chainId, (labels) => failover.observe(labels, Math.max(0, finite(M.failover, seconds)))),
    etcdCommit: (seconds) => guard(() => etcdCommit.observe(Math.max(0, finite(M.etcdCommit, seconds)))),
  };
}

const nothing = (): void => {};

/** Metrics switched off: every call does nothing. */
export const noopSequencerMetrics: SequencerMetrics = Object.freeze({
  transactionAdmitted: nothing,
  transactionRejected: nothing,
  transactionsEvicted: nothing,
  mempoolSize: nothing,
  mempoolCapacity: nothing,
  blockBuilt: nothing,
  building: nothing,
  transactionIncluded: nothing,
  commitmentPosted: nothing,
  headBlock: nothing,
  configVersion: nothing,
  governedPace: nothing,
  hubReachable: nothing,
  paused: nothing,
  releaseHalted: nothing,
  leadership: nothing,
  failover: nothing,
  etcdCommit: nothing,
});
