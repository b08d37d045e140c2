/**
 * readVotes against a devnet without the sequencer (the test posts base-local's commitments
 * itself): votes cast on the hub — plain, and split with params — and on base-local, relayed to
 * the hub by its pool, read back with their reasons, block times and the relay marked as
 * base-local's tally; then a warm load's requests, which do not grow with the votes.
 */
import assert from "node:assert/strict";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { before, describe, it } from "node:test";

import { keccak256, toBytes, type PublicClient } from "viem";

import { governanceContracts, type ChainEntry, type Manifest, type VotingMember } from "../../../lib/chains/index.ts";
import { spokeVoteAggregatorAbi, superchainGovernorAbi } from "../../../lib/contracts/index.ts";
import { devAccount, DEV_ROLES } from "../../../lib/devnet/accounts.ts";
import { advanceTime } from "../../../lib/devnet/time.ts";
import { buildProposal, fractionalVoteParams, VoteType } from "../../../lib/governance/index.ts";
import { prepareLearnJson, prepareRelayJson } from "../../../lib/web/proposals/crosschainHttp.ts";
import { learnWriteFromJson, relayWriteFromJson } from "../../../lib/web/proposals/crosschainWire.ts";
import { readVotes } from "../../../lib/web/server/readVotes.ts";
import { votesByVoter, votesOnProposal } from "../../../lib/web/votes/types.ts";
import { countingDeployment } from "../../helpers/countingDeployment.ts";
import { spokeDevnet } from "../../helpers/spokeDevnet.ts";

process.env.SUPERCHAIN_WEB_DB = join(mkdtempSync(join(tmpdir(), "votes-db-")), "web.sqlite");

describe("readVotes against a devnet", { timeout: 600_000 }, () => {
  const devnet = spokeDevnet("votes-", { seedProposals: 0 });
  const { send, postHubState, postOutput } = devnet;
  const hubVoter = devAccount(DEV_ROLES.delegates[0]);
  const splitVoter = devAccount(DEV_ROLES.delegates[1]);
  const lateVoter = devAccount(DEV_ROLES.delegates[2]);
  const baseVoter = devAccount(DEV_ROLES.spokeDelegates[0]);
  const anyone = devAccount(DEV_ROLES.delegates[9]);
  const REASON = 'Yes, because "faster blocks",\nand =cheaper';
  let manifest: Manifest;
  let base: ChainEntry;
  let voting: VotingMember;
  let hub: PublicClient;
  let member: PublicClient;
  let proposalId: bigint;
  const governor = () => ({ address: manifest.contracts.governor, abi: superchainGovernorAbi }) as const;

  before(async () => {
    ({ manifest, base, voting, hub, member } = devnet);
    const description = `# Votes test\n\n${Date.now()}`;
    const input = buildProposal([{ kind: "setParameters", chainId: 901n, changes: { maxPendingPerSender: 72 }, requestedActivation: 0n }], description, governanceContracts(manifest));
    await send(manifest.hub, hubVoter, { ...governor(), functionName: "propose", args: [input.targets, input.values, input.calldatas, input.description] });
    proposalId = await hub.readContract({ ...governor(), functionName: "hashProposal", args: [input.targets, input.values, input.calldatas, keccak256(toBytes(description))] });
    await advanceTime([manifest.hub, ...manifest.members], BigInt(await hub.readContract({ ...governor(), functionName: "votingDelay" })) + 1n);
  });

  it("reads hub votes, a split vote, a member-chain vote and its relay, with reasons and block times", async () => {
    await send(manifest.hub, hubVoter, { ...governor(), functionName: "castVoteWithReason", args: [proposalId, VoteType.For, REASON] });
    const split = { againstVotes: 10n ** 18n, forVotes: 2n * 10n ** 18n, abstainVotes: 0n };
    await send(manifest.hub, splitVoter, { ...governor(), functionName: "castVoteWithReasonAndParams", args: [proposalId, VoteType.Fractional, "partly", fractionalVoteParams(split)] });

    await postHubState();
    const deployment = countingDeployment(manifest).deployment;
    await send(base, anyone, learnWriteFromJson((await prepareLearnJson(deployment, { chainId: base.chainId, proposalId })), { chainId: base.chainId, address: voting.spoke.aggregator, proposalId })!);
    const baseReceipt = await send(base, baseVoter, { address: voting.spoke.aggregator, abi: spokeVoteAggregatorAbi, functionName: "castVoteWithReason", args: [proposalId, VoteType.Against, "from base-local"] });
    await postOutput();
    const relayReceipt = await send(manifest.hub, anyone, relayWriteFromJson(await prepareRelayJson(deployment, { chainId: base.chainId, proposalId }), { chainId: manifest.hub.chainId, address: voting.spoke.pool, proposalId })!);

    const { votes, unreachable } = await readVotes(deployment);
    assert.deepEqual(unreachable, []);
    const mine = votesOnProposal(votes, proposalId);
    assert.equal(mine.length, 4, JSON.stringify(mine, (_, v) => (typeof v === "bigint" ? v.toString() : v)));

    const [plain] = votesByVoter(mine, hubVoter.address);
    const hubWeight = await hub.readContract({ ...governor(), functionName: "getVotes", args: [hubVoter.address, (await hub.readContract({ ...governor(), functionName: "proposalSnapshot", args: [proposalId] }))] });
    assert.deepEqual({ chainId: plain?.chainId, support: plain?.support, weight: plain?.weight, reason: plain?.reason }, { chainId: manifest.hub.chainId, support: VoteType.For, weight: hubWeight, reason: REASON });
    assert.equal(plain?.timestamp, (await hub.getBlock({ blockNumber: plain!.blockNumber })).timestamp, "the block's own time");

    const [fractional] = votesByVoter(mine, splitVoter.address);
    assert.equal(fractional?.support, VoteType.Fractional);
    assert.deepEqual(fractional?.split, split);
    assert.equal(fractional?.relayedFrom, undefined, "a person's split vote is not a relay");

    const [onBase] = votesByVoter(mine, baseVoter.address);
    assert.deepEqual(
      { chainId: onBase?.chainId, support: onBase?.support, reason: onBase?.reason, tx: onBase?.transactionHash },
      { chainId: base.chainId, support: VoteType.Against, reason: "from base-local", tx: baseReceipt.transactionHash },
    );
    assert.equal(onBase?.timestamp, (await member.getBlock({ blockNumber: baseReceipt.blockNumber })).timestamp);

    const [relay] = votesByVoter(mine, voting.spoke.pool);
    assert.equal(relay?.chainId, manifest.hub.chainId);
    assert.equal(relay?.relayedFrom, base.chainId, "the pool's vote is base-local's relayed tally");
    assert.equal(relay?.transactionHash, relayReceipt.transactionHash);
    assert.deepEqual(relay?.split, { againstVotes: onBase!.weight, forVotes: 0n, abstainVotes: 0n });
    assert.ok(relay?.relayedBlock !== undefined && relay.relayedBlock >= onBase!.blockNumber, "the relay covers the base-local vote");

    const times = mine.map((vote) => vote.timestamp);
    assert.deepEqual(times, [...times].sort((a, b) => (a < b ? 1 : a > b ? -1 : 0)), "newest first");
  });

  it("reads only new blocks on a warm load: a few requests per chain whatever the votes", async () => {
    const warm = countingDeployment(manifest);
    await readVotes(warm.deployment);
    for (const [chainId, requests] of warm.requestsOn) {
      const methods = requests.flat();
      assert.ok(requests.length <= 3, `chain ${chainId}: ${JSON.stringify(requests)}`);
      assert.ok(methods.filter((m) => m === "eth_getLogs").length <= 1, `chain ${chainId}: only new blocks' logs`);
    }

    await send(manifest.hub, lateVoter, { ...governor(), functionName: "castVoteWithReason", args: [proposalId, VoteType.Abstain, "late"] });
    const again = countingDeployment(manifest);
    const { votes } = await readVotes(again.deployment);
    assert.equal(votesByVoter(votesOnProposal(votes, proposalId), lateVoter.address)[0]?.reason, "late", "the new vote is read");
    const hubMethods = again.requestsOn.get(manifest.hub.chainId)!.flat();
    assert.equal(hubMethods.filter((m) => m === "eth_getLogs").length, 1, "one query, for the new blocks");
    assert.ok(hubMethods.filter((m) => m === "eth_getBlockByNumber").length <= 3, `latest, the cached top's hash and the new vote's block: ${hubMethods}`);
  });
});
