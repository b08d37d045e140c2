import { BaseError } from "../../errors.ts";

/** A metric update the sequencer's metrics refused; callers branch on the subclasses below. */
export class MetricsError extends BaseError {
  override name = "MetricsError";
}

/** A value a metric cannot take: not a finite number (NaN, ±Infinity, a bigint beyond doubles). */
export class InvalidMetricValueError extends MetricsError {
  override name = "InvalidMetricValueError";
  readonly metricName: string;
  constructor({ metric, reason }: { metric: string; reason: string }) {
    super(`Invalid value for metric ${metric}: ${reason}.`);
    this.metricName = metric;
  }
}

/** A label value outside its fixed set (a chain id that is no positive integer, an unknown reason). */
export class MetricLabelsError extends MetricsError {
  override name = "MetricLabelsError";
  readonly metricName: string;
  readonly label: string;
  constructor({ metric, label, value }: { metric: string; label: string; value: string }) {
    super(`Invalid ${label} ${JSON.stringify(value)} for metric ${metric}.`, {
      details: "Label values come from a bounded set (chain ids, rejection and eviction reasons), never from user input.",
    });
    this.metricName = metric;
    this.label = label;
  }
}
