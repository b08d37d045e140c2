import assert from "node:assert/strict";
import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";

import { createPublicClient, http, parseEther } from "viem";

import { loadManifest } from "../../../lib/chains/index.ts";
import { sequencerConfigRegistryAbi, superchainGovernorAbi, superchainTokenAbi } from "../../../lib/contracts/index.ts";
import { CouncilSafe } from "../../../lib/council/index.ts";
import { canonicalSafeContract } from "../../../lib/safe/index.ts";
import { advanceTime, latestTimestamp } from "../../../lib/devnet/time.ts";
import { CHANGE_STATUSES } from "../../../lib/governance/index.ts";
import { devnetDown, devnetUp, runningDevnet, type DevnetPaths } from "../../../lib/devnet/devnet.ts";
import { DevnetPortInUseError } from "../../../lib/devnet/errors.ts";
import { freePort, isAlive } from "../../../lib/devnet/nodes.ts";

describe("devnet up / down on ephemeral ports", () => {
  const dir = mkdtempSync(join(tmpdir(), "devnet-"));
  const paths: DevnetPaths = {
    stateFile: join(dir, "state.json"),
    manifestFile: join(dir, "deployments", "devnet.json"),
    logDir: join(dir, "logs"),
  };
  after(async () => {
    await devnetDown(paths);
  });

  it("starts three chains, deploys and seeds the hub, writes a manifest every part can load, and stops only its own processes", async () => {
    const ports = { hub: await freePort(), "base-local": await freePort(), "zora-local": await freePort(), sequencer: await freePort() };
    const progress: string[] = [];
    const up = await devnetUp(paths, { ports, seedProposals: 8, onProgress: (m) => progress.push(m) });
    const { state, alreadyRunning } = up;
    assert.equal(alreadyRunning, false);
    assert.deepEqual(state.nodes.map((n) => n.chainId), [900, 901, 902]);
    assert.ok(progress.some((m) => m.includes("deploying")));

    const manifest = await loadManifest({ path: paths.manifestFile });
    assert.equal(manifest.hub.rpcUrl, `http://127.0.0.1:${ports.hub}`);
    assert.deepEqual(manifest.members.map((m) => [m.name, m.chainType]), [["base-local", "op"], ["zora-local", "op"]]);
    const safeSingleton = canonicalSafeContract("SafeL2").address;
    for (const node of state.nodes) {
      const client = createPublicClient({ transport: http(node.rpcUrl) });
      assert.equal(await client.getChainId(), node.chainId, `${node.name} answers with its chain id`);
      assert.ok(((await client.getCode({ address: safeSingleton })) ?? "0x").length > 2, `Safe 1.4.1 on ${node.name}`);
    }

    // The council Safe, through protocol-kit.
    const council = await CouncilSafe.connect({ safe: manifest.council.safe, rpcUrl: manifest.hub.rpcUrl });
    const safeState = await council.getState();
    assert.equal(safeState.threshold, 2);
    assert.equal(safeState.owners.length, 3);

    // Delegates' voting power, and every seeded proposal in its state.
    const hub = createPublicClient({ transport: http(manifest.hub.rpcUrl) });
    const votes = (who: `0x${string}`) =>
      hub.readContract({ address: manifest.contracts.token, abi: superchainTokenAbi, functionName: "getVotes", args: [who] });
    const [first, second] = up.delegates ?? [];
    assert.ok(first && second);
    assert.equal(await votes(first.address), parseEther("33000000"), "30M own + 3M delegated");
    assert.equal(await votes(second.address), parseEther("22000000"), "20M own + 2M delegated");

    const expected: Record<string, [governorState: number, change?: string]> = {
      pending: [0],
      active: [1],
      defeated: [3],
      succeeded: [4],
      queued: [5],
      awaitingCouncil: [7, "awaitingCouncil"],
      approved: [7, "approved"],
      inForce: [7, "active"],
    };
    assert.deepEqual(up.proposals?.map((p) => p.state), Object.keys(expected));
    for (const proposal of up.proposals ?? []) {
      const [governorState, change] = expected[proposal.state] ?? [];
      const actual = await hub.readContract({
        address: manifest.contracts.governor,
        abi: superchainGovernorAbi,
        functionName: "state",
        args: [proposal.proposalId],
      });
      assert.equal(actual, governorState, `${proposal.state}: governor state`);
      if (change) {
        assert.ok(proposal.changeId !== undefined);
        const status = await hub.readContract({
          address: manifest.contracts.sequencerConfig,
          abi: sequencerConfigRegistryAbi,
          functionName: "changeStatus",
          args: [proposal.changeId],
        });
        assert.equal(CHANGE_STATUSES[status], change, `${proposal.state}: registry change`);
      }
    }
    // Cross-chain voting: every member's pool is its vote source, appointed by an executed proposal.
    assert.ok(manifest.contracts.stateProofVerifier);
    for (const member of manifest.members) {
      assert.ok(member.spoke, `${member.name} lists its spoke contracts`);
      const source = await hub.readContract({ address: manifest.contracts.governor, abi: superchainGovernorAbi, functionName: "voteSource", args: [BigInt(member.chainId)] });
      assert.equal(source, member.spoke.pool, `${member.name}: vote source`);
    }
    const appointment = up.crosschain?.appointment.proposalId;
    assert.ok(appointment !== undefined);
    assert.equal(await hub.readContract({ address: manifest.contracts.governor, abi: superchainGovernorAbi, functionName: "state", args: [appointment] }), 7, "appointed by an executed proposal");
    assert.equal(up.crosschain?.spokeDelegates.length, 4);

    const config = await hub.readContract({
      address: manifest.contracts.sequencerConfig,
      abi: sequencerConfigRegistryAbi,
      functionName: "currentConfig",
      args: [901n],
    });
    assert.equal(config.parameters.blockTimeMs, 1_700, "the in-force proposal (#8) set base-local to 1,700 ms");

    // Time moves on all three chains to one common timestamp.
    const target = await advanceTime(state.nodes, 3_600n);
    for (const node of state.nodes) assert.equal(await latestTimestamp(node), target, `${node.name} clock`);

    const again = await devnetUp(paths, { ports });
    assert.equal(again.alreadyRunning, true, "up while up says so");

    const { stopped } = await devnetDown(paths);
    assert.equal(stopped.length, 3);
    assert.ok(stopped.every((node) => !isAlive(node.pid)));
    assert.equal(runningDevnet(paths), undefined);
    assert.equal(existsSync(paths.stateFile), false);
  });

  it("refuses a taken port, naming it, and leaves nothing running", async () => {
    const hubPort = await freePort();
    const blocked = await freePort();
    const { createServer } = await import("node:net");
    const blocker = createServer().listen(blocked, "127.0.0.1");
    await new Promise((r) => blocker.once("listening", r));
    try {
      await assert.rejects(
        devnetUp(paths, { ports: { hub: hubPort, "base-local": blocked, "zora-local": await freePort(), sequencer: await freePort() } }),
        (error: unknown) => error instanceof DevnetPortInUseError && error.port === blocked,
      );
      assert.equal(runningDevnet(paths), undefined);
    } finally {
      blocker.close();
    }
  });
});
