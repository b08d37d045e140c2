/**
 * The chain pages' pure models: governed vs running rows, the configuration history rebuilt from
 * `ConfigScheduled` events, the stage of each registry change, the release table, formatting,
 * the route parameter, and the sequencer health read against a local HTTP server.
 */
import assert from "node:assert/strict";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { after, before, describe, it } from "node:test";

import { manifestSchema, type Manifest } from "../../../lib/chains/index.ts";
import type { AppliedParameters, SequencerParameters } from "../../../lib/governance/parameters.ts";
import type { GovernedConfig, GovernedRelease, RunningChainConfig } from "../../../lib/operator/index.ts";
import {
  buildConfigHistory,
  chainChanges,
  changeStage,
  compareConfigs,
  formatAge,
  formatRelative,
  latestChainTime,
  memberFromParam,
  mergeParameters,
  readSequencerHealth,
  releaseOverview,
  roughDuration,
  verdictSentence,
  type ConfigPoint,
} from "../../../lib/web/chains/index.ts";
import type { HealthReport } from "../../../lib/sequencer/health.ts";
import type { ScheduledChange } from "../../../lib/web/server/registryChanges.ts";
import { buildManifest } from "../../helpers/manifest.ts";

const defaults: AppliedParameters = {
  blockTimeMs: 2000,
  maxTxPerBlock: 500,
  maxBlockGas: 30_000_000n,
  orderingPolicy: 0,
  minPriorityFeeWei: 0n,
  maxTxBytes: 131072,
  maxPendingPerSender: 64,
  commitmentInterval: 10,
};
const governed = (overrides: Partial<GovernedConfig> = {}, p: Partial<SequencerParameters> = {}): GovernedConfig => ({
  chainId: 901,
  version: 3n,
  activatedAt: 1_000n,
  parameters: { ...defaults, ...p },
  paused: false,
  ...overrides,
});
const running = (overrides: Partial<RunningChainConfig> = {}, p: Partial<AppliedParameters> = {}, activatedAt = 1_000n): RunningChainConfig => ({
  chainId: 901,
  name: "base-local",
  config: { version: 3n, activatedAt, parameters: { ...defaults, ...p } },
  paused: false,
  hubReachable: true,
  ...overrides,
});

/** The shared test manifest with both members served by a sequencer at `sequencerOrigin`. */
const manifest = (sequencerOrigin: string): Manifest => {
  const input = buildManifest();
  input.members = input.members.map((member) => ({ ...member, sequencerRpcUrl: `${sequencerOrigin}/${member.chainId}` }));
  return manifestSchema.parse(input);
};

describe("compareConfigs", () => {
  it("marks every value equal when the sequencer runs the governed configuration", () => {
    const comparison = compareConfigs(governed(), running());
    assert.equal(comparison.status, "match");
    assert.equal(comparison.differences, 0);
    assert.deepEqual(
      comparison.rows.map((row) => row.key),
      ["version", "activatedAt", "paused", "blockTimeMs", "maxTxPerBlock", "maxBlockGas", "orderingPolicy", "minPriorityFeeWei", "maxTxBytes", "maxPendingPerSender", "commitmentInterval"],
    );
    const blockTime = comparison.rows.find((row) => row.key === "blockTimeMs");
    assert.deepEqual(blockTime, { key: "blockTimeMs", label: "block time", governed: "2,000 ms", running: "2,000 ms", differs: false });
  });

  it("flags exactly the differing rows, with both values in words", () => {
    const comparison = compareConfigs(governed({ version: 4n }, { blockTimeMs: 1000, orderingPolicy: 1 }), running({ paused: true }));
    assert.equal(comparison.status, "drift");
    assert.equal(comparison.differences, 4);
    const differing = comparison.rows.filter((row) => row.differs);
    assert.deepEqual(
      differing.map((row) => [row.key, row.governed, row.running]),
      [
        ["version", "v4", "v3"],
        ["paused", "running", "paused"],
        ["blockTimeMs", "1,000 ms", "2,000 ms"],
        ["orderingPolicy", "priority fee", "FIFO"],
      ],
    );
  });

  it("shows the governed side alone, and says why, when there is nothing to compare with", () => {
    const unreachable = compareConfigs(governed(), null);
    assert.equal(unreachable.status, "unknown");
    assert.equal(unreachable.reason, "unreachable");
    assert.ok(unreachable.rows.every((row) => row.running === undefined && !row.differs && row.governed.length > 0));
    assert.equal(compareConfigs(governed(), undefined).reason, "notServed");
    assert.equal(compareConfigs(governed(), running({ config: undefined })).reason, "notLoaded");
  });
});

const point = (scope: bigint, version: bigint, activatesAt: bigint, p: Partial<SequencerParameters> = {}, overrides = 0): ConfigPoint => ({
  scope,
  version,
  activatesAt,
  overrides,
  parameters: { ...defaults, ...p },
});

describe("buildConfigHistory", () => {
  it("merges the default with the chain's overrides field by field", () => {
    const merged = mergeParameters(defaults, { ...defaults, blockTimeMs: 1000, maxTxPerBlock: 7 }, 0b1);
    assert.equal(merged.blockTimeMs, 1000);
    assert.equal(merged.maxTxPerBlock, 500, "a field outside the mask stays the default's");
  });

  it("rebuilds versions as configAt does: merged parameters, the larger version, newest first", () => {
    const points = [
      point(0n, 1n, 100n),
      point(901n, 2n, 200n, { blockTimeMs: 1000 }, 0b1),
      point(902n, 3n, 250n, { blockTimeMs: 500 }, 0b1), // another chain: ignored
      point(0n, 4n, 300n, { blockTimeMs: 3000, maxTxPerBlock: 100 }),
      point(901n, 5n, 900n, { blockTimeMs: 750 }, 0b1),
    ];
    const history = buildConfigHistory(points, { chainId: 901n, now: 500n });
    assert.deepEqual(
      history.map((e) => [e.pointVersion, e.version, e.source, e.state, e.parameters.blockTimeMs, e.parameters.maxTxPerBlock, e.changed]),
      [
        [5n, 5n, "chain", "scheduled", 750, 100, ["blockTimeMs"]],
        [4n, 4n, "default", "inForce", 1000, 100, ["maxTxPerBlock"]],
        [2n, 2n, "chain", "past", 1000, 500, ["blockTimeMs"]],
        [1n, 1n, "default", "past", 2000, 500, []],
      ],
    );
  });

  it("orders by activation, not approval: a later-approved chain change can activate first", () => {
    const history = buildConfigHistory([point(0n, 1n, 100n), point(0n, 2n, 400n, { maxTxPerBlock: 9 }), point(901n, 3n, 200n, { blockTimeMs: 1000 }, 0b1)], {
      chainId: 901n,
      now: 1_000n,
    });
    assert.deepEqual(
      history.map((e) => [e.activatesAt, e.version, e.state]),
      [
        [400n, 3n, "inForce"],
        [200n, 3n, "past"],
        [100n, 1n, "past"],
      ],
    );
  });

  it("marks a point outdone in the same second by its own scope as superseded, and is empty without a default", () => {
    const history = buildConfigHistory([point(0n, 1n, 100n), point(901n, 2n, 300n, { blockTimeMs: 1000 }, 1), point(901n, 3n, 300n, { blockTimeMs: 900 }, 1)], {
      chainId: 901n,
      now: 300n,
    });
    assert.deepEqual(history.map((e) => [e.pointVersion, e.state]), [[3n, "inForce"], [2n, "superseded"], [1n, "past"]]);
    assert.deepEqual(buildConfigHistory([point(901n, 2n, 300n)], { chainId: 901n, now: 0n }), []);
    assert.deepEqual(buildConfigHistory([], { chainId: 901n, now: 0n }), []);
  });
});

const change = (id: bigint, overrides: Partial<ScheduledChange> = {}): ScheduledChange => ({
  id,
  kind: "setParameters",
  chainId: 901n,
  status: "approved",
  scheduledAt: 10n,
  requestedActivation: 0n,
  expiresAt: 10_000n,
  approvedAt: 20n,
  activatesAt: 600n,
  action: { kind: "setParameters", chainId: 901n, changes: { blockTimeMs: 1000 }, requestedActivation: 0n },
  scheduledTx: `0x${"ab".repeat(32)}`,
  scheduledBlock: 1n,
  ...overrides,
});

describe("chainChanges", () => {
  it("follows a parameter change from the council to the sequencer", () => {
    const before = running({}, {}, 500n);
    assert.equal(changeStage(change(1n, { status: "awaitingCouncil", activatesAt: 0n }), before, 100n), "awaitingCouncil");
    assert.equal(changeStage(change(1n), before, 100n), "scheduled");
    assert.equal(changeStage(change(1n), before, 700n), "activeOnHub", "past its activation, not yet applied");
    assert.equal(changeStage(change(1n), running({}, {}, 600n), 700n), "inForce", "applied before the hub mined past it");
    assert.equal(changeStage(change(1n, { status: "active" }), undefined, 700n), "activeOnHub", "sequencer unknown");
    assert.equal(changeStage(change(1n, { status: "active" }), running({}, {}, 600n), 700n), "inForce");
    assert.equal(changeStage(change(1n, { status: "rejected" }), running(), 100n), undefined);
    assert.equal(changeStage(change(1n, { status: "expired" }), running(), 100n), undefined);
  });

  it("judges releases by the registry alone", () => {
    const release = change(2n, { kind: "approveRelease", chainId: 0n });
    assert.equal(changeStage(release, running(), 100n), "scheduled");
    assert.equal(changeStage({ ...release, status: "active" }, running(), 700n), "inForce");
  });

  it("keeps this chain's and global changes, pending first, then the latest that became active", () => {
    const changes = [
      change(9n, { status: "awaitingCouncil" }),
      change(8n, { chainId: 902n }),
      change(7n, { kind: "replaceCouncil", chainId: 0n }),
      change(6n, { status: "active", activatesAt: 50n }),
      change(5n, { chainId: 0n }),
      change(4n, { status: "active", activatesAt: 40n }),
      change(3n, { status: "cancelled" }),
      change(2n, { status: "active", activatesAt: 30n }),
    ];
    const items = chainChanges(changes, { chainId: 901n, running: running({}, {}, 45n), now: 100n, recent: 2 });
    assert.deepEqual(
      items.map((item) => [item.change.id, item.stage]),
      [
        [9n, "awaitingCouncil"],
        [5n, "scheduled"],
        [6n, "activeOnHub"],
        [4n, "inForce"],
      ],
    );
  });
});

describe("releaseOverview", () => {
  const digest = `0x${"11".repeat(32)}` as const;
  const release = (major: number, kind: number, activatesAt: bigint, d: `0x${string}` = digest): GovernedRelease => ({ major, minor: 0, patch: 0, kind, digest: d, activatesAt });

  it("lists approved releases newest first and finds the running one", () => {
    const overview = releaseOverview({ releases: [release(1, 0, 10n), release(2, 1, 500n)], running: { version: "1.0.0", digest }, now: 100n });
    assert.deepEqual(
      overview.approved.map((r) => [r.version, r.kind, r.active, r.running]),
      [
        ["2.0.0", "required", false, false],
        ["1.0.0", "recommended", true, true],
      ],
    );
    assert.equal(overview.verdict?.kind, "approved");
    assert.match(verdictSentence(overview.verdict!), /^Approved/);
  });

  it("says when the running build is below a required release, and gives no verdict without a running release", () => {
    const overview = releaseOverview({ releases: [release(2, 1, 10n)], running: { version: "1.0.0", digest }, now: 100n });
    assert.equal(overview.verdict?.kind, "requiredNewer");
    assert.match(verdictSentence(overview.verdict!), /halts/);
    assert.equal(releaseOverview({ releases: [], running: undefined, now: 0n }).verdict, undefined);
  });
});

describe("formatting and route parameters", () => {
  it("words ages and relative times, including a chain clock ahead of the wall clock", () => {
    assert.equal(formatAge(100n, 112n), "12 seconds ago");
    assert.equal(formatAge(100n, 100n), "just now");
    assert.equal(formatAge(190n, 100n), "1 minute 30 seconds ahead of this server's clock");
    assert.equal(formatRelative(700n, 100n), "in 10 minutes");
    assert.equal(formatRelative(100n, 700n), "10 minutes ago");
    assert.equal(roughDuration(5n * 86_400n + 22n * 3_600n + 29n * 60n + 7n), "5 days 22 hours");
    assert.equal(latestChainTime({ reachable: false, url: undefined, reason: "down" }, 5_000), 5n);
    const health = { reachable: true, url: "x", release: { version: "0.1.0", digest: "0x00", state: "ok", message: "" }, chains: [] } as const;
    assert.equal(latestChainTime({ ...health, lastBlocks: new Map([[901, { number: 1n, timestamp: 9n }], [902, { number: 1n, timestamp: 7n }]]) }, 5_000), 9n);
  });

  it("resolves only a member chain's decimal id", () => {
    const m = manifest("http://127.0.0.1:7545");
    assert.equal(memberFromParam(m, "901")?.name, "base-local");
    for (const bad of ["900", "903", "0901", "base-local", "", "9".repeat(40), "901.0", "-901", "%20901"]) {
      assert.equal(memberFromParam(m, bad), undefined, bad);
    }
  });
});

describe("readSequencerHealth", () => {
  let server: Server;
  let origin: string;
  let reply: { status: number; body: string } = { status: 200, body: "{}" };
  const healthBody = (lastBlock: HealthReport["chains"][number]["lastBlock"]) =>
    JSON.stringify({
      status: "ok",
      release: { version: "0.1.0", digest: `0x${"22".repeat(32)}`, state: "ok", message: "running 0.1.0" },
      chains: [
        {
          chainId: 901,
          name: "base-local",
          config: { version: "3", activatedAt: "1000", blockTimeMs: 2000, maxTxPerBlock: 500, maxBlockGas: "30000000", orderingPolicy: "fifo", minPriorityFeeWei: "0", maxTxBytes: 131072, maxPendingPerSender: 64, commitmentInterval: 10 },
          paused: false,
          sequencerActive: true,
          hubReachable: true,
          lastBlock,
        },
      ],
    } satisfies HealthReport);

  before(async () => {
    server = createServer((_, res) => {
      res.writeHead(reply.status, { "content-type": "application/json" });
      res.end(reply.body);
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it("reads the running configuration and each chain's last block from one /healthz", async () => {
    reply = { status: 200, body: healthBody({ number: "42", timestamp: "1700000000", transactions: 3 }) };
    const health = await readSequencerHealth(manifest(origin));
    assert.ok(health.reachable);
    assert.equal(health.chains[0]?.config?.parameters.blockTimeMs, 2000);
    assert.deepEqual(health.lastBlocks.get(901), { number: 42n, timestamp: 1_700_000_000n });
  });

  it("reports an unreachable, failing or malformed sequencer as a state, never a throw", async () => {
    reply = { status: 500, body: "boom" };
    const failing = await readSequencerHealth(manifest(origin));
    assert.equal(failing.reachable, false);
    reply = { status: 200, body: "{not json" };
    const malformed = await readSequencerHealth(manifest(origin));
    assert.ok(!malformed.reachable && /malformed/.test(malformed.reason));
    reply = { status: 200, body: JSON.stringify({ status: "ok", chains: "nope" }) };
    assert.equal((await readSequencerHealth(manifest(origin))).reachable, false);
    const closed = await readSequencerHealth(manifest("http://127.0.0.1:1"), { timeoutMs: 1_000 });
    assert.ok(!closed.reachable && /unreachable/.test(closed.reason));
  });

  it("has no last block for a chain without one, and refuses a report whose last block is garbled", async () => {
    reply = { status: 200, body: healthBody(null) };
    const none = await readSequencerHealth(manifest(origin));
    assert.ok(none.reachable);
    assert.equal(none.lastBlocks.size, 0);
    reply = { status: 200, body: healthBody({ number: "x", timestamp: "1" }) };
    const garbled = await readSequencerHealth(manifest(origin));
    assert.ok(!garbled.reachable && /malformed/.test(garbled.reason));
  });
});
