/**
 * The sequencer's Prometheus alerting rules (ops/prometheus): promtool accepts them and their unit
 * tests pass, every alert is tested firing and quiet, and every metric they name is one the
 * sequencer exports, so rules cannot drift from the code. promtool comes from Debian's
 * `prometheus` package (scripts/bootstrap.sh installs it); without it these tests fail, never skip.
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { describe, it } from "node:test";

import { createSequencerMetrics, SEQUENCER_METRICS, sequencerRegistry } from "../../lib/sequencer/metrics/index.ts";

const DIR = resolve(import.meta.dirname, "../../ops/prometheus");
const RULES = join(DIR, "sequencer-alerts.yml");
const RULE_TESTS = join(DIR, "sequencer-alerts.test.yml");

/** Runs promtool; a missing promtool is a failure that says how to install it. */
function promtool(...args: string[]): { status: number; output: string } {
  const result = spawnSync("promtool", args, { cwd: DIR, encoding: "utf8", timeout: 60_000 });
  if ((result.error as NodeJS.ErrnoException | undefined)?.code === "ENOENT") {
    assert.fail("promtool is not installed: run `source scripts/bootstrap.sh` (or `apt-get install --no-install-recommends prometheus`, which provides it)");
  }
  if (result.error) throw result.error;
  return { status: result.status ?? 1, output: `${result.stdout}${result.stderr}` };
}

/** The alerts of a rules file, each with the text of its entry (up to the next one). */
function alerts(yaml: string): Array<{ name: string; text: string }> {
  return yaml
    .split(/^\s*- alert:\s*/m)
    .slice(1)
    .map((entry) => ({ name: entry.split("\n")[0]?.trim() ?? "", text: entry }));
}

/** Every `expr:` of a rules file, single-line or block (`|`/`>`, the lines indented under it). */
function expressions(yaml: string): string[] {
  const lines = yaml.split("\n");
  const found: string[] = [];
  lines.forEach((line, i) => {
    const match = /^(\s*)expr:\s*(.*)$/.exec(line);
    if (!match) return;
    const [, indent = "", rest = ""] = match;
    if (!/^[|>][-+]?$/.test(rest)) return void found.push(rest);
    const block: string[] = [];
    for (const next of lines.slice(i + 1)) {
      if (next.trim() !== "" && next.search(/\S/) <= indent.length) break;
      block.push(next);
    }
    found.push(block.join("\n"));
  });
  return found;
}

const PROMQL_KEYWORDS = new Set(["and", "or", "unless", "bool", "offset", "group_left", "group_right", "inf", "nan"]);

/**
 * The metric names a PromQL expression selects: identifiers that are not functions (followed by
 * `(`), keywords, label names (in `{…}` or `on(…)`-style lists), strings or durations.
 */
function metricNames(expr: string): string[] {
  const bare = expr
    .replace(/"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'/g, '""')
    .replace(/\{[^}]*\}/g, "")
    .replace(/\b(?:on|ignoring|by|without|group_left|group_right)\s*\([^)]*\)/g, "")
    .replace(/\[[^\]]*\]/g, "");
  const names = [...bare.matchAll(/(?<![a-zA-Z0-9_:.])[a-zA-Z_:][a-zA-Z0-9_:]*(?![a-zA-Z0-9_:]|\s*\()/g)].map((m) => m[0]);
  return [...new Set(names.filter((name) => !PROMQL_KEYWORDS.has(name.toLowerCase())))];
}

/** Every sample name a sequencer's registry serves (histograms with their `_bucket`/`_sum`/`_count`). */
async function exportedNames(): Promise<Set<string>> {
  const registry = sequencerRegistry();
  createSequencerMetrics(registry);
  const names = new Set<string>();
  for (const line of (await registry.metrics()).split("\n")) {
    const [, name, type] = /^# TYPE (\S+) (\S+)$/.exec(line) ?? [];
    if (name === undefined) continue;
    names.add(name);
    if (type === "histogram" || type === "summary") for (const suffix of ["_bucket", "_sum", "_count"]) names.add(`${name}${suffix}`);
  }
  return names;
}

describe("the sequencer's alerting rules (ops/prometheus)", () => {
  const yaml = readFileSync(RULES, "utf8");

  it("pass `promtool check rules`", () => {
    const { status, output } = promtool("check", "rules", RULES);
    assert.equal(status, 0, output);
    assert.match(output, new RegExp(`SUCCESS: ${alerts(yaml).length} rules found`), output);
  });

  it("pass their unit tests: `promtool test rules`", () => {
    const { status, output } = promtool("test", "rules", RULE_TESTS);
    assert.equal(status, 0, output);
    assert.match(output, /SUCCESS/, output);
  });

  it("are refused by promtool when broken: a bad expression and a failing expectation", () => {
    const dir = mkdtempSync(join(tmpdir(), "alerts-"));
    const broken = join(dir, "broken.yml");
    writeFileSync(broken, "groups:\n  - name: x\n    rules:\n      - alert: Broken\n        expr: rate(superchain_sequencer_blocks_built_total[5m] > \n        for: 1m\n");
    const check = promtool("check", "rules", broken);
    assert.notEqual(check.status, 0, check.output);
    assert.match(check.output, /FAILED/);

    const wrong = join(dir, "wrong.test.yml");
    writeFileSync(
      wrong,
      [
        "rule_files: [" + JSON.stringify(RULES) + "]",
        "tests:",
        "  - interval: 1m",
        "    input_series:",
        "      - series: 'superchain_sequencer_release_halted'",
        "        values: '0x10'",
        "    alert_rule_test:",
        "      - eval_time: 5m",
        "        alertname: SequencerReleaseHalt",
        "        exp_alerts: [{ exp_labels: { severity: critical } }]",
        "",
      ].join("\n"),
    );
    const test = promtool("test", "rules", wrong);
    assert.notEqual(test.status, 0, "a release that never halted must not fire the halt alert");
    assert.match(test.output, /FAILED/);
  });

  it("give every alert a for:, a severity and a summary and description", () => {
    const found = alerts(yaml);
    assert.deepEqual(
      found.map((alert) => alert.name),
      ["SequencerNoBlocks", "SequencerHubUnreachable", "SequencerReleaseHalt", "SequencerMempoolNearlyFull", "SequencerCommitmentLag", "SequencerMetricsAbsent"],
    );
    for (const { name, text } of found) {
      assert.match(text, /^\s+for: \d+[smh]$/m, `${name}: for`);
      assert.match(text, /^\s+severity: (critical|warning)$/m, `${name}: severity`);
      assert.match(text, /^\s+summary: \S/m, `${name}: summary`);
      assert.match(text, /^\s+description: \S/m, `${name}: description`);
    }
  });

  it("test every alert both firing and quiet", () => {
    const tests = readFileSync(RULE_TESTS, "utf8");
    const cases = [...tests.matchAll(/alertname: (\w+)\n\s+exp_alerts:( \[\])?/g)].map(([, name, empty]) => ({ name, fires: empty === undefined }));
    for (const { name } of alerts(yaml)) {
      assert.ok(cases.some((c) => c.name === name && c.fires), `${name} is tested firing`);
      assert.ok(cases.some((c) => c.name === name && !c.fires), `${name} is tested quiet`);
    }
  });

  it("name only metrics the sequencer exports", async () => {
    const exprs = expressions(yaml);
    assert.equal(exprs.length, alerts(yaml).length, "one expression per alert");
    const exported = await exportedNames();
    const named = new Set(exprs.flatMap(metricNames));
    for (const name of named) assert.ok(exported.has(name), `${name} is in a rule but the sequencer does not export it`);
    // The rules cover what the issue asks for, on the series the facade declares.
    for (const name of [
      SEQUENCER_METRICS.lastBlockTime,
      SEQUENCER_METRICS.blockTime,
      SEQUENCER_METRICS.building,
      SEQUENCER_METRICS.hubReachable,
      SEQUENCER_METRICS.releaseHalted,
      SEQUENCER_METRICS.mempool,
      SEQUENCER_METRICS.mempoolCapacity,
      SEQUENCER_METRICS.commitmentLag,
      SEQUENCER_METRICS.commitmentInterval,
    ]) {
      assert.ok(named.has(name), `a rule uses ${name}`);
    }
  });

  it("finds the metric names in an expression and nothing else", () => {
    assert.deepEqual(
      metricNames(
        'sum by (chain_id) (rate(superchain_sequencer_blocks_built_total{chain_id!="1", job=~"seq.*"}[5m] offset 1h)) > 3 * on(chain_id) group_left superchain_sequencer_block_time_seconds and time() - x:recorded:rate5m > 1e3 unless absent(superchain_sequencr_typo)',
      ),
      ["superchain_sequencer_blocks_built_total", "superchain_sequencer_block_time_seconds", "x:recorded:rate5m", "superchain_sequencr_typo"],
    );
  });
});
