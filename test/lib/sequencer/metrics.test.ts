import assert from "node:assert/strict";
import { describe, it } from "node:test";

import { register as globalRegistry, Registry } from "prom-client";

import { BaseError } from "../../../lib/errors.ts";
import { REJECTIONS, type RejectionReason } from "../../../lib/sequencer/errors.ts";
import {
  createSequencerMetrics,
  EVICTION_REASONS,
  INCLUSION_LATENCY_BUCKETS,
  InvalidMetricValueError,
  MetricLabelsError,
  MetricsError,
  noopSequencerMetrics,
  SEQUENCER_METRICS,
  sequencerRegistry,
  type EvictionReason,
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

/** The label names of a sample line, in the order written. */
function labelNames(line: string): string[] {
  const labels = /\{(.*)\}/.exec(line)?.[1] ?? "";
  return [...labels.matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)="/g)].map((match) => match[1] ?? "");
}

/** A registry with every sequencer series touched once for chain 8453. */
function touched(): { registry: Registry; metrics: SequencerMetrics } {
  const registry = new Registry();
  const metrics = createSequencerMetrics(registry, { now: () => 1_700_000_000_500 });
  metrics.transactionAdmitted(8453);
  metrics.transactionRejected(8453, "underpriced");
  metrics.transactionsEvicted(8453, "price", 1);
  metrics.mempoolSize(8453, 1);
  metrics.mempoolCapacity(8453, 101_088);
  metrics.blockBuilt(8453, { transactions: 1, gasUsed: 21_000n, maxTransactions: 100, maxGas: 30_000_000n });
  metrics.building(8453, true);
  metrics.transactionIncluded(8453, 300);
  metrics.headBlock(8453, 10n);
  metrics.commitmentPosted(8453, 5n);
  metrics.configVersion(8453, 1n);
  metrics.governedPace(8453, { blockTimeMs: 2_000, commitmentInterval: 10 });
  metrics.hubReachable(8453, true);
  metrics.paused(8453, false);
  metrics.releaseHalted(false);
  return { registry, metrics };
}

/**
 * The exposition as the hand-written registry wrote it before prom-client (issue 13): names,
 * types, help and label sets dashboards and alerts rely on. Changing a row is a breaking change.
 */
const BEFORE_PROM_CLIENT: ReadonlyArray<[name: string, type: string, help: string, labels: readonly string[]]> = [
  [SEQUENCER_METRICS.admitted, "counter", "Transactions admitted (durably stored and acknowledged).", ["chain_id"]],
  [SEQUENCER_METRICS.rejected, "counter", "Transactions refused at admission, by reason.", ["chain_id", "reason"]],
  [SEQUENCER_METRICS.evicted, "counter", "Acknowledged transactions dropped from the txpool without inclusion, by reason.", ["chain_id", "reason"]],
  [SEQUENCER_METRICS.mempool, "gauge", "Pending transactions in the mempool.", ["chain_id"]],
  [SEQUENCER_METRICS.blocksBuilt, "counter", "Blocks built by the sequencer.", ["chain_id"]],
  [SEQUENCER_METRICS.blockFill, "histogram", "Transactions per built block over the governed maxTxPerBlock.", ["chain_id", "le"]],
  [SEQUENCER_METRICS.lastTxFill, "gauge", "Transaction fill of the last built block (transactions / maxTxPerBlock).", ["chain_id"]],
  [SEQUENCER_METRICS.lastGasFill, "gauge", "Gas fill of the last built block (gasUsed / maxBlockGas).", ["chain_id"]],
  [SEQUENCER_METRICS.inclusionLatency, "histogram", "Seconds from a transaction's acknowledgement to its inclusion in a block.", ["chain_id", "le"]],
  [SEQUENCER_METRICS.headBlock, "gauge", "Number of the chain's head block.", ["chain_id"]],
  [SEQUENCER_METRICS.lastCommittedBlock, "gauge", "Last block covered by a commitment posted to the hub.", ["chain_id"]],
  [SEQUENCER_METRICS.commitmentLag, "gauge", "Blocks between the head and the last committed block.", ["chain_id"]],
  [SEQUENCER_METRICS.configVersion, "gauge", "Governed configuration version in force.", ["chain_id"]],
  [SEQUENCER_METRICS.hubReachable, "gauge", "1 if the last read of the hub succeeded, else 0.", ["chain_id"]],
  [SEQUENCER_METRICS.paused, "gauge", "1 if governance has the chain paused, else 0.", ["chain_id"]],
  [SEQUENCER_METRICS.dropped, "counter", "Metric updates dropped because the registry refused them.", []],
];

describe("the sequencer's exposition on prom-client", () => {
  it("keeps every series of the hand-written registry: name, type, help and label set", async () => {
    const text = await touched().registry.metrics();
    for (const [name, type, help, labels] of BEFORE_PROM_CLIENT) {
      assert.ok(text.includes(`# TYPE ${name} ${type}\n`), `${name} is a ${type}`);
      assert.ok(text.includes(`# HELP ${name} ${help}\n`), `${name}'s help`);
      const lines = type === "histogram" ? samples(text, `${name}_bucket`) : samples(text, name);
      assert.ok(lines.length > 0, `${name} has samples`);
      // Label order within a sample is free in the format (prom-client writes `le` first).
      for (const line of lines) assert.deepEqual(labelNames(line).sort(), [...labels].sort(), line);
      if (type === "histogram") {
        assert.deepEqual(labelNames(samples(text, `${name}_sum`)[0] ?? ""), ["chain_id"]);
        assert.deepEqual(labelNames(samples(text, `${name}_count`)[0] ?? ""), ["chain_id"]);
      }
    }
  });

  it("names every series it writes in SEQUENCER_METRICS, each with the prefix", async () => {
    const text = await touched().registry.metrics();
    const written = new Set(text.split("\n").filter((l) => l.startsWith("# TYPE ")).map((l) => l.split(" ")[2]));
    assert.deepEqual([...written].sort(), Object.values(SEQUENCER_METRICS).sort());
    for (const line of text.split("\n").filter((l) => l !== "" && !l.startsWith("#"))) {
      assert.ok(line.startsWith("superchain_sequencer_"), line);
    }
  });

  it("serves the process metrics and the text format's content type from sequencerRegistry", async () => {
    const registry = sequencerRegistry();
    createSequencerMetrics(registry);
    const text = await registry.metrics();
    for (const name of [
      "process_resident_memory_bytes",
      "process_cpu_seconds_total",
      "process_open_fds",
      "nodejs_eventloop_lag_seconds",
      "nodejs_heap_size_used_bytes",
      "nodejs_gc_duration_seconds",
    ]) {
      assert.match(text, new RegExp(`^# TYPE ${name} `, "m"), name);
    }
    assert.ok((value(text, "process_resident_memory_bytes") ?? 0) > 0);
    assert.equal(registry.contentType, "text/plain; version=0.0.4; charset=utf-8");
  });

  it("keeps one registry per sequencer: two in one process neither clash nor touch the global registry", async () => {
    const [a, b] = [sequencerRegistry(), sequencerRegistry()];
    const [first, second] = [createSequencerMetrics(a), createSequencerMetrics(b)];
    first.transactionAdmitted(1);
    first.transactionAdmitted(1);
    second.transactionAdmitted(1);
    assert.equal(value(await a.metrics(), `${SEQUENCER_METRICS.admitted}{chain_id="1"}`), 2);
    assert.equal(value(await b.metrics(), `${SEQUENCER_METRICS.admitted}{chain_id="1"}`), 1);
    assert.equal(globalRegistry.getSingleMetric(SEQUENCER_METRICS.admitted), undefined);
    assert.equal(globalRegistry.getSingleMetric("process_resident_memory_bytes"), undefined);
  });
});

describe("createSequencerMetrics", () => {
  it("produces the expected series after a few calls", async () => {
    const registry = new Registry();
    const metrics = createSequencerMetrics(registry, { now: () => 1_700_000_000_500 });
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
    metrics.mempoolCapacity(8453, 1_088);
    metrics.blockBuilt(8453, { transactions: 50, gasUsed: 15_000_000n, maxTransactions: 100, maxGas: 30_000_000n });
    metrics.blockBuilt(8453, { transactions: 0, gasUsed: 0n, maxTransactions: 100, maxGas: 30_000_000n });
    metrics.blockBuilt(8453, { transactions: 100, gasUsed: 3_000_000n, maxTransactions: 100, maxGas: 30_000_000n });
    metrics.building(8453, true);
    metrics.building(7777777, false);
    metrics.transactionIncluded(8453, 300);
    metrics.transactionIncluded(8453, 1_500);
    metrics.transactionIncluded(8453, 60_000);
    metrics.headBlock(8453, 120n);
    metrics.configVersion(8453, 3n);
    metrics.governedPace(8453, { blockTimeMs: 2_000, commitmentInterval: 10 });
    metrics.hubReachable(8453, true);
    metrics.hubReachable(7777777, false);
    metrics.paused(8453, false);
    metrics.paused(7777777, true);
    metrics.releaseHalted(true);
    const text = await registry.metrics();
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
    assert.equal(value(text, `${SEQUENCER_METRICS.mempoolCapacity}{${base}}`), 1_088);
    assert.equal(value(text, `${SEQUENCER_METRICS.blocksBuilt}{${base}}`), 3);
    assert.deepEqual(samples(text, `${SEQUENCER_METRICS.blockFill}_bucket`), [
      `${SEQUENCER_METRICS.blockFill}_bucket{le="0",${base}} 1`,
      `${SEQUENCER_METRICS.blockFill}_bucket{le="0.1",${base}} 1`,
      `${SEQUENCER_METRICS.blockFill}_bucket{le="0.25",${base}} 1`,
      `${SEQUENCER_METRICS.blockFill}_bucket{le="0.5",${base}} 2`,
      `${SEQUENCER_METRICS.blockFill}_bucket{le="0.75",${base}} 2`,
      `${SEQUENCER_METRICS.blockFill}_bucket{le="0.9",${base}} 2`,
      `${SEQUENCER_METRICS.blockFill}_bucket{le="1",${base}} 3`,
      `${SEQUENCER_METRICS.blockFill}_bucket{le="+Inf",${base}} 3`,
    ]);
    assert.equal(value(text, `${SEQUENCER_METRICS.blockFill}_sum{${base}}`), 1.5);
    assert.equal(value(text, `${SEQUENCER_METRICS.lastTxFill}{${base}}`), 1);
    assert.equal(value(text, `${SEQUENCER_METRICS.lastGasFill}{${base}}`), 0.1);
    assert.equal(value(text, `${SEQUENCER_METRICS.lastBlockTime}{${base}}`), 1_700_000_000.5, "the injected clock, in seconds");
    assert.equal(value(text, `${SEQUENCER_METRICS.building}{${base}}`), 1);
    assert.equal(value(text, `${SEQUENCER_METRICS.building}{chain_id="7777777"}`), 0);

    const latency = SEQUENCER_METRICS.inclusionLatency;
    assert.deepEqual(
      samples(text, `${latency}_bucket`).map((line) => line.replace(`${latency}_bucket{`, "").replace(`,${base}}`, "")),
      [...INCLUSION_LATENCY_BUCKETS.map(String), "+Inf"].map((le, i) => `le="${le}" ${[0, 0, 0, 1, 1, 2, 2, 2, 2, 2, 3][i]}`),
    );
    assert.equal(value(text, `${latency}_sum{${base}}`), 61.8);
    assert.equal(value(text, `${latency}_count{${base}}`), 3);

    assert.equal(value(text, `${SEQUENCER_METRICS.headBlock}{${base}}`), 120);
    // No commitment yet: no lag series rather than a false alarm of "everything uncommitted".
    assert.deepEqual(samples(text, SEQUENCER_METRICS.commitmentLag), []);
    assert.equal(value(text, `${SEQUENCER_METRICS.configVersion}{${base}}`), 3);
    assert.equal(value(text, `${SEQUENCER_METRICS.blockTime}{${base}}`), 2);
    assert.equal(value(text, `${SEQUENCER_METRICS.commitmentInterval}{${base}}`), 10);
    assert.equal(value(text, `${SEQUENCER_METRICS.hubReachable}{${base}}`), 1);
    assert.equal(value(text, `${SEQUENCER_METRICS.hubReachable}{chain_id="7777777"}`), 0);
    assert.equal(value(text, `${SEQUENCER_METRICS.paused}{${base}}`), 0);
    assert.equal(value(text, `${SEQUENCER_METRICS.paused}{chain_id="7777777"}`), 1);
    assert.equal(value(text, SEQUENCER_METRICS.releaseHalted), 1);
    assert.equal(value(text, SEQUENCER_METRICS.dropped), 0);
  });

  it("reports commitment lag as head minus the last committed block", async () => {
    const registry = new Registry();
    const metrics = createSequencerMetrics(registry);
    const lag = async () => value(await registry.metrics(), `${SEQUENCER_METRICS.commitmentLag}{chain_id="8453"}`);
    metrics.commitmentPosted(8453, 100n);
    assert.equal(await lag(), undefined, "head unknown yet");
    metrics.headBlock(8453, 130n);
    assert.equal(await lag(), 30);
    metrics.headBlock(8453, 135n);
    assert.equal(await lag(), 35);
    metrics.commitmentPosted(8453, 135n);
    assert.equal(await lag(), 0);
    assert.equal(value(await registry.metrics(), `${SEQUENCER_METRICS.lastCommittedBlock}{chain_id="8453"}`), 135);
    // A commitment seen before its head update never reports a negative lag.
    metrics.commitmentPosted(8453, 140);
    assert.equal(await lag(), 0);
  });

  it("skips fill ratios against a zero limit and counts the block anyway", async () => {
    const registry = new Registry();
    const metrics = createSequencerMetrics(registry);
    metrics.blockBuilt(1, { transactions: 0, gasUsed: 0, maxTransactions: 0, maxGas: 0 });
    const text = await registry.metrics();
    assert.equal(value(text, `${SEQUENCER_METRICS.blocksBuilt}{chain_id="1"}`), 1);
    assert.equal(value(text, `${SEQUENCER_METRICS.blockFill}_count{chain_id="1"}`), undefined);
    assert.equal(value(text, `${SEQUENCER_METRICS.lastTxFill}{chain_id="1"}`), undefined);
  });

  it("never throws: a refused update is dropped, counted and reported", async () => {
    const registry = new Registry();
    const errors: unknown[] = [];
    const metrics = createSequencerMetrics(registry, { onError: (error) => errors.push(error) });
    metrics.mempoolSize(1, 1);
    const refused: Array<() => void> = [
      () => metrics.mempoolSize(1, Number.NaN),
      () => metrics.transactionIncluded(1, Number.POSITIVE_INFINITY),
      () => metrics.headBlock(1, 2n ** 1024n),
      () => metrics.transactionRejected(1, "not a reason" as RejectionReason),
      () => metrics.transactionsEvicted(1, "<script>" as EvictionReason, 1),
      () => metrics.transactionAdmitted(Number.NaN),
      () => metrics.transactionAdmitted(-1),
      // prom-client's own refusal (a counter cannot go down) is caught the same way.
      () => metrics.transactionsEvicted(1, "price", -1),
    ];
    for (const call of refused) assert.doesNotThrow(call);
    assert.equal(errors.length, refused.length);
    assert.ok(errors.slice(0, 3).every((error) => error instanceof InvalidMetricValueError));
    assert.ok(errors.slice(3, 7).every((error) => error instanceof MetricLabelsError));
    assert.ok(errors.slice(0, 7).every((error) => error instanceof MetricsError && error instanceof BaseError));
    assert.ok(errors[7] instanceof Error && !(errors[7] instanceof MetricsError));
    const text = await registry.metrics();
    assert.equal(value(text, SEQUENCER_METRICS.dropped), refused.length);
    assert.equal(value(text, `${SEQUENCER_METRICS.mempool}{chain_id="1"}`), 1, "the refused update left the last good value");
    assert.doesNotMatch(text, /NaN|script|not a reason|chain_id="-1"/);

    const throwingHook = createSequencerMetrics(new Registry(), {
      onError: () => {
        throw new Error("hook failed");
      },
    });
    assert.doesNotThrow(() => throwingHook.mempoolSize(1, Number.NaN));
  });

  it("counts a negative inclusion latency (clock step) as immediate", async () => {
    const registry = new Registry();
    createSequencerMetrics(registry).transactionIncluded(1, -5);
    const text = await registry.metrics();
    assert.equal(value(text, `${SEQUENCER_METRICS.inclusionLatency}_bucket{le="0.05",chain_id="1"}`), 1);
    assert.equal(value(text, `${SEQUENCER_METRICS.inclusionLatency}_sum{chain_id="1"}`), 0);
  });

  it("registers once per registry", () => {
    const registry = new Registry();
    createSequencerMetrics(registry);
    assert.throws(() => createSequencerMetrics(registry), /already been registered/);
  });
});

describe("noopSequencerMetrics", () => {
  it("does nothing and never throws, whatever it is given", () => {
    const calls: Array<(m: SequencerMetrics) => void> = [
      (m) => m.transactionAdmitted(1),
      (m) => m.transactionRejected(1, "halted"),
      (m) => m.transactionRejected(Number.NaN, "not a reason" as RejectionReason),
      (m) => m.mempoolSize(1, Number.NaN),
      (m) => m.mempoolCapacity(1, -1),
      (m) => m.blockBuilt(1, { transactions: -1, gasUsed: 0n, maxTransactions: 0, maxGas: 0n }),
      (m) => m.building(1, true),
      (m) => m.transactionIncluded(1, Infinity),
      (m) => m.commitmentPosted(1, -1n),
      (m) => m.headBlock(1, 2n ** 80n),
      (m) => m.configVersion(1, 1n),
      (m) => m.governedPace(1, { blockTimeMs: Number.NaN, commitmentInterval: 0 }),
      (m) => m.hubReachable(1, false),
      (m) => m.paused(1, true),
      (m) => m.releaseHalted(true),
    ];
    for (const call of calls) assert.equal(call(noopSequencerMetrics), undefined);
    assert.ok(Object.isFrozen(noopSequencerMetrics));
  });

  it("implements every method of the interface the real one does", () => {
    const real = createSequencerMetrics(new Registry());
    assert.deepEqual(Object.keys(noopSequencerMetrics).sort(), Object.keys(real).sort());
  });
});
