import assert from "node:assert/strict";
import { describe, it } from "node:test";

import { BaseError } from "../../../lib/errors.ts";
import { REJECTIONS, type RejectionReason } from "../../../lib/sequencer/errors.ts";
import {
  createSequencerMetrics,
  DEFAULT_MAX_LABEL_SETS,
  DuplicateMetricError,
  EVICTION_REASONS,
  INCLUSION_LATENCY_BUCKETS,
  InvalidMetricNameError,
  InvalidMetricValueError,
  LabelCardinalityError,
  MetricCollectError,
  MetricLabelsError,
  MetricsError,
  MetricsRegistry,
  noopSequencerMetrics,
  PROMETHEUS_CONTENT_TYPE,
  SEQUENCER_METRICS,
  type SequencerMetrics,
} from "../../../lib/sequencer/metrics/index.ts";

/** The sample lines of `text` (no HELP/TYPE) whose name is exactly `name` or `name{…}`. */
function samples(text: string, name: string): string[] {
  return text.split("\n").filter((line) => line.startsWith(`${name} `) || line.startsWith(`${name}{`));
}

/** The value of the one sample line `series` (name plus labels as rendered). */
function value(text: string, series: string): number | undefined {
  const line = text.split("\n").find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

describe("MetricsRegistry exposition", () => {
  it("renders a small registry exactly in format 0.0.4", () => {
    const registry = new MetricsRegistry();
    const requests = registry.counter({ name: "app_requests_total", help: "Requests served.", labelNames: ["method", "code"] });
    const temperature = registry.gauge({ name: "app_temperature_celsius", help: "Current temperature." });
    const latency = registry.histogram({ name: "app_latency_seconds", help: "Request latency.", labelNames: ["route"], buckets: [0.1, 1] });
    const up = registry.counter({ name: "app_up_total", help: "Never touched: starts at zero." });

    requests.inc({ method: "GET", code: 200 });
    requests.inc({ method: "GET", code: 200 }, 2);
    requests.inc({ method: "POST", code: 500 });
    temperature.set(21.5);
    temperature.dec(0.25);
    latency.observe({ route: "/rpc" }, 0.05);
    latency.observe({ route: "/rpc" }, 0.5);
    latency.observe({ route: "/rpc" }, 3);
    void up;

    assert.equal(
      registry.render(),
      [
        "# HELP app_requests_total Requests served.",
        "# TYPE app_requests_total counter",
        'app_requests_total{method="GET",code="200"} 3',
        'app_requests_total{method="POST",code="500"} 1',
        "# HELP app_temperature_celsius Current temperature.",
        "# TYPE app_temperature_celsius gauge",
        "app_temperature_celsius 21.25",
        "# HELP app_latency_seconds Request latency.",
        "# TYPE app_latency_seconds histogram",
        'app_latency_seconds_bucket{route="/rpc",le="0.1"} 1',
        'app_latency_seconds_bucket{route="/rpc",le="1"} 2',
        'app_latency_seconds_bucket{route="/rpc",le="+Inf"} 3',
        'app_latency_seconds_sum{route="/rpc"} 3.55',
        'app_latency_seconds_count{route="/rpc"} 3',
        "# HELP app_up_total Never touched: starts at zero.",
        "# TYPE app_up_total counter",
        "app_up_total 0",
        "",
      ].join("\n"),
    );
    assert.equal(PROMETHEUS_CONTENT_TYPE, "text/plain; version=0.0.4; charset=utf-8");
  });

  it("renders an empty registry as an empty body and an unused labelled metric as HELP and TYPE only", () => {
    assert.equal(new MetricsRegistry().render(), "");
    const registry = new MetricsRegistry();
    registry.gauge({ name: "g", help: "h", labelNames: ["a"] });
    assert.equal(registry.render(), "# HELP g h\n# TYPE g gauge\n");
  });

  it("escapes backslash, double quote and newline in label values, and backslash and newline in help", () => {
    const registry = new MetricsRegistry();
    const errors = registry.counter({ name: "errors_total", help: 'Path C:\\tmp\nsecond line "quoted"', labelNames: ["message"] });
    errors.inc({ message: 'say "hi"\\ now\nnext' });
    assert.equal(
      registry.render(),
      [
        '# HELP errors_total Path C:\\\\tmp\\nsecond line "quoted"',
        "# TYPE errors_total counter",
        'errors_total{message="say \\"hi\\"\\\\ now\\nnext"} 1',
        "",
      ].join("\n"),
    );
  });

  it("keeps histogram buckets cumulative, with +Inf equal to _count and _sum the total", () => {
    const registry = new MetricsRegistry();
    const h = registry.histogram({ name: "h_seconds", help: "h", buckets: [1, 2, 5] });
    for (const v of [0.5, 1, 1.5, 2, 2, 4, 10, 100]) h.observe(v);
    const text = registry.render();
    // A value equal to a bound falls in that bucket (le = less than or equal).
    assert.deepEqual(samples(text, "h_seconds_bucket"), [
      'h_seconds_bucket{le="1"} 2',
      'h_seconds_bucket{le="2"} 5',
      'h_seconds_bucket{le="5"} 6',
      'h_seconds_bucket{le="+Inf"} 8',
    ]);
    assert.deepEqual(samples(text, "h_seconds_sum"), ["h_seconds_sum 121"]);
    assert.deepEqual(samples(text, "h_seconds_count"), ["h_seconds_count 8"]);

    const snapshot = h.get();
    assert.ok(snapshot);
    assert.deepEqual(
      snapshot.buckets.map((b) => b.count),
      [2, 5, 6, 8],
    );
    assert.equal(snapshot.buckets.at(-1)?.le, Infinity);
    for (let i = 1; i < snapshot.buckets.length; i++) {
      assert.ok((snapshot.buckets[i]?.count ?? -1) >= (snapshot.buckets[i - 1]?.count ?? Infinity));
    }
  });

  it("renders an untouched unlabelled histogram with zero buckets, and treats a trailing +Inf bucket as implicit", () => {
    const registry = new MetricsRegistry();
    registry.histogram({ name: "h", help: "h", buckets: [0.5, Infinity] });
    assert.equal(
      registry.render(),
      ["# HELP h h", "# TYPE h histogram", 'h_bucket{le="0.5"} 0', 'h_bucket{le="+Inf"} 0', "h_sum 0", "h_count 0", ""].join("\n"),
    );
  });

  it("runs a gauge's collect callback on every render", () => {
    const registry = new MetricsRegistry();
    let queue = 3;
    registry.gauge({ name: "queue_length", help: "q", labelNames: ["chain_id"], collect: (g) => g.set({ chain_id: 1 }, queue) });
    assert.deepEqual(samples(registry.render(), "queue_length"), ['queue_length{chain_id="1"} 3']);
    queue = 7;
    assert.deepEqual(samples(registry.render(), "queue_length"), ['queue_length{chain_id="1"} 7']);
  });

  it("wraps a throwing collect callback in MetricCollectError", () => {
    const registry = new MetricsRegistry();
    const cause = new Error("boom");
    registry.gauge({
      name: "broken",
      help: "b",
      collect: () => {
        throw cause;
      },
    });
    assert.throws(
      () => registry.render(),
      (error) => error instanceof MetricCollectError && error.cause === cause && error.metricName === "broken",
    );
  });

  it("supports gauge inc/dec and remove/reset of label sets", () => {
    const registry = new MetricsRegistry();
    const g = registry.gauge({ name: "g", help: "g", labelNames: ["chain_id"] });
    g.inc({ chain_id: 1 });
    g.inc({ chain_id: 1 }, 4n);
    g.dec({ chain_id: 1 }, 2);
    g.set({ chain_id: 2 }, 9);
    assert.equal(g.get({ chain_id: 1 }), 3);
    g.remove({ chain_id: 2 });
    assert.equal(g.get({ chain_id: 2 }), undefined);
    assert.equal(g.size, 1);
    g.reset();
    assert.equal(g.size, 0);
  });
});

describe("MetricsRegistry validation", () => {
  it("refuses a duplicate metric name, including one clashing with a histogram's derived series", () => {
    const registry = new MetricsRegistry();
    registry.counter({ name: "a_total", help: "a" });
    assert.throws(() => registry.gauge({ name: "a_total", help: "again" }), DuplicateMetricError);
    registry.histogram({ name: "lat", help: "l" });
    assert.throws(() => registry.counter({ name: "lat_count", help: "c" }), DuplicateMetricError);
    assert.throws(() => registry.gauge({ name: "lat_bucket", help: "b" }), DuplicateMetricError);
    registry.gauge({ name: "x_sum", help: "taken first" });
    assert.throws(() => registry.histogram({ name: "x", help: "would write x_sum" }), DuplicateMetricError);
  });

  it("refuses bad metric names", () => {
    const registry = new MetricsRegistry();
    for (const name of ["", "1abc", "has-dash", "has space", "dot.ted", "ü"]) {
      assert.throws(() => registry.counter({ name, help: "h" }), InvalidMetricNameError, name);
    }
    // Colons and leading underscores are valid metric names.
    registry.counter({ name: "job:requests:rate5m", help: "h" });
    registry.counter({ name: "_private", help: "h" });
  });

  it("refuses bad, reserved and repeated label names", () => {
    const registry = new MetricsRegistry();
    for (const labelNames of [["1a"], ["a-b"], ["a:b"], ["__reserved"], ["a", "a"]]) {
      assert.throws(() => registry.counter({ name: "c", help: "h", labelNames }), InvalidMetricNameError, labelNames.join());
    }
    assert.throws(() => registry.histogram({ name: "h", help: "h", labelNames: ["le"] }), InvalidMetricNameError);
    registry.counter({ name: "c", help: "h", labelNames: ["le"] }); // reserved only on histograms
  });

  it("refuses unordered or non-finite buckets", () => {
    const registry = new MetricsRegistry();
    assert.throws(() => registry.histogram({ name: "a", help: "h", buckets: [1, 1] }), InvalidMetricValueError);
    assert.throws(() => registry.histogram({ name: "b", help: "h", buckets: [2, 1] }), InvalidMetricValueError);
    assert.throws(() => registry.histogram({ name: "c", help: "h", buckets: [Number.NaN] }), InvalidMetricValueError);
  });

  it("refuses wrong label sets and impossible values", () => {
    const registry = new MetricsRegistry();
    const c = registry.counter({ name: "c_total", help: "h", labelNames: ["chain_id"] });
    const g = registry.gauge({ name: "g", help: "h" });
    assert.throws(() => c.inc({ chain_id: 1, extra: 2 } as { chain_id: number }), MetricLabelsError);
    assert.throws(() => c.inc({} as { chain_id: number }), MetricLabelsError);
    assert.throws(() => c.inc({ chain: 1 } as unknown as { chain_id: number }), MetricLabelsError);
    assert.throws(() => c.inc({ chain_id: 1 }, -1), InvalidMetricValueError);
    assert.throws(() => c.inc({ chain_id: 1 }, Number.NaN), InvalidMetricValueError);
    assert.throws(() => g.set(Infinity), InvalidMetricValueError);
    // @ts-expect-error: a labelled metric needs its labels
    assert.throws(() => c.inc(), MetricLabelsError);
    // @ts-expect-error: an unlabelled metric takes no labels
    assert.throws(() => g.set({ chain_id: 1 }, 1), InvalidMetricValueError);
  });

  it("every error is a MetricsError and a BaseError", () => {
    const registry = new MetricsRegistry();
    registry.counter({ name: "a", help: "h" });
    try {
      registry.counter({ name: "a", help: "h" });
      assert.fail("expected a throw");
    } catch (error) {
      assert.ok(error instanceof DuplicateMetricError);
      assert.ok(error instanceof MetricsError);
      assert.ok(error instanceof BaseError);
      assert.equal(error.name, "DuplicateMetricError");
      assert.equal(error.metricName, "a");
    }
  });
});

describe("label cardinality bound", () => {
  it("defaults to 1,000 label sets per metric", () => {
    const registry = new MetricsRegistry();
    const c = registry.counter({ name: "c_total", help: "h", labelNames: ["id"] });
    for (let i = 0; i < DEFAULT_MAX_LABEL_SETS; i++) c.inc({ id: i });
    assert.equal(DEFAULT_MAX_LABEL_SETS, 1_000);
    assert.throws(
      () => c.inc({ id: "one too many" }),
      (error) => error instanceof LabelCardinalityError && error.limit === 1_000 && error.metricName === "c_total",
    );
    // Existing label sets still count.
    c.inc({ id: 0 });
    assert.equal(c.get({ id: 0 }), 2);
    assert.equal(c.size, 1_000);
  });

  it("is configurable per registry and per metric, and holds for every kind", () => {
    const registry = new MetricsRegistry({ maxLabelSets: 2 });
    const g = registry.gauge({ name: "g", help: "h", labelNames: ["id"] });
    const h = registry.histogram({ name: "h", help: "h", labelNames: ["id"], buckets: [1] });
    const wide = registry.counter({ name: "wide_total", help: "h", labelNames: ["id"], maxLabelSets: 5 });
    g.set({ id: "a" }, 1);
    g.set({ id: "b" }, 1);
    assert.throws(() => g.set({ id: "c" }, 1), LabelCardinalityError);
    h.observe({ id: "a" }, 1);
    h.observe({ id: "b" }, 1);
    assert.throws(() => h.observe({ id: "c" }, 1), LabelCardinalityError);
    for (let i = 0; i < 5; i++) wide.inc({ id: i });
    assert.throws(() => wide.inc({ id: 5 }), LabelCardinalityError);
    assert.equal(samples(registry.render(), "g").length, 2);
    assert.throws(() => new MetricsRegistry({ maxLabelSets: 0 }), InvalidMetricValueError);
  });

  it("frees room when a label set is removed", () => {
    const registry = new MetricsRegistry({ maxLabelSets: 1 });
    const g = registry.gauge({ name: "g", help: "h", labelNames: ["id"] });
    g.set({ id: "a" }, 1);
    g.remove({ id: "a" });
    g.set({ id: "b" }, 1);
    assert.deepEqual(samples(registry.render(), "g"), ['g{id="b"} 1']);
  });
});

describe("createSequencerMetrics", () => {
  it("produces the expected series after a few calls", () => {
    const registry = new MetricsRegistry();
    const metrics = createSequencerMetrics(registry);
    metrics.transactionAdmitted(8453);
    metrics.transactionAdmitted(8453);
    metrics.transactionAdmitted(7777777);
    metrics.transactionRejected(8453, "underpriced");
    metrics.transactionRejected(8453, "underpriced");
    metrics.transactionRejected(8453, "mempoolFull");
    metrics.transactionsEvicted(8453, "price", 3);
    metrics.transactionsEvicted(8453, "feeCap", 1);
    metrics.transactionsEvicted(8453, "price", 2);
    metrics.mempoolSize(8453, 12);
    metrics.blockBuilt(8453, { transactions: 50, gasUsed: 15_000_000n, maxTransactions: 100, maxGas: 30_000_000n });
    metrics.blockBuilt(8453, { transactions: 0, gasUsed: 0n, maxTransactions: 100, maxGas: 30_000_000n });
    metrics.blockBuilt(8453, { transactions: 100, gasUsed: 3_000_000n, maxTransactions: 100, maxGas: 30_000_000n });
    metrics.transactionIncluded(8453, 300);
    metrics.transactionIncluded(8453, 1_500);
    metrics.transactionIncluded(8453, 60_000);
    metrics.headBlock(8453, 120n);
    metrics.configVersion(8453, 3n);
    metrics.hubReachable(8453, true);
    metrics.hubReachable(7777777, false);
    metrics.paused(8453, false);
    metrics.paused(7777777, true);
    const text = registry.render();
    const base = 'chain_id="8453"';

    assert.equal(value(text, `${SEQUENCER_METRICS.admitted}{${base}}`), 2);
    assert.equal(value(text, `${SEQUENCER_METRICS.admitted}{chain_id="7777777"}`), 1);
    assert.equal(value(text, `${SEQUENCER_METRICS.rejected}{${base},reason="underpriced"}`), 2);
    assert.equal(value(text, `${SEQUENCER_METRICS.rejected}{${base},reason="mempoolFull"}`), 1);
    // Every reason starts at zero for each chain seen, so rate() and alerts see it before its first event.
    const reasons = Object.keys(REJECTIONS) as RejectionReason[];
    assert.equal(samples(text, SEQUENCER_METRICS.rejected).length, reasons.length * 2);
    assert.equal(value(text, `${SEQUENCER_METRICS.rejected}{${base},reason="badSignature"}`), 0);
    assert.equal(value(text, `${SEQUENCER_METRICS.rejected}{chain_id="7777777",reason="chainPaused"}`), 0);
    assert.equal(value(text, `${SEQUENCER_METRICS.evicted}{${base},reason="price"}`), 5, "evictions add their counts");
    assert.equal(value(text, `${SEQUENCER_METRICS.evicted}{${base},reason="feeCap"}`), 1);
    assert.equal(samples(text, SEQUENCER_METRICS.evicted).length, EVICTION_REASONS.length * 2, "every eviction reason starts at zero");

    assert.equal(value(text, `${SEQUENCER_METRICS.mempool}{${base}}`), 12);
    assert.equal(value(text, `${SEQUENCER_METRICS.blocksBuilt}{${base}}`), 3);
    assert.deepEqual(samples(text, `${SEQUENCER_METRICS.blockFill}_bucket`), [
      `${SEQUENCER_METRICS.blockFill}_bucket{${base},le="0"} 1`,
      `${SEQUENCER_METRICS.blockFill}_bucket{${base},le="0.1"} 1`,
      `${SEQUENCER_METRICS.blockFill}_bucket{${base},le="0.25"} 1`,
      `${SEQUENCER_METRICS.blockFill}_bucket{${base},le="0.5"} 2`,
      `${SEQUENCER_METRICS.blockFill}_bucket{${base},le="0.75"} 2`,
      `${SEQUENCER_METRICS.blockFill}_bucket{${base},le="0.9"} 2`,
      `${SEQUENCER_METRICS.blockFill}_bucket{${base},le="1"} 3`,
      `${SEQUENCER_METRICS.blockFill}_bucket{${base},le="+Inf"} 3`,
    ]);
    assert.equal(value(text, `${SEQUENCER_METRICS.blockFill}_sum{${base}}`), 1.5);
    assert.equal(value(text, `${SEQUENCER_METRICS.lastTxFill}{${base}}`), 1);
    assert.equal(value(text, `${SEQUENCER_METRICS.lastGasFill}{${base}}`), 0.1);

    const latency = SEQUENCER_METRICS.inclusionLatency;
    assert.deepEqual(
      samples(text, `${latency}_bucket`).map((line) => line.replace(`${latency}_bucket{${base},`, "")),
      [...INCLUSION_LATENCY_BUCKETS.map(String), "+Inf"].map((le, i) => `le="${le}"} ${[0, 0, 0, 1, 1, 2, 2, 2, 2, 2, 3][i]}`),
    );
    assert.equal(value(text, `${latency}_sum{${base}}`), 61.8);
    assert.equal(value(text, `${latency}_count{${base}}`), 3);

    assert.equal(value(text, `${SEQUENCER_METRICS.headBlock}{${base}}`), 120);
    // No commitment yet: no lag series rather than a false alarm of "everything uncommitted".
    assert.deepEqual(samples(text, SEQUENCER_METRICS.commitmentLag), []);
    assert.equal(value(text, `${SEQUENCER_METRICS.configVersion}{${base}}`), 3);
    assert.equal(value(text, `${SEQUENCER_METRICS.hubReachable}{${base}}`), 1);
    assert.equal(value(text, `${SEQUENCER_METRICS.hubReachable}{chain_id="7777777"}`), 0);
    assert.equal(value(text, `${SEQUENCER_METRICS.paused}{${base}}`), 0);
    assert.equal(value(text, `${SEQUENCER_METRICS.paused}{chain_id="7777777"}`), 1);
    assert.equal(value(text, SEQUENCER_METRICS.dropped), 0);

    // Every series carries the prefix.
    for (const line of text.split("\n").filter((l) => l !== "" && !l.startsWith("#"))) {
      assert.ok(line.startsWith("superchain_sequencer_"), line);
    }
  });

  it("reports commitment lag as head minus the last committed block", () => {
    const registry = new MetricsRegistry();
    const metrics = createSequencerMetrics(registry);
    const lag = () => value(registry.render(), `${SEQUENCER_METRICS.commitmentLag}{chain_id="8453"}`);
    metrics.commitmentPosted(8453, 100n);
    assert.equal(lag(), undefined, "head unknown yet");
    metrics.headBlock(8453, 130n);
    assert.equal(lag(), 30);
    metrics.headBlock(8453, 135n);
    assert.equal(lag(), 35);
    metrics.commitmentPosted(8453, 135n);
    assert.equal(lag(), 0);
    assert.equal(value(registry.render(), `${SEQUENCER_METRICS.lastCommittedBlock}{chain_id="8453"}`), 135);
    // A commitment seen before its head update never reports a negative lag.
    metrics.commitmentPosted(8453, 140);
    assert.equal(lag(), 0);
  });

  it("skips fill ratios against a zero limit and counts the block anyway", () => {
    const registry = new MetricsRegistry();
    const metrics = createSequencerMetrics(registry);
    metrics.blockBuilt(1, { transactions: 0, gasUsed: 0, maxTransactions: 0, maxGas: 0 });
    const text = registry.render();
    assert.equal(value(text, `${SEQUENCER_METRICS.blocksBuilt}{chain_id="1"}`), 1);
    assert.equal(value(text, `${SEQUENCER_METRICS.blockFill}_count{chain_id="1"}`), undefined);
    assert.equal(value(text, `${SEQUENCER_METRICS.lastTxFill}{chain_id="1"}`), undefined);
  });

  it("never throws: a refused update is dropped, counted and reported", () => {
    const registry = new MetricsRegistry({ maxLabelSets: 20 });
    const errors: unknown[] = [];
    const metrics = createSequencerMetrics(registry, { onError: (error) => errors.push(error) });
    metrics.mempoolSize(1, 1);
    assert.doesNotThrow(() => metrics.mempoolSize(1, Number.NaN));
    // 14 reasons per chain: the second chain's rejection series exceed a bound of 20.
    assert.doesNotThrow(() => metrics.transactionAdmitted(2));
    assert.doesNotThrow(() => metrics.transactionIncluded(1, Number.POSITIVE_INFINITY));
    assert.equal(errors.length, 3);
    assert.ok(errors[0] instanceof InvalidMetricValueError);
    assert.ok(errors[1] instanceof LabelCardinalityError);
    assert.equal(value(registry.render(), SEQUENCER_METRICS.dropped), 3);
    assert.equal(value(registry.render(), `${SEQUENCER_METRICS.mempool}{chain_id="1"}`), 1);

    const throwingHook = createSequencerMetrics(new MetricsRegistry(), {
      onError: () => {
        throw new Error("hook failed");
      },
    });
    assert.doesNotThrow(() => throwingHook.mempoolSize(1, Number.NaN));
  });

  it("counts a negative inclusion latency (clock step) as immediate", () => {
    const registry = new MetricsRegistry();
    createSequencerMetrics(registry).transactionIncluded(1, -5);
    const text = registry.render();
    assert.equal(value(text, `${SEQUENCER_METRICS.inclusionLatency}_bucket{chain_id="1",le="0.05"}`), 1);
    assert.equal(value(text, `${SEQUENCER_METRICS.inclusionLatency}_sum{chain_id="1"}`), 0);
  });

  it("registers once per registry", () => {
    const registry = new MetricsRegistry();
    createSequencerMetrics(registry);
    assert.throws(() => createSequencerMetrics(registry), DuplicateMetricError);
  });
});

describe("noopSequencerMetrics", () => {
  it("does nothing and never throws, whatever it is given", () => {
    const calls: Array<(m: SequencerMetrics) => void> = [
      (m) => m.transactionAdmitted(1),
      (m) => m.transactionRejected(1, "halted"),
      (m) => m.transactionRejected(Number.NaN, "not a reason" as RejectionReason),
      (m) => m.mempoolSize(1, Number.NaN),
      (m) => m.blockBuilt(1, { transactions: -1, gasUsed: 0n, maxTransactions: 0, maxGas: 0n }),
      (m) => m.transactionIncluded(1, Infinity),
      (m) => m.commitmentPosted(1, -1n),
      (m) => m.headBlock(1, 2n ** 80n),
      (m) => m.configVersion(1, 1n),
      (m) => m.hubReachable(1, false),
      (m) => m.paused(1, true),
    ];
    for (const call of calls) assert.equal(call(noopSequencerMetrics), undefined);
    assert.ok(Object.isFrozen(noopSequencerMetrics));
  });

  it("implements every method of the interface the real one does", () => {
    const real = createSequencerMetrics(new MetricsRegistry());
    assert.deepEqual(Object.keys(noopSequencerMetrics).sort(), Object.keys(real).sort());
  });
});
