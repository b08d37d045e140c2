import assert from "node:assert/strict";
import { describe, it } from "node:test";

import { network } from "hardhat";

import { hubConfigSource, lastGoodConfig, type ConfigSource, type GovernedConfig } from "../../../lib/sequencer/config/governedConfig.ts";
import { DEFAULT_PARAMETERS } from "../../helpers/parameters.ts";
import { sevenWallets } from "../../helpers/wallets.ts";

const config = { chainId: 901, version: 3n } as GovernedConfig;

describe("lastGoodConfig", () => {
  it("keeps the last configuration when the hub stops answering, and says so", async () => {
    let up = true;
    const source: ConfigSource = { configAt: async () => (up ? config : Promise.reject(new Error("connect ECONNREFUSED"))) };
    const follower = lastGoodConfig(source);
    assert.deepEqual(await follower.read(901, 1n), { config, hubReachable: true });
    up = false;
    const reading = await follower.read(901, 2n);
    assert.equal(reading.config, config);
    assert.equal(reading.hubReachable, false);
    assert.match(reading.error ?? "", /ECONNREFUSED/);
  });

  it("has nothing to fall back on before the first answer", async () => {
    const follower = lastGoodConfig({ configAt: async () => Promise.reject(new Error("down")) });
    await assert.rejects(follower.read(901, 1n), /down/);
  });
});

describe("hubConfigSource", () => {
  it("stops a chain from its removal's activation (removed, not paused) and keeps the other chains", async () => {
    const { viem, networkHelpers } = await network.connect();
    const [governance, council, operator] = await sevenWallets(viem);
    const members = [901n, 902n].map((chainId) => ({ chainId, name: `chain-${chainId}`, operator: operator.account.address }));
    const chains = await viem.deployContract("MemberChainRegistry", [members]);
    const registry = await viem.deployContract("SequencerConfigRegistry", [
      chains.address, governance.account.address, council.account.address, DEFAULT_PARAMETERS, 60, 86_400,
    ]);
    await chains.write.setChangeApplier([registry.address]);
    await registry.write.scheduleRemoveChain([902n, 0], { account: governance.account });
    await registry.write.approveChange([0n], { account: council.account });
    const removesAt = BigInt((await registry.read.getChange([0n])).activatesAt);

    const source = hubConfigSource(await viem.getPublicClient(), registry.address);
    const before = await source.configAt(902, removesAt - 1n);
    assert.equal(before.removed, undefined, "sequenced until the removal");
    assert.equal(before.paused, false);
    const atRemoval = await source.configAt(902, removesAt);
    assert.equal(atRemoval.removed, true, "no block from the removal on");
    assert.equal(atRemoval.paused, false, "removal is not a council pause");
    assert.equal((await source.configAt(901, removesAt)).removed, undefined, "the other chain goes on");
    await networkHelpers.time.increaseTo(removesAt);
    assert.equal((await source.configAt(902, removesAt + 10n)).removed, true);
  });
});
