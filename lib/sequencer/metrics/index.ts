export { InvalidMetricValueError, MetricLabelsError, MetricsError } from "./errors.ts";
export {
  BLOCK_FILL_BUCKETS,
  createSequencerMetrics,
  EVICTION_REASONS,
  INCLUSION_LATENCY_BUCKETS,
  noopSequencerMetrics,
  SEQUENCER_METRICS,
  sequencerRegistry,
  type BlockFill,
  type CreateSequencerMetricsOptions,
  type EvictionReason,
  type GovernedPace,
  type SequencerMetrics,
} from "./sequencerMetrics.ts";
