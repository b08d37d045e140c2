/**
 * The hub governance stack on a real (in-process EDR) chain, driven through viem the way the web
 * app and the CLI will drive it: typed ABIs from lib/contracts, EIP-712 ballots from
 * lib/governance, per-chain tallies rebuilt from logs.
 */
import assert from "node:assert/strict";
import { before, describe, it } from "node:test";

import { encodeFunctionData, isAddressEqual, keccak256, parseEther, toBytes } from "viem";

import {
  ballotTypedData,
  extendedBallotTypedData,
  fractionalVoteParams,
  getChainTallies,
  sumTallies,
  VoteType,
} from "../../../lib/governance/index.ts";
import { addressOf, deployGovernance, SETTINGS, TIMELOCK_DELAY, type GovernanceFixture } from "../../helpers/governance.ts";

const ProposalState = { Pending: 0, Active: 1, Canceled: 2, Defeated: 3, Succeeded: 4, Queued: 5, Expired: 6, Executed: 7 };

describe("SuperchainGovernor on EDR through viem", () => {
  let f: GovernanceFixture;
  before(async () => {
    f = await deployGovernance();
  });

  async function propose(description: string, newPeriod: number) {
    return proposeCall(
      description,
      encodeFunctionData({ abi: f.governor.abi, functionName: "setVotingPeriod", args: [newPeriod] }),
    );
  }

  async function proposeCall(description: string, calldata: `0x${string}`) {
    const targets = [f.governor.address] as const;
    const values = [0n] as const;
    const calldatas = [calldata] as const;
    await f.wait(
      await f.governor.write.propose([[...targets], [...values], [...calldatas], description], {
        account: f.wallets.alice.account,
      }),
    );
    const proposalId = await f.governor.read.hashProposal([
      [...targets],
      [...values],
      [...calldatas],
      keccak256(toBytes(description)),
    ]);
    return { proposalId, targets: [...targets], values: [...values], calldatas: [...calldatas], description };
  }

  it("reports a timestamp clock on token and governor", async () => {
    assert.equal(await f.token.read.CLOCK_MODE(), "mode=timestamp");
    assert.equal(await f.governor.read.CLOCK_MODE(), "mode=timestamp");
    assert.equal(await f.governor.read.hubChainId(), BigInt(f.chainId));
  });

  it("counts signed, fractional and direct votes, refuses a replay, and defeats by majority", async () => {
    const p = await propose("Lengthen voting to four days", 4 * 86_400);
    assert.equal(await f.governor.read.state([p.proposalId]), ProposalState.Pending);
    await f.networkHelpers.time.increase(SETTINGS.votingDelay + 1);
    assert.equal(await f.governor.read.state([p.proposalId]), ProposalState.Active);

    // Bob votes For by signature; the outsider relays it and pays the gas.
    const bob = addressOf(f.wallets.bob);
    const ballot = ballotTypedData({
      governor: f.governor.address,
      chainId: f.chainId,
      proposalId: p.proposalId,
      support: VoteType.For,
      voter: bob,
      nonce: await f.governor.read.nonces([bob]),
    });
    const signature = await f.wallets.bob.signTypedData(ballot);
    await f.wait(
      await f.governor.write.castVoteBySig([p.proposalId, VoteType.For, bob, signature], {
        account: f.wallets.outsider.account,
      }),
    );
    // A replay is refused with the governor's custom error.
    await f.viem.assertions.revertWithCustomErrorWithArgs(
      f.governor.write.castVoteBySig([p.proposalId, VoteType.For, bob, signature], {
        account: f.wallets.outsider.account,
      }),
      f.governor,
      "GovernorInvalidSignature",
      [bob],
    );

    // Carol splits her weight by signature, with a reason.
    const carol = addressOf(f.wallets.carol);
    const params = fractionalVoteParams({
      againstVotes: parseEther("5000"),
      forVotes: parseEther("6000"),
      abstainVotes: parseEther("4000"),
    });
    const extended = extendedBallotTypedData({
      governor: f.governor.address,
      chainId: f.chainId,
      proposalId: p.proposalId,
      support: VoteType.Fractional,
      voter: carol,
      nonce: await f.governor.read.nonces([carol]),
      reason: "partly convinced",
      params,
    });
    await f.wait(
      await f.governor.write.castVoteWithReasonAndParamsBySig([
        p.proposalId,
        VoteType.Fractional,
        carol,
        "partly convinced",
        params,
        await f.wallets.carol.signTypedData(extended),
      ]),
    );

    // Alice votes directly, with a reason.
    await f.wait(
      await f.governor.write.castVoteWithReason([p.proposalId, VoteType.Against, "too long"], {
        account: f.wallets.alice.account,
      }),
    );

    const [against, forVotes, abstain] = await f.governor.read.proposalVotes([p.proposalId]);
    assert.equal(against, parseEther("35000"));
    assert.equal(forVotes, parseEther("26000"));
    assert.equal(abstain, parseEther("4000"));

    // Every hub vote counts under the hub's chain id, and logs alone rebuild the same tallies.
    const tallies = await getChainTallies(f.publicClient, { governor: f.governor.address, proposalId: p.proposalId });
    const byChain = tallies.get(p.proposalId);
    assert.ok(byChain);
    assert.deepEqual([...byChain.keys()], [BigInt(f.chainId)]);
    const [hubAgainst, hubFor, hubAbstain] = await f.governor.read.proposalVotesByChain([p.proposalId, BigInt(f.chainId)]);
    assert.deepEqual(byChain.get(BigInt(f.chainId)), { againstVotes: hubAgainst, forVotes: hubFor, abstainVotes: hubAbstain });
    assert.deepEqual(sumTallies(byChain.values()), { againstVotes: against, forVotes, abstainVotes: abstain });

    await f.networkHelpers.time.increase(SETTINGS.votingPeriod);
    // Against (35k) outweighs For (26k): defeated, and it cannot be queued.
    assert.equal(await f.governor.read.state([p.proposalId]), ProposalState.Defeated);
    await f.viem.assertions.revertWithCustomError(
      f.governor.write.queue([p.targets, p.values, p.calldatas, keccak256(toBytes(p.description))]),
      f.governor,
      "GovernorUnexpectedProposalState",
    );
  });

  it("queues and executes a passed proposal through the timelock", async () => {
    const p = await propose("Lengthen voting to five days", 5 * 86_400);
    await passAndExecute(p);
    assert.equal(await f.governor.read.votingPeriod(), 5n * 86_400n);
  });

  async function passAndExecute(p: Awaited<ReturnType<typeof proposeCall>>) {
    await f.networkHelpers.time.increase(SETTINGS.votingDelay + 1);
    for (const voter of [f.wallets.alice, f.wallets.bob]) {
      await f.wait(await f.governor.write.castVote([p.proposalId, VoteType.For], { account: voter.account }));
    }
    await f.networkHelpers.time.increase(await f.governor.read.votingPeriod());
    assert.equal(await f.governor.read.state([p.proposalId]), ProposalState.Succeeded);
    const descriptionHash = keccak256(toBytes(p.description));
    await f.wait(await f.governor.write.queue([p.targets, p.values, p.calldatas, descriptionHash]));
    assert.equal(await f.governor.read.state([p.proposalId]), ProposalState.Queued);
    await f.networkHelpers.time.increase(TIMELOCK_DELAY);
    await f.wait(await f.governor.write.execute([p.targets, p.values, p.calldatas, descriptionHash]));
    assert.equal(await f.governor.read.state([p.proposalId]), ProposalState.Executed);
  }

  it("counts a member chain's vote source under its chain, and logs rebuild every chain's tally", async () => {
    // The outsider stands in for base-local's SpokeVotePool: tokens delegated to it, appointed by governance.
    const pool = addressOf(f.wallets.outsider);
    await f.wait(await f.token.write.transfer([pool, parseEther("12000")]));
    await f.wait(await f.token.write.delegate([pool], { account: f.wallets.outsider.account }));
    await passAndExecute(
      await proposeCall(
        "Appoint base-local's vote source",
        encodeFunctionData({ abi: f.governor.abi, functionName: "setVoteSource", args: [901n, pool] }),
      ),
    );
    assert.ok(isAddressEqual(await f.governor.read.voteSource([901n]), pool));

    const p = await propose("Voting across chains", 7 * 86_400);
    await f.networkHelpers.time.increase(SETTINGS.votingDelay + 1);
    await f.wait(await f.governor.write.castVote([p.proposalId, VoteType.For], { account: f.wallets.alice.account }));
    const relays = [
      { againstVotes: parseEther("1000"), forVotes: parseEther("4000"), abstainVotes: 0n },
      { againstVotes: 0n, forVotes: parseEther("2000"), abstainVotes: parseEther("500") },
    ];
    for (const relay of relays) {
      await f.wait(
        await f.governor.write.castVoteWithReasonAndParams(
          [p.proposalId, VoteType.Fractional, "relayed tally", fractionalVoteParams(relay)],
          { account: f.wallets.outsider.account },
        ),
      );
    }

    const tallies = (await getChainTallies(f.publicClient, { governor: f.governor.address, proposalId: p.proposalId })).get(
      p.proposalId,
    );
    assert.ok(tallies);
    for (const chainId of [BigInt(f.chainId), 901n]) {
      const [againstVotes, forVotes, abstainVotes] = await f.governor.read.proposalVotesByChain([p.proposalId, chainId]);
      assert.deepEqual(tallies.get(chainId), { againstVotes, forVotes, abstainVotes }, `chain ${chainId}`);
    }
    assert.deepEqual(tallies.get(901n), { againstVotes: parseEther("1000"), forVotes: parseEther("6000"), abstainVotes: parseEther("500") });
    const [against, forVotes, abstain] = await f.governor.read.proposalVotes([p.proposalId]);
    assert.deepEqual(sumTallies(tallies.values()), { againstVotes: against, forVotes, abstainVotes: abstain });
  });

  it("lets only the guardian veto someone else's proposal", async () => {
    const p = await propose("Vetoed by the council", 6 * 86_400);
    const descriptionHash = keccak256(toBytes(p.description));
    await f.viem.assertions.revertWithCustomErrorWithArgs(
      f.governor.write.cancel([p.targets, p.values, p.calldatas, descriptionHash], {
        account: f.wallets.outsider.account,
      }),
      f.governor,
      "GovernorUnableToCancel",
      [p.proposalId, addressOf(f.wallets.outsider)],
    );
    await f.wait(
      await f.governor.write.cancel([p.targets, p.values, p.calldatas, descriptionHash], {
        account: f.wallets.guardian.account,
      }),
    );
    assert.equal(await f.governor.read.state([p.proposalId]), ProposalState.Canceled);
  });
});
