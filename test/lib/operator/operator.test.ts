import assert from "node:assert/strict";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { describe, it } from "node:test";

import { manifestSchema, type Manifest } from "../../../lib/chains/index.ts";
import type { AppliedParameters } from "../../../lib/governance/parameters.ts";
import {
  diffConfigs,
  readRunningConfigs,
  releaseVerdict,
  resolveMemberChain,
  SequencerHealthInvalidError,
  SequencerUnreachableError,
  UnknownMemberChainError,
  type GovernedConfig,
  type GovernedRelease,
  type RunningChainConfig,
} from "../../../lib/operator/index.ts";
import type { HealthReport } from "../../../lib/sequencer/health.ts";

const params: AppliedParameters = {
  blockTimeMs: 2000,
  maxTxPerBlock: 500,
  maxBlockGas: 30_000_000n,
  orderingPolicy: 0,
  minPriorityFeeWei: 0n,
  maxTxBytes: 131072,
  maxPendingPerSender: 64,
  commitmentInterval: 10,
};
const governed = (chainId: number, overrides: Partial<GovernedConfig> = {}): GovernedConfig => ({
  chainId,
  version: 1n,
  activatedAt: 1_795_691_886n,
  parameters: { ...params },
  paused: false,
  ...overrides,
});
const running = (chainId: number, overrides: Partial<RunningChainConfig> = {}, p: Partial<AppliedParameters> = {}): RunningChainConfig => ({
  chainId,
  name: `chain-${chainId}`,
  config: { version: 1n, activatedAt: 1_795_691_886n, parameters: { ...params, ...p } },
  paused: false,
  hubReachable: true,
  ...overrides,
});

const A = (n: number) => `0x${n.toString(16).padStart(40, "0")}`;
const manifest: Manifest = manifestSchema.parse({
  version: 1,
  network: "devnet",
  createdAt: "2026-01-01T00:00:00.000Z",
  hub: { chainId: 900, name: "hub", role: "hub", rpcUrl: "http://127.0.0.1:8545", chainType: "l1" },
  members: [
    { chainId: 901, name: "base-local", role: "member", rpcUrl: "http://127.0.0.1:9545", sequencerRpcUrl: "http://127.0.0.1:7545/901", chainType: "op" },
    { chainId: 902, name: "zora-local", role: "member", rpcUrl: "http://127.0.0.1:9546", sequencerRpcUrl: "http://127.0.0.1:7545/902", chainType: "op" },
  ],
  contracts: { token: A(1), timelock: A(2), governor: A(3), memberChains: A(4), sequencerConfig: A(5), outputOracle: A(6) },
  council: { safe: A(7), owners: [A(8)], threshold: 1 },
  safe: {
    safeSingleton: A(9), safeL2Singleton: A(10), safeProxyFactory: A(11), multiSend: A(12), multiSendCallOnly: A(13),
    fallbackHandler: A(14), signMessageLib: A(15), createCall: A(16), simulateTxAccessor: A(17),
  },
  deployBlocks: {},
});

describe("diffConfigs", () => {
  it("is identical when every value agrees", () => {
    const diff = diffConfigs([governed(901), governed(902)], [running(901), running(902)]);
    assert.equal(diff.identical, true);
    assert.equal(diff.differences, 0);
    assert.deepEqual(diff.chains.map((c) => c.kind), ["compared", "compared"]);
  });

  it("reports each differing parameter with both sides, and a version mismatch", () => {
    const diff = diffConfigs([governed(901, { version: 2n })], [running(901, {}, { blockTimeMs: 1000, maxBlockGas: 15_000_000n })]);
    assert.equal(diff.identical, false);
    assert.equal(diff.differences, 3);
    const [chain] = diff.chains;
    assert.ok(chain?.kind === "compared");
    assert.deepEqual(chain.version, { equal: false, governed: 2n, running: 1n });
    assert.deepEqual(chain.parameters.blockTimeMs, { equal: false, governed: 2000, running: 1000 });
    assert.deepEqual(chain.parameters.maxBlockGas, { equal: false, governed: 30_000_000n, running: 15_000_000n });
    assert.deepEqual(chain.parameters.maxTxPerBlock, { equal: true, value: 500 });
  });

  it("reports a pause the sequencer has not applied", () => {
    const diff = diffConfigs([governed(901, { paused: true })], [running(901)]);
    const [chain] = diff.chains;
    assert.ok(chain?.kind === "compared");
    assert.deepEqual(chain.paused, { equal: false, governed: true, running: false });
  });

  it("reports chains missing on either side, and a chain without a loaded config", () => {
    const diff = diffConfigs([governed(901), governed(902)], [running(902, { config: undefined }), running(903)]);
    assert.deepEqual(diff.chains, [
      { kind: "missingRunning", chainId: 901, reason: "notServed" },
      { kind: "missingRunning", chainId: 902, reason: "notLoaded" },
      { kind: "missingGoverned", chainId: 903 },
    ]);
    assert.equal(diff.differences, 3);
    assert.equal(diff.identical, false);
  });
});

describe("releaseVerdict", () => {
  const digest = `0x${"ab".repeat(32)}` as const;
  const other = `0x${"cd".repeat(32)}` as const;
  const release = (version: string, kind: number, d: `0x${string}` = digest, activatesAt = 100n): GovernedRelease => {
    const [major = 0, minor = 0, patch = 0] = version.split(".").map(Number);
    return { major, minor, patch, kind, digest: d, activatesAt };
  };
  const run = { version: "0.1.0", digest };

  it("passes, distinctly, when no release was approved (or none is in force yet)", () => {
    assert.deepEqual(releaseVerdict({ running: run, releases: [], now: 200n }), { ok: true, kind: "noneApproved", pending: 0 });
    assert.deepEqual(releaseVerdict({ running: run, releases: [release("0.2.0", 1, digest, 300n)], now: 200n }), { ok: true, kind: "noneApproved", pending: 1 });
  });

  it("passes when version and digest match an approved release in force (digest case-insensitive)", () => {
    const verdict = releaseVerdict({ running: { version: "0.1.0", digest: digest.toUpperCase().replace("0X", "0x") as `0x${string}` }, releases: [release("0.1.0", 0)], now: 200n });
    assert.equal(verdict.kind, "approved");
    assert.equal(verdict.ok, true);
  });

  it("fails when a required release in force is newer", () => {
    const verdict = releaseVerdict({ running: run, releases: [release("0.1.0", 1), release("0.2.0", 1, other)], now: 200n });
    assert.equal(verdict.kind, "requiredNewer");
    assert.equal(verdict.ok, false);
  });

  it("does not fail for a newer required release that is not in force yet", () => {
    const verdict = releaseVerdict({ running: run, releases: [release("0.1.0", 0), release("0.2.0", 1, other, 500n)], now: 200n });
    assert.equal(verdict.kind, "approved");
  });

  it("fails when the running version was approved with another digest", () => {
    const verdict = releaseVerdict({ running: run, releases: [release("0.1.0", 0, other)], now: 200n });
    assert.equal(verdict.kind, "digestMismatch");
    assert.equal(verdict.ok, false);
  });

  it("fails when the running version is not approved at all", () => {
    const verdict = releaseVerdict({ running: { version: "0.3.0", digest }, releases: [release("0.2.0", 0)], now: 200n });
    assert.equal(verdict.kind, "notApproved");
    assert.equal(verdict.ok, false);
  });
});

describe("resolveMemberChain", () => {
  it("finds a member by id or name and refuses others, listing the members", () => {
    assert.equal(resolveMemberChain(manifest, "902").name, "zora-local");
    assert.equal(resolveMemberChain(manifest, "base-local").chainId, 901);
    assert.throws(() => resolveMemberChain(manifest, "999"), (e: unknown) => e instanceof UnknownMemberChainError && /901 \(base-local\), 902 \(zora-local\)/.test(e.details ?? ""));
    assert.throws(() => resolveMemberChain(manifest, "900"), (e: unknown) => e instanceof UnknownMemberChainError && /hub/.test(e.shortMessage));
  });
});

describe("readRunningConfigs", () => {
  async function serve(body: string, status = 200) {
    const server = createServer((_req, res) => {
      res.writeHead(status, { "content-type": "application/json" }).end(body);
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, close: () => new Promise<void>((r) => server.close(() => r())) };
  }
  const health: HealthReport = {
    status: "ok",
    release: { version: "0.1.0", digest: `0x${"ab".repeat(32)}`, state: "ok", message: "running 0.1.0" },
    chains: [
      {
        chainId: 901, name: "base-local",
        config: { version: "1", activatedAt: "1795691886", blockTimeMs: 2000, maxTxPerBlock: 500, maxBlockGas: "30000000", orderingPolicy: "priorityFee", minPriorityFeeWei: "7", maxTxBytes: 131072, maxPendingPerSender: 64, commitmentInterval: 10 },
        paused: false, sequencerActive: true, hubReachable: true, lastBlock: null, mempool: 0,
      },
      { chainId: 902, name: "zora-local", config: null, paused: true, sequencerActive: true, hubReachable: false, lastBlock: null, mempool: 0 },
    ],
  };

  it("reads and reshapes /healthz into typed configs", async () => {
    const server = await serve(JSON.stringify(health));
    try {
      const state = await readRunningConfigs(server.url);
      assert.equal(state.release.version, "0.1.0");
      assert.deepEqual(state.chains[0]?.config, {
        version: 1n, activatedAt: 1_795_691_886n,
        parameters: { ...params, orderingPolicy: 1, minPriorityFeeWei: 7n },
      });
      assert.equal(state.chains[1]?.config, undefined);
      assert.equal(state.chains[1]?.paused, true);
    } finally {
      await server.close();
    }
  });

  it("throws SequencerHealthInvalidError for a malformed report", async () => {
    const server = await serve(JSON.stringify({ ...health, chains: [{ chainId: 901 }] }));
    try {
      await assert.rejects(readRunningConfigs(server.url), (e: unknown) => e instanceof SequencerHealthInvalidError && /chains\.0\.name/.test(e.details ?? ""));
    } finally {
      await server.close();
    }
    const html = await serve("<html>", 200);
    try {
      await assert.rejects(readRunningConfigs(html.url), SequencerHealthInvalidError);
    } finally {
      await html.close();
    }
  });

  it("throws SequencerUnreachableError when nothing answers or the answer is an HTTP error", async () => {
    const server = await serve("{}");
    const url = server.url;
    await server.close();
    await assert.rejects(readRunningConfigs(url), SequencerUnreachableError);
    const failing = await serve("nope", 500);
    try {
      await assert.rejects(readRunningConfigs(failing.url), SequencerUnreachableError);
    } finally {
      await failing.close();
    }
  });
});
