import {
  DuplicateMetricError,
  InvalidMetricNameError,
  InvalidMetricValueError,
  LabelCardinalityError,
  MetricCollectError,
  MetricLabelsError,
  MetricsError,
} from "./errors.ts";

/**
 * A tiny Prometheus registry: counters, gauges and histograms with labels, rendered in the text
 * exposition format 0.0.4. Written here because the sequencer runs offline of npm (no
 * prom-client) and the format is small. Every metric bounds its label sets, so label values
 * that leak from user input cannot grow memory without limit.
 */

/** The `Content-Type` of `render()`'s output. */
export const PROMETHEUS_CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";
/** Label sets a metric may hold unless the registry or the metric says otherwise. */
export const DEFAULT_MAX_LABEL_SETS = 1_000;
/** prom-client's default histogram buckets (seconds). */
export const DEFAULT_BUCKETS: readonly number[] = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

const METRIC_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

export type MetricType = "counter" | "gauge" | "histogram";
export type LabelValue = string | number | bigint;
/** One value per declared label name, no more, no fewer. */
export type LabelValues<L extends string> = { readonly [K in L]: LabelValue };
/** A metric's method arguments: the label values first, unless the metric has no labels. */
export type WithLabels<L extends string, Rest extends unknown[]> = [L] extends [never] ? Rest : [labels: LabelValues<L>, ...Rest];

export interface MetricOptions<L extends string> {
  /** Matches `[a-zA-Z_:][a-zA-Z0-9_:]*`; unique in the registry. */
  name: string;
  help: string;
  /** Match `[a-zA-Z_][a-zA-Z0-9_]*`, unique, no `__` prefix. */
  labelNames?: readonly L[];
  /** Overrides the registry's bound on label sets for this metric. */
  maxLabelSets?: number;
}

export type CounterOptions<L extends string> = MetricOptions<L>;

export interface GaugeOptions<L extends string> extends MetricOptions<L> {
  /** Called on every `render()` before the gauge is written: set its values here (e.g. a queue length). */
  collect?: (gauge: Gauge<L>) => void;
}

export interface HistogramOptions<L extends string> extends MetricOptions<L> {
  /** Upper bounds, finite and strictly increasing; `+Inf` is implicit. Defaults to `DEFAULT_BUCKETS`. */
  buckets?: readonly number[];
}

export interface MetricsRegistryOptions {
  /** Label sets each metric may hold (default 1,000). */
  maxLabelSets?: number;
}

export interface HistogramSnapshot {
  /** Cumulative counts, one per bucket bound, then `+Inf` (equal to `count`). */
  buckets: readonly { le: number; count: number }[];
  sum: number;
  count: number;
}

function escapeLabelValue(value: string): string {
  return value.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n");
}

function escapeHelp(help: string): string {
  return help.replace(/\\/g, "\\\\").replace(/\n/g, "\\n");
}

/** A sample value as Prometheus writes it: `+Inf`, `-Inf`, `NaN`, else the shortest decimal. */
export function formatSampleValue(value: number): string {
  if (Number.isNaN(value)) return "NaN";
  if (value === Infinity) return "+Inf";
  if (value === -Infinity) return "-Inf";
  return String(value);
}

function checkLimit(limit: number, metric: string): number {
  if (!Number.isSafeInteger(limit) || limit < 1) {
    throw new InvalidMetricValueError({ metric, reason: `maxLabelSets must be a positive integer, got ${limit}` });
  }
  return limit;
}

function toNumber(value: unknown, metric: string, what: string): number {
  const number = typeof value === "bigint" ? Number(value) : value;
  if (typeof number !== "number" || !Number.isFinite(number)) {
    throw new InvalidMetricValueError({ metric, reason: `${what} must be a finite number, got ${String(value)}` });
  }
  return number;
}

interface Series<S> {
  values: readonly string[];
  state: S;
}

/** What counters, gauges and histograms share: a name, help, label names and bounded series. */
abstract class Metric<L extends string, S> {
  readonly name: string;
  readonly help: string;
  readonly labelNames: readonly L[];
  abstract readonly type: MetricType;
  readonly #maxLabelSets: number;
  readonly #series = new Map<string, Series<S>>();

  constructor(options: MetricOptions<L>, defaultMaxLabelSets: number, reservedLabels: readonly string[] = []) {
    if (!METRIC_NAME.test(options.name)) throw new InvalidMetricNameError({ name: options.name, kind: "metric", metric: options.name });
    const labelNames = options.labelNames ?? [];
    const seen = new Set<string>();
    for (const label of labelNames) {
      if (!LABEL_NAME.test(label) || label.startsWith("__") || reservedLabels.includes(label) || seen.has(label)) {
        throw new InvalidMetricNameError({ name: label, kind: "label", metric: options.name });
      }
      seen.add(label);
    }
    this.name = options.name;
    this.help = options.help;
    this.labelNames = [...labelNames];
    this.#maxLabelSets = checkLimit(options.maxLabelSets ?? defaultMaxLabelSets, options.name);
  }

  protected abstract initial(): S;
  /** The exposition lines of one series; `labels` is `k="v",…` (possibly empty). */
  protected abstract lines(labels: string, state: S): string[];

  /** Starts the series of an unlabelled metric at zero, as client libraries do. */
  protected initUnlabelled(): void {
    if (this.labelNames.length === 0) this.series({});
  }

  /** Splits a call's arguments into label values and the rest, per the declared label names. */
  protected split(args: readonly unknown[]): [labels: Record<string, unknown>, rest: readonly unknown[]] {
    if (this.labelNames.length === 0) return [{}, args];
    const labels = args[0];
    if (typeof labels !== "object" || labels === null) {
      throw new MetricLabelsError({ metric: this.name, expected: this.labelNames, received: [] });
    }
    return [labels as Record<string, unknown>, args.slice(1)];
  }

  /** The series for `labels`, created (within the cardinality bound) on first use. */
  protected series(labels: Record<string, unknown>): Series<S> {
    const given = Object.keys(labels);
    if (given.length !== this.labelNames.length || !this.labelNames.every((name) => Object.hasOwn(labels, name))) {
      throw new MetricLabelsError({ metric: this.name, expected: this.labelNames, received: given });
    }
    const values = this.labelNames.map((name) => {
      const value = labels[name];
      if (typeof value !== "string" && typeof value !== "number" && typeof value !== "bigint") {
        throw new MetricLabelsError({ metric: this.name, expected: this.labelNames, received: given });
      }
      return String(value);
    });
    const key = JSON.stringify(values);
    let series = this.#series.get(key);
    if (series === undefined) {
      if (this.#series.size >= this.#maxLabelSets) throw new LabelCardinalityError({ metric: this.name, limit: this.#maxLabelSets });
      series = { values, state: this.initial() };
      this.#series.set(key, series);
    }
    return series;
  }

  /** The existing series for `labels`, without creating one. */
  protected find(labels: Record<string, unknown>): Series<S> | undefined {
    const values = this.labelNames.map((name) => String(labels[name]));
    return this.#series.get(JSON.stringify(values));
  }

  /** Forgets one label set (e.g. a chain no longer sequenced). */
  remove(...args: WithLabels<L, []>): void {
    const [labels] = this.split(args);
    const values = this.labelNames.map((name) => String(labels[name]));
    this.#series.delete(JSON.stringify(values));
  }

  /** Forgets every label set (unlabelled metrics go back to zero). */
  reset(): void {
    this.#series.clear();
    this.initUnlabelled();
  }

  /** How many label sets the metric holds. */
  get size(): number {
    return this.#series.size;
  }

  /** @internal The HELP, TYPE and sample lines; the registry joins them. */
  render(): string[] {
    const out = [`# HELP ${this.name} ${escapeHelp(this.help)}`, `# TYPE ${this.name} ${this.type}`];
    for (const { values, state } of this.#series.values()) {
      const labels = values.map((value, i) => `${this.labelNames[i]}="${escapeLabelValue(value)}"`).join(",");
      out.push(...this.lines(labels, state));
    }
    return out;
  }

  /** @internal Sample names this metric writes, so the registry can refuse clashes. */
  sampleNames(): string[] {
    return [this.name];
  }
}

const braces = (labels: string) => (labels === "" ? "" : `{${labels}}`);

/** A value that only goes up (requests, rejections); Prometheus derives rates from it. */
export class Counter<L extends string = never> extends Metric<L, { value: number }> {
  readonly type = "counter";

  constructor(options: CounterOptions<L>, defaultMaxLabelSets = DEFAULT_MAX_LABEL_SETS) {
    super(options, defaultMaxLabelSets);
    this.initUnlabelled();
  }

  protected initial() {
    return { value: 0 };
  }

  protected lines(labels: string, state: { value: number }) {
    return [`${this.name}${braces(labels)} ${formatSampleValue(state.value)}`];
  }

  /**
   * Adds `value` (default 1, never negative).
   * @example requests.inc({ chain_id: 8453 }); bytes.inc({ chain_id: 8453 }, 512);
   */
  inc(...args: WithLabels<L, [value?: number | bigint]>): void {
    const [labels, rest] = this.split(args);
    const value = rest[0] === undefined ? 1 : toNumber(rest[0], this.name, "a counter increment");
    if (value < 0) throw new InvalidMetricValueError({ metric: this.name, reason: `a counter cannot decrease (inc by ${value})` });
    this.series(labels).state.value += value;
  }

  /** Starts a label set at zero without counting, so `rate()` sees it before its first event. */
  init(...args: WithLabels<L, []>): void {
    const [labels] = this.split(args);
    this.series(labels);
  }

  /** The current value, `undefined` if the label set was never touched. */
  get(...args: WithLabels<L, []>): number | undefined {
    const [labels] = this.split(args);
    return this.find(labels)?.state.value;
  }
}

/** A value that goes up and down (mempool size, last block number, a 0/1 flag). */
export class Gauge<L extends string = never> extends Metric<L, { value: number }> {
  readonly type = "gauge";
  readonly #collect: ((gauge: Gauge<L>) => void) | undefined;

  constructor(options: GaugeOptions<L>, defaultMaxLabelSets = DEFAULT_MAX_LABEL_SETS) {
    super(options, defaultMaxLabelSets);
    this.#collect = options.collect;
    this.initUnlabelled();
  }

  protected initial() {
    return { value: 0 };
  }

  protected lines(labels: string, state: { value: number }) {
    return [`${this.name}${braces(labels)} ${formatSampleValue(state.value)}`];
  }

  /**
   * @example mempool.set({ chain_id: 8453 }, 42);
   */
  set(...args: WithLabels<L, [value: number | bigint]>): void {
    const [labels, rest] = this.split(args);
    const value = toNumber(rest[0], this.name, "a gauge value");
    this.series(labels).state.value = value;
  }

  inc(...args: WithLabels<L, [value?: number | bigint]>): void {
    const [labels, rest] = this.split(args);
    const value = rest[0] === undefined ? 1 : toNumber(rest[0], this.name, "a gauge increment");
    this.series(labels).state.value += value;
  }

  dec(...args: WithLabels<L, [value?: number | bigint]>): void {
    const [labels, rest] = this.split(args);
    const value = rest[0] === undefined ? 1 : toNumber(rest[0], this.name, "a gauge decrement");
    this.series(labels).state.value -= value;
  }

  get(...args: WithLabels<L, []>): number | undefined {
    const [labels] = this.split(args);
    return this.find(labels)?.state.value;
  }

  override render(): string[] {
    if (this.#collect) {
      try {
        this.#collect(this);
      } catch (error) {
        if (error instanceof MetricsError) throw error;
        throw new MetricCollectError({ metric: this.name, cause: error });
      }
    }
    return super.render();
  }
}

interface HistogramState {
  /** Non-cumulative: counts[i] is observations in (bounds[i-1], bounds[i]]; the last is (last bound, +Inf). */
  counts: number[];
  sum: number;
  count: number;
}

/** Observations counted into fixed buckets (latencies, fill ratios), with their sum and count. */
export class Histogram<L extends string = never> extends Metric<L, HistogramState> {
  readonly type = "histogram";
  readonly buckets: readonly number[];

  constructor(options: HistogramOptions<L>, defaultMaxLabelSets = DEFAULT_MAX_LABEL_SETS) {
    super(options, defaultMaxLabelSets, ["le"]);
    const buckets = [...(options.buckets ?? DEFAULT_BUCKETS)];
    if (buckets.at(-1) === Infinity) buckets.pop();
    buckets.forEach((bound, i) => {
      const previous = buckets[i - 1];
      if (!Number.isFinite(bound) || (previous !== undefined && bound <= previous)) {
        throw new InvalidMetricValueError({ metric: options.name, reason: `buckets must be finite and strictly increasing, got [${buckets.join(", ")}]` });
      }
    });
    this.buckets = buckets;
    this.initUnlabelled();
  }

  protected initial(): HistogramState {
    return { counts: new Array<number>(this.buckets.length + 1).fill(0), sum: 0, count: 0 };
  }

  protected lines(labels: string, state: HistogramState) {
    const prefix = labels === "" ? "" : `${labels},`;
    const out: string[] = [];
    let cumulative = 0;
    this.buckets.forEach((bound, i) => {
      cumulative += state.counts[i] ?? 0;
      out.push(`${this.name}_bucket{${prefix}le="${formatSampleValue(bound)}"} ${cumulative}`);
    });
    out.push(`${this.name}_bucket{${prefix}le="+Inf"} ${state.count}`);
    out.push(`${this.name}_sum${braces(labels)} ${formatSampleValue(state.sum)}`);
    out.push(`${this.name}_count${braces(labels)} ${state.count}`);
    return out;
  }

  /**
   * Counts `value` into the first bucket whose bound is ≥ it (`+Inf` past the last).
   * @example latency.observe({ chain_id: 8453 }, 0.3);
   */
  observe(...args: WithLabels<L, [value: number]>): void {
    const [labels, rest] = this.split(args);
    const value = toNumber(rest[0], this.name, "an observation");
    const state = this.series(labels).state;
    let index = this.buckets.findIndex((bound) => value <= bound);
    if (index === -1) index = this.buckets.length;
    state.counts[index] = (state.counts[index] ?? 0) + 1;
    state.sum += value;
    state.count += 1;
  }

  /** Cumulative buckets, sum and count; `undefined` if the label set was never touched. */
  get(...args: WithLabels<L, []>): HistogramSnapshot | undefined {
    const [labels] = this.split(args);
    const state = this.find(labels)?.state;
    if (state === undefined) return undefined;
    let cumulative = 0;
    const buckets = this.buckets.map((le, i) => ({ le, count: (cumulative += state.counts[i] ?? 0) }));
    buckets.push({ le: Infinity, count: state.count });
    return { buckets, sum: state.sum, count: state.count };
  }

  override sampleNames(): string[] {
    return [this.name, `${this.name}_bucket`, `${this.name}_sum`, `${this.name}_count`];
  }
}

export type AnyMetric = Counter<string> | Gauge<string> | Histogram<string>;

/**
 * Metrics registered by name, rendered together for a `/metrics` endpoint.
 *
 * @example
 * const registry = new MetricsRegistry();
 * const admitted = registry.counter({ name: "app_admitted_total", help: "Admitted.", labelNames: ["chain_id"] });
 * admitted.inc({ chain_id: 8453 });
 * response.writeHead(200, { "content-type": PROMETHEUS_CONTENT_TYPE }).end(registry.render());
 */
export class MetricsRegistry {
  readonly maxLabelSets: number;
  readonly #metrics = new Map<string, AnyMetric>();
  readonly #sampleNames = new Set<string>();

  constructor(options: MetricsRegistryOptions = {}) {
    this.maxLabelSets = checkLimit(options.maxLabelSets ?? DEFAULT_MAX_LABEL_SETS, "registry");
  }

  counter<L extends string = never>(options: CounterOptions<L>): Counter<L> {
    return this.#register(new Counter(options, this.maxLabelSets));
  }

  gauge<L extends string = never>(options: GaugeOptions<L>): Gauge<L> {
    return this.#register(new Gauge(options, this.maxLabelSets));
  }

  histogram<L extends string = never>(options: HistogramOptions<L>): Histogram<L> {
    return this.#register(new Histogram(options, this.maxLabelSets));
  }

  /** The metric registered as `name`, if any. */
  get(name: string): AnyMetric | undefined {
    return this.#metrics.get(name);
  }

  /** Every metric in registration order, then every series in first-use order, in format 0.0.4. */
  render(): string {
    const lines: string[] = [];
    for (const metric of this.#metrics.values()) lines.push(...metric.render());
    return lines.length === 0 ? "" : `${lines.join("\n")}\n`;
  }

  #register<M extends { sampleNames(): string[]; readonly name: string }>(metric: M): M {
    const names = metric.sampleNames();
    const clash = names.find((name) => this.#sampleNames.has(name));
    if (clash !== undefined) throw new DuplicateMetricError({ name: clash });
    for (const name of names) this.#sampleNames.add(name);
    this.#metrics.set(metric.name, metric as unknown as AnyMetric);
    return metric;
  }
}
