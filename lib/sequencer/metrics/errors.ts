import { BaseError } from "../../errors.ts";

/** Misuse of the metrics registry; callers branch on the subclasses below. */
export class MetricsError extends BaseError {
  override name = "MetricsError";
}

/** A metric or label name outside `[a-zA-Z_:][a-zA-Z0-9_:]*` (labels: no `:`, no `__` prefix, no reserved `le`). */
export class InvalidMetricNameError extends MetricsError {
  override name = "InvalidMetricNameError";
  readonly metricName: string;
  constructor({ name, kind, metric }: { name: string; kind: "metric" | "label"; metric: string }) {
    super(`Invalid ${kind} name ${JSON.stringify(name)}${kind === "label" ? ` on metric ${metric}` : ""}.`, {
      details:
        kind === "metric"
          ? "Metric names match [a-zA-Z_:][a-zA-Z0-9_:]*."
          : 'Label names match [a-zA-Z_][a-zA-Z0-9_]*, are unique per metric, do not start with "__", and "le" is reserved for histograms.',
    });
    this.metricName = metric;
  }
}

/** A second metric registered under a name (or a derived `_bucket`/`_sum`/`_count` name) already taken. */
export class DuplicateMetricError extends MetricsError {
  override name = "DuplicateMetricError";
  readonly metricName: string;
  constructor({ name }: { name: string }) {
    super(`A metric named ${name} is already registered.`);
    this.metricName = name;
  }
}

/** The label values given do not match the metric's declared label names. */
export class MetricLabelsError extends MetricsError {
  override name = "MetricLabelsError";
  readonly metricName: string;
  constructor({ metric, expected, received }: { metric: string; expected: readonly string[]; received: readonly string[] }) {
    super(`Wrong labels for metric ${metric}.`, {
      details: `expected {${expected.join(", ")}}, received {${received.join(", ")}}`,
    });
    this.metricName = metric;
  }
}

/** A value a metric cannot take: not finite, a counter decreasing, unordered histogram buckets. */
export class InvalidMetricValueError extends MetricsError {
  override name = "InvalidMetricValueError";
  readonly metricName: string;
  constructor({ metric, reason }: { metric: string; reason: string }) {
    super(`Invalid value for metric ${metric}: ${reason}.`);
    this.metricName = metric;
  }
}

/** A new label set on a metric that already holds its maximum: refused so a flood cannot grow memory. */
export class LabelCardinalityError extends MetricsError {
  override name = "LabelCardinalityError";
  readonly metricName: string;
  readonly limit: number;
  constructor({ metric, limit }: { metric: string; limit: number }) {
    super(`Metric ${metric} already has ${limit} label sets; refusing another.`, {
      details: "Label values must come from a bounded set (chain ids, rejection reasons), never from user input.",
    });
    this.metricName = metric;
    this.limit = limit;
  }
}

/** A gauge's collect callback threw while the registry was rendering. */
export class MetricCollectError extends MetricsError {
  override name = "MetricCollectError";
  readonly metricName: string;
  constructor({ metric, cause }: { metric: string; cause: unknown }) {
    super(`Collecting metric ${metric} failed.`, { cause, details: cause instanceof Error ? cause.message : String(cause) });
    this.metricName = metric;
  }
}
