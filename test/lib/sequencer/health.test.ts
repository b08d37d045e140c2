/**
 * The health report: what the sequencer builds parses with the schema the operator CLI and the web
 * app read it with, for every state a chain can be in; a report that breaks the schema is refused.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";

import { OrderingPolicy } from "../../../lib/governance/parameters.ts";
import type { ChainStatus } from "../../../lib/sequencer/chainSequencer.ts";
import type { GovernedConfig } from "../../../lib/sequencer/config/governedConfig.ts";
import { healthReport, healthReportSchema } from "../../../lib/sequencer/health.ts";

const build = { version: "1.2.3", digest: `0x${"ab".repeat(32)}` as const };
const config: GovernedConfig = {
  chainId: 901,
  version: 3n,
  activatedAt: 1_800_000_000n,
  blockTimeMs: 250,
  maxTxPerBlock: 500,
  maxBlockGas: (1n << 60n) + 1n,
  orderingPolicy: OrderingPolicy.PriorityFee,
  minPriorityFeeWei: 10n ** 30n,
  maxTxBytes: 131_072,
  maxPendingPerSender: 64,
  commitmentInterval: 10,
  paused: false,
};
const running: ChainStatus = {
  chainId: 901,
  name: "base-local",
  config,
  hubReachable: true,
  paused: false,
  active: true,
  lastBlock: { number: 42n, timestamp: 1_800_000_100n, transactions: 7 },
  mempoolSize: 3,
};
const unconfigured: ChainStatus = { chainId: 902, name: "zora-local", hubReachable: false, hubError: "connection refused", paused: false, active: false, mempoolSize: 0 };

describe("healthReport", () => {
  it("round-trips every field through the schema, integers beyond 2^53 included", () => {
    const report = healthReport(build, { state: "ok", message: "running 1.2.3" }, [running, unconfigured]);
    assert.equal(report.status, "degraded", "one chain cannot read the hub");
    assert.equal(report.chains[0]?.config?.orderingPolicy, "priorityFee", "the policy travels by name");
    const parsed = healthReportSchema.parse(JSON.parse(JSON.stringify(report)));
    const { chainId: _chainId, paused: _paused, ...applied } = config; // the chain's entry carries those
    assert.deepEqual(parsed.chains[0]?.config, applied);
    assert.deepEqual(parsed.chains[0]?.lastBlock, { number: 42n, timestamp: 1_800_000_100n, transactions: 7 });
    assert.equal(parsed.chains[0]?.mempool, 3);
    assert.deepEqual(
      { config: parsed.chains[1]?.config, lastBlock: parsed.chains[1]?.lastBlock, hubError: parsed.chains[1]?.hubError, sequencerActive: parsed.chains[1]?.sequencerActive },
      { config: null, lastBlock: null, hubError: "connection refused", sequencerActive: false },
    );
  });

  it("reports a release halt with its reason, and a removed chain", () => {
    const removed: ChainStatus = { ...running, config: { ...config, removed: true } };
    const report = healthReport(build, { state: "halt", reason: "digestMismatch", message: "unapproved build" }, [removed]);
    const parsed = healthReportSchema.parse(report);
    assert.equal(parsed.status, "halted");
    assert.deepEqual(parsed.release, { ...build, state: "halt", reason: "digestMismatch", message: "unapproved build" });
    assert.equal(parsed.chains[0]?.removed, true);
  });

  it("refuses a report that breaks the schema, naming the field", () => {
    const report = healthReport(build, { state: "ok", message: "ok" }, [running]);
    const broken = [
      { ...report, status: "fine" },
      { ...report, release: { ...report.release, digest: "0x12" } },
      { ...report, chains: [{ ...report.chains[0], config: { ...report.chains[0]!.config, maxBlockGas: 30_000_000 } }] },
      { ...report, chains: [{ ...report.chains[0], chainId: 0 }] },
    ];
    const paths = broken.map((body) => {
      const result = healthReportSchema.safeParse(body);
      assert.equal(result.success, false);
      return result.error?.issues[0]?.path.join(".");
    });
    assert.deepEqual(paths, ["status", "release.digest", "chains.0.config.maxBlockGas", "chains.0.chainId"]);
  });
});
