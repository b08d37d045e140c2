/**
 * Commitments: every `commitmentInterval` blocks the sequencer posts the block's output, naming
 * the configuration version it was built under, to the hub's OutputOracle from the chain's
 * operator key, and the hub's state root to the member chain's HubStateOracle.
 */
import assert from "node:assert/strict";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";

import { createPublicClient, createWalletClient, http, zeroHash } from "viem";
import { privateKeyToAccount } from "viem/accounts";

import { loadManifest, viemChain, type Manifest } from "../../../lib/chains/index.ts";
import { hubStateOracleAbi, outputOracleAbi } from "../../../lib/contracts/index.ts";
import { devAccount, DEV_ROLES } from "../../../lib/devnet/accounts.ts";
import { devnetDown, devnetUp, readDevnetState, type DevnetPaths } from "../../../lib/devnet/devnet.ts";
import { hdPrivateKey } from "../../../lib/devnet/keys.ts";
import { freePort } from "../../../lib/devnet/nodes.ts";
import { enactChange } from "../../../lib/devnet/passProposal.ts";
import { advanceTime } from "../../../lib/devnet/time.ts";
import { startSequencer, type RunningSequencer } from "../../../lib/sequencer/service.ts";
import { ticksUntil } from "../../helpers/ticks.ts";

const dir = mkdtempSync(join(tmpdir(), "commitments-"));
const paths: DevnetPaths = { stateFile: join(dir, "state.json"), manifestFile: join(dir, "devnet.json"), logDir: join(dir, "logs") };

describe("commitments to the hub and hub state to the member chains", () => {
  let manifest: Manifest;
  let sequencer: RunningSequencer;
  const advance = (seconds: bigint) => advanceTime(readDevnetState(paths)?.nodes ?? [], seconds);
  /** A member chain's block loop: the tests wait on its ticks, never on the wall clock. */
  const loop = (chainId: number) => sequencer.chains.get(chainId)!.sequencer;

  before(async () => {
    await devnetUp(paths, { ports: { hub: await freePort(), "base-local": await freePort(), "zora-local": await freePort() }, sequencer: false });
    manifest = await loadManifest({ path: paths.manifestFile });
    const operators = Object.fromEntries(manifest.members.map((m, i) => [m.chainId, privateKeyToAccount(hdPrivateKey(DEV_ROLES.operators[i] ?? 0))]));
    sequencer = await startSequencer({ manifest, storePath: join(dir, "sequencer.sqlite"), port: 0, operators });
  });
  after(async () => {
    await sequencer?.stop();
    await devnetDown(paths);
  });

  it("posts every interval with the configuration version in force at the committed block", async () => {
    const activatesAt = await enactChange(
      manifest,
      [{ kind: "setParameters", chainId: 0n, changes: { commitmentInterval: 2, blockTimeMs: 1_000 }, requestedActivation: 0n }],
      "Commit every 2 blocks, 1 s blocks",
      advance,
    );
    const member = createPublicClient({ transport: http(manifest.members[0]!.rpcUrl) });
    await advance(activatesAt - (await member.getBlock()).timestamp);

    const hub = createPublicClient({ chain: viemChain(manifest.hub), transport: http() });
    const oracle = { address: manifest.contracts.outputOracle!, abi: outputOracleAbi } as const;
    const hubStateCount = () => member.readContract({ address: manifest.members[0]!.hubStateOracle!, abi: hubStateOracleAbi, functionName: "hubStateCount" });
    /** How many of the newest outputs commit blocks from the activation on. */
    const outputsSinceActivation = async () => {
      let posted = 0;
      for (let index = (await hub.readContract({ ...oracle, functionName: "outputCount", args: [901n] })) - 1n; index >= 0n; index--, posted++) {
        const output = await hub.readContract({ ...oracle, functionName: "outputAt", args: [901n, index] });
        if (BigInt(output.blockTimestamp) < activatesAt) break;
      }
      return posted;
    };
    // Two outputs of blocks from the activation on, and a hub state the sequencer posted: ten 1 s ticks at most.
    await ticksUntil(loop(901), async () => (await outputsSinceActivation()) >= 2 && (await hubStateCount()) >= 2n);

    const count = await hub.readContract({ ...oracle, functionName: "outputCount", args: [901n] });
    assert.ok(count >= 2n, `at least two outputs posted, got ${count}`);
    for (let index = 0n; index < count; index++) {
      const output = await hub.readContract({ ...oracle, functionName: "outputAt", args: [901n, index] });
      const inForce = await hub.readContract({ ...oracle, functionName: "versionInForce", args: [901n, BigInt(output.blockTimestamp)] });
      assert.equal(output.configVersion, inForce, `output ${index} names the version in force at block ${output.blockNumber}`);
      const block = await member.getBlock({ blockNumber: output.blockNumber });
      assert.equal(output.blockHash, block.hash, "the committed hash is the chain's block");
      assert.equal(output.stateRoot, block.stateRoot);
    }
    const latest = await hub.readContract({ ...oracle, functionName: "latestOutput", args: [901n] });
    assert.equal(latest.blockNumber % 2n, 0n, "committed at the governed interval");
    assert.equal(latest.configVersion, 2n, "under the new configuration");

    const hubStates = await hubStateCount();
    assert.ok(hubStates >= 2n, `the sequencer posted hub states after the seeding one, got ${hubStates}`);
    const hubState = await member.readContract({ address: manifest.members[0]!.hubStateOracle!, abi: hubStateOracleAbi, functionName: "latestHubState" });
    assert.notEqual(hubState.stateRoot, zeroHash);
  });

  it("winds a removed chain down: no block from its removal on, and its last block committed", async () => {
    const zora = createPublicClient({ transport: http(manifest.members[1]!.rpcUrl) });
    const removesAt = await enactChange(manifest, [{ kind: "removeChain", chainId: 902n, requestedActivation: 0n }], "Remove zora-local", advance);
    // Up to a few seconds before the removal; the sequencer builds the last blocks itself.
    await advance(removesAt - 3n - (await zora.getBlock()).timestamp);
    const hub = createPublicClient({ chain: viemChain(manifest.hub), transport: http() });
    const oracle = { address: manifest.contracts.outputOracle!, abi: outputOracleAbi } as const;
    const status = () => sequencer.health().chains.find((c) => c.chainId === 902);
    const committed = async () => (await hub.readContract({ ...oracle, functionName: "latestOutput", args: [902n] })).blockNumber;
    assert.ok(
      await ticksUntil(loop(902), async () => status()?.removed === true && (await committed()) === (await zora.getBlockNumber()), 60),
      "the removal is seen and the last block committed within 60 ticks (1 s each)",
    );
    const last = await zora.getBlock();
    assert.ok(last.timestamp < removesAt, "every block is from before the removal");
    assert.equal(await committed(), last.number, "the wind-down output covers the last block");
    const wallet = createWalletClient({ account: devAccount(18), chain: { ...viemChain(manifest.members[1]!), rpcUrls: { default: { http: [sequencer.chainUrl(902)] } } }, transport: http() });
    await assert.rejects(wallet.sendTransaction({ to: devAccount(19).address, value: 1n }), /no longer a member chain/);
    assert.equal(await zora.getBlockNumber(), last.number, "no block after the removal");
  });

  it("refuses an output from anyone but the chain's operator", async () => {
    const stranger = createWalletClient({ account: devAccount(16), chain: viemChain(manifest.hub), transport: http() });
    await assert.rejects(
      stranger.writeContract({
        address: manifest.contracts.outputOracle!,
        abi: outputOracleAbi,
        functionName: "postOutput",
        args: [901n, 10_000n, `0x${"11".repeat(32)}`, `0x${"22".repeat(32)}`, 1n, 1],
      }),
      /OutputOracleNotOperator/,
    );
  });
});
