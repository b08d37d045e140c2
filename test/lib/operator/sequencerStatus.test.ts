/**
 * `sequencerStatus`: who leads what, from the health reports of every replica asked — agreement,
 * disagreement, a replica that did not answer, members nobody asked, and the single sequencer.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";

import { healthReportSchema, type HealthReport } from "../../../lib/sequencer/health.ts";
import { sequencerStatus } from "../../../lib/operator/sequencerStatus.ts";

const release = { version: "1.0.0", digest: `0x${"ab".repeat(32)}`, state: "ok", message: "ok" } as const;
const chain = (chainId: number, extra: Partial<HealthReport["chains"][number]> = {}): HealthReport["chains"][number] => ({
  chainId,
  name: `chain-${chainId}`,
  config: null,
  paused: false,
  sequencerActive: true,
  hubReachable: true,
  lastBlock: null,
  ...extra,
});
const members = [
  { id: "a", rpcUrl: "http://127.0.0.1:1" },
  { id: "b", rpcUrl: "http://127.0.0.1:2" },
  { id: "c", rpcUrl: "http://127.0.0.1:3" },
];
const replicaReport = (id: string, leaders: Record<number, string>, lastBlock?: number) =>
  healthReportSchema.parse({
    status: "ok",
    release,
    chains: [901, 902].map((chainId) =>
      chain(chainId, {
        role: leaders[chainId] === id ? "leader" : "follower",
        ...(leaders[chainId] ? { leader: leaders[chainId] } : {}),
        ...(lastBlock !== undefined && leaders[chainId] === id ? { lastBlock: { number: String(lastBlock), timestamp: "1" } } : {}),
      }),
    ),
    replication: { replicaId: id, etcdReachable: true, leaseTtlSeconds: 3, leaseValidForMs: 2500, paused: false, members, leaderChanges: 1 },
  } satisfies HealthReport);

describe("sequencerStatus", () => {
  it("names each chain's leader and what each replica leads", () => {
    const leaders = { 901: "a", 902: "b" };
    const status = sequencerStatus([
      { url: "http://127.0.0.1:1", report: replicaReport("a", leaders, 40) },
      { url: "http://127.0.0.1:2", report: replicaReport("b", leaders, 41) },
    ]);
    assert.equal(status.replicated, true);
    assert.deepEqual(status.chains.map((c) => [c.chainId, c.leader, c.lastBlock]), [[901, "a", 40n], [902, "b", 41n]]);
    assert.deepEqual(status.replicas.map((r) => [r.id, r.leads]), [["a", [901]], ["b", [902]], ["c", []]], "c is a member nobody asked");
    assert.equal(status.replicas[2]?.leaseValidForMs, undefined);
  });

  it("reports a disagreement and a replica that did not answer, and no leader where none leads", () => {
    const status = sequencerStatus([
      { url: "http://127.0.0.1:1", report: replicaReport("a", { 901: "a" }) },
      { url: "http://127.0.0.1:2", report: replicaReport("b", { 901: "b" }) },
      { url: "http://127.0.0.1:3", error: "connection refused" },
    ]);
    assert.deepEqual(status.chains[0]?.disagreement, ["a", "b"]);
    assert.equal(status.chains[0]?.leader, undefined);
    assert.equal(status.chains[1]?.leader, undefined, "902 has no leader");
    assert.equal(status.replicas.find((r) => r.url === "http://127.0.0.1:3")?.error, "connection refused");
  });

  it("treats a sequencer that is not replicated as leading every chain it builds", () => {
    const report = healthReportSchema.parse({ status: "ok", release, chains: [chain(901), chain(902, { sequencerActive: false })] } satisfies HealthReport);
    const status = sequencerStatus([{ url: "http://127.0.0.1:7545", report }]);
    assert.equal(status.replicated, false);
    assert.deepEqual(status.replicas.map((r) => r.leads), [[901]]);
    assert.deepEqual(status.chains.map((c) => c.leader), ["sequencer", "sequencer"]);
  });
});
