/**
 * The chain and overview reads against a real devnet: first without a sequencer (the governed
 * side alone, "unreachable" as a state), then with one, through a change that governance passes
 * and the council approves: awaiting the council, scheduled, in force on the sequencer.
 */
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";

import { governanceContracts, loadManifest, viemChain, type Manifest } from "../../../lib/chains/index.ts";
import { councilDecides } from "../../../lib/devnet/councilDecides.ts";
import { devnetDown, devnetUp, readDevnetState, type DevnetPaths } from "../../../lib/devnet/devnet.ts";
import { freePort } from "../../../lib/devnet/nodes.ts";
import { passProposal } from "../../../lib/devnet/passProposal.ts";
import { advanceTime, latestTimestamp } from "../../../lib/devnet/time.ts";
import { startSequencer, type RunningSequencer } from "../../../lib/sequencer/service.ts";
import { memberFromParam, readChainDetail, readChainSummaries } from "../../../lib/web/chains/index.ts";
import { readOverview } from "../../../lib/web/overview/index.ts";
import { getDeployment, isUnavailable, type Deployment } from "../../../lib/web/server/deployment.ts";

const dir = mkdtempSync(join(tmpdir(), "web-chains-"));
const paths: DevnetPaths = { stateFile: join(dir, "state.json"), manifestFile: join(dir, "devnet.json"), logDir: join(dir, "logs") };

describe("chain reads on a devnet", () => {
  let manifest: Manifest;
  let deployment: Deployment;
  let sequencer: RunningSequencer | undefined;
  let changeId: bigint;
  const advance = (seconds: bigint) => advanceTime(readDevnetState(paths)?.nodes ?? [], seconds);

  before(async () => {
    const sequencerPort = await freePort();
    await devnetUp(paths, { ports: { hub: await freePort(), "base-local": await freePort(), "zora-local": await freePort() }, sequencer: false });
    // The manifest names a sequencer that is not running yet (the second test starts it there).
    const json = JSON.parse(readFileSync(paths.manifestFile, "utf8")) as { members: Array<{ chainId: number; sequencerRpcUrl?: string }> };
    for (const member of json.members) member.sequencerRpcUrl = `http://127.0.0.1:${sequencerPort}/${member.chainId}`;
    writeFileSync(paths.manifestFile, JSON.stringify(json, null, 2));
    manifest = await loadManifest({ path: paths.manifestFile });
    process.env.SUPERCHAIN_MANIFEST = paths.manifestFile;
    const loaded = await getDeployment();
    assert.ok(!isUnavailable(loaded), "the manifest loads");
    deployment = loaded;
  });
  after(async () => {
    await sequencer?.stop();
    await devnetDown(paths);
  });

  it("shows the governed side and says the sequencer is unreachable when it does not answer", async () => {
    const detail = await readChainDetail(deployment, memberFromParam(manifest, "901")!);
    assert.equal(detail.sequencer.reachable, false);
    assert.equal(detail.running, null);
    assert.equal(detail.comparison.status, "unknown");
    assert.equal(detail.comparison.reason, "unreachable");
    assert.equal(detail.governed.parameters.blockTimeMs, 2_000);
    assert.deepEqual(detail.history.map((e) => [e.version, e.source, e.state]), [[1n, "default", "inForce"]]);
    assert.equal(detail.releases.verdict, undefined);
    assert.deepEqual(detail.changes, []);

    const overview = await readOverview(deployment);
    assert.deepEqual(overview.chains.map((c) => [c.chainId, c.governed.paused, c.comparison.status]), [[901, false, "unknown"], [902, false, "unknown"]]);
    assert.deepEqual(overview.awaitingCouncil, []);
  });

  it("follows a change from the council's queue to scheduled, then to in force on the sequencer", async () => {
    sequencer = await startSequencer({ manifest, storePath: join(dir, "sequencer.sqlite"), port: Number(new URL(manifest.members[0]!.sequencerRpcUrl!).port) });
    const hub = { chain: viemChain(manifest.hub), rpcUrl: manifest.hub.rpcUrl };
    ({ changeIds: [changeId = -1n] } = await passProposal({
      ...hub,
      contracts: governanceContracts(manifest),
      actions: [{ kind: "setParameters", chainId: 901n, changes: { blockTimeMs: 1_000 }, requestedActivation: 0n }],
      description: "Faster blocks on base-local",
      advance,
    }));

    const overview = await readOverview(deployment);
    assert.equal(overview.sequencer.reachable, true);
    assert.deepEqual(overview.awaitingCouncil.map((c) => c.id), [changeId]);
    assert.match(overview.awaitingCouncil[0]!.sentence, /^Set base-local block time 2,000 ms → 1,000 ms/);
    let detail = await readChainDetail(deployment, memberFromParam(manifest, "901")!);
    assert.deepEqual(detail.changes.map((c) => [c.change.id, c.stage]), [[changeId, "awaitingCouncil"]]);

    await councilDecides({ rpcUrl: manifest.hub.rpcUrl, safe: manifest.council.safe, registry: manifest.contracts.sequencerConfig }, { kind: "approveChange", changeId });
    detail = await readChainDetail(deployment, memberFromParam(manifest, "901")!);
    const [scheduled] = detail.changes;
    assert.equal(scheduled?.stage, "scheduled");
    assert.deepEqual(detail.history.map((e) => [e.version, e.source, e.state, e.parameters.blockTimeMs]), [
      [2n, "chain", "scheduled", 1_000],
      [1n, "default", "inForce", 2_000],
    ]);

    await advance(scheduled!.change.activatesAt - (await latestTimestamp({ name: "hub", rpcUrl: manifest.hub.rpcUrl })) + 1n);
    for (let i = 0; i < 60 && (await readChainSummaries(deployment)).chains[0]?.running?.config?.parameters.blockTimeMs !== 1_000; i++) {
      await new Promise((r) => setTimeout(r, 250));
    }
    detail = await readChainDetail(deployment, memberFromParam(manifest, "901")!);
    assert.equal(detail.changes[0]?.stage, "inForce");
    assert.match(detail.changes[0]!.sentence, /block time to 1,000 ms/, "no stale before → after once active");
    assert.equal(detail.comparison.status, "match");
    assert.equal(detail.history[0]?.state, "inForce");
    assert.ok(detail.lastBlock !== undefined && detail.lastBlock.number > 0n);
    assert.equal(detail.releases.verdict?.ok, true);
  });
});
