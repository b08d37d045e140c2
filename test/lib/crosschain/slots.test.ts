/** lib/crosschain computes the proven slots itself: they must be exactly the contracts' own. */
import assert from "node:assert/strict";
import { describe, it } from "node:test";

import { zeroAddress } from "viem";

import { depositSlot, governorProposalSlot, memberRolesSlot, tallySlot, withdrawalSlot } from "../../../lib/crosschain/index.ts";
import { DEVNET_HUB_DEFAULTS } from "../../../lib/devnet/deploy.ts";
import { addressOf, deployGovernance } from "../../helpers/governance.ts";

describe("cross-chain slots", async () => {
  const f = await deployGovernance();
  const operator = addressOf(f.wallets.deployer);
  const verifier = await f.viem.deployContract("StateProofVerifier");
  const rules = { challengeWindow: 60, maxBlockStep: 10_000n };
  const hubStateOracle = await f.viem.deployContract("HubStateOracle", [verifier.address, zeroAddress, { operator, council: operator, rules }, 0n]);
  const chains = await f.viem.deployContract("MemberChainRegistry", [[{ chainId: 901n, name: "base-local", operator }]]);
  const { defaults, minActivationDelay, approvalWindow } = DEVNET_HUB_DEFAULTS.sequencer;
  const registry = await f.viem.deployContract("SequencerConfigRegistry", [chains.address, operator, operator, defaults, minActivationDelay, approvalWindow]);
  const settings = await f.viem.deployContract("RootSettings", [chains.address, registry.address, rules, rules, 1]);
  const pool = await f.viem.deployContract("SpokeVotePool", [f.token.address, f.governor.address, zeroAddress, verifier.address, 901n, operator]);
  const token = await f.viem.deployContract("SpokeToken", ["Superchain on base-local", "SUP", pool.address, hubStateOracle.address, verifier.address]);
  const aggregator = await f.viem.deployContract("SpokeVoteAggregator", [token.address, f.governor.address, hubStateOracle.address, verifier.address, 3_600]);
  const ids = [0n, 1n, 7n, 2n ** 255n + 12345n];

  it("match the pool's deposit, the token's withdrawal, the aggregator's tally and proposal and the settings' roles slots", async () => {
    for (const id of ids) {
      assert.equal(depositSlot(id), await pool.read.depositSlot([id]));
      assert.equal(withdrawalSlot(id), await token.read.withdrawalSlot([id]));
      assert.equal(tallySlot(id), await aggregator.read.tallySlot([id]));
      assert.equal(governorProposalSlot(id), await aggregator.read.proposalSlot([id]));
      assert.equal(memberRolesSlot(id), await settings.read.memberRolesSlot([id]));
    }
  });

  it("point at the governor's proposal record: the slot of a live proposal holds its proposer", async () => {
    const description = "slot check";
    const calldata = "0x" as const;
    await f.wait(await f.governor.write.propose([[f.governor.address], [0n], [calldata], description], { account: f.wallets.alice.account }));
    const created = await f.publicClient.getContractEvents({ address: f.governor.address, abi: f.governor.abi, eventName: "ProposalCreated" });
    const proposalId = created.at(-1)!.args.proposalId!;
    const word = await f.publicClient.getStorageAt({ address: f.governor.address, slot: governorProposalSlot(proposalId) });
    assert.equal(BigInt(word!) & ((1n << 160n) - 1n), BigInt(addressOf(f.wallets.alice)));
  });
});
