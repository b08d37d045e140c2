/**
 * The proposal page's cross-chain API and per-chain tallies against a devnet without the
 * sequencer, so the test posts each commitment itself (as base-local's operator) and sees every
 * answer in turn: a proposal the chain cannot learn yet, learnt with the API's call, a replayed
 * learn; a vote the hub cannot count yet, relayed with the API's call, a replayed relay; and the
 * page's view of the chain (its own tally, the unrelayed votes, the last relay).
 */
import assert from "node:assert/strict";
import { before, describe, it } from "node:test";

import { keccak256, toBytes, type PublicClient } from "viem";

import { governanceContracts, type ChainEntry, type Manifest, type VotingMember } from "../../../lib/chains/index.ts";
import { spokeTokenAbi, spokeVoteAggregatorAbi, superchainGovernorAbi } from "../../../lib/contracts/index.ts";
import { devAccount, DEV_ROLES } from "../../../lib/devnet/accounts.ts";
import { advanceTime } from "../../../lib/devnet/time.ts";
import { buildProposal, VoteType } from "../../../lib/governance/index.ts";
import { getCrosschainCall } from "../../../lib/web/proposals/crosschainHttp.ts";
import { learnWriteFromJson, relayWriteFromJson, type CrosschainRefusalJson } from "../../../lib/web/proposals/crosschainWire.ts";
import { readSpokeTallies } from "../../../lib/web/proposals/spokes.ts";
import { getDeployment, isUnavailable } from "../../../lib/web/server/deployment.ts";
import { spokeDevnet } from "../../helpers/spokeDevnet.ts";

describe("cross-chain voting API and tallies against a devnet", { timeout: 600_000 }, () => {
  const devnet = spokeDevnet("crosschain-api-", { seedProposals: 0 });
  const { send, postHubState, postOutput } = devnet;
  const voter = devAccount(DEV_ROLES.spokeDelegates[0]); // tokens on base-local, seeded by `devnet up`
  const anyone = devAccount(DEV_ROLES.delegates[9]);
  let manifest: Manifest;
  let base: ChainEntry;
  let voting: VotingMember;
  let hub: PublicClient;
  let member: PublicClient;
  let proposalId: bigint;
  before(() => {
    ({ manifest, base, voting, hub, member } = devnet);
  });

  const api = async (action: "learn" | "relay", id: bigint = proposalId, chainId = base.chainId) => {
    const response = await getCrosschainCall(action, new Request(`http://127.0.0.1/api/crosschain/${action}?chainId=${chainId}&proposalId=${id}`));
    return { status: response.status, body: (await response.json()) as Partial<CrosschainRefusalJson> & { call?: unknown } };
  };
  const refused = async (action: "learn" | "relay", code: string, message?: RegExp) => {
    const { status, body } = await api(action);
    assert.equal(status, code === "unknown_proposal" ? 404 : 409, `${action}: ${JSON.stringify(body)}`);
    assert.equal(body.error?.code, code, `${action}: ${body.error?.message}`);
    if (message) assert.match(body.error!.message, message);
    return body.error!;
  };
  const spokeView = async () => {
    const deployment = await getDeployment();
    assert.ok(!isUnavailable(deployment));
    const views = await readSpokeTallies(deployment, proposalId, (await hub.getBlock()).number); // getBlockNumber is cached for seconds
    assert.deepEqual(views.map((v) => v.chainId), manifest.members.map((m) => m.chainId), "every member chain with a spoke, in manifest order");
    return views.find((v) => v.chainId === base.chainId)!;
  };

  it("refuses a proposal the governor does not have, and a proposal base-local cannot prove yet", async () => {
    const description = `# Cross-chain API test\n\n${Date.now()}`;
    const input = buildProposal([{ kind: "setParameters", chainId: 902n, changes: { maxPendingPerSender: 71 }, requestedActivation: 0n }], description, governanceContracts(manifest));
    const governor = { address: manifest.contracts.governor, abi: superchainGovernorAbi } as const;
    await send(manifest.hub, devAccount(DEV_ROLES.delegates[0]), { ...governor, functionName: "propose", args: [input.targets, input.values, input.calldatas, input.description] });
    proposalId = await hub.readContract({ ...governor, functionName: "hashProposal", args: [input.targets, input.values, input.calldatas, keccak256(toBytes(description))] });

    for (const action of ["learn", "relay"] as const) {
      const { status, body } = await api(action, 12345n);
      assert.equal(status, 404);
      assert.equal(body.error?.code, "unknown_proposal");
    }
    const early = await refused("learn", "not_yet_provable", /Waiting for the next hub state: base-local holds the hub's state up to block \d+, before the proposal/);
    assert.match(early.committedBlock ?? "", /^\d+$/);
    await refused("relay", "not_open", /pending on the hub/);
    const view = await spokeView();
    assert.equal(view.local?.state, "unknown");
    assert.equal(view.relayed, undefined);
    assert.equal(view.unrelayed, undefined);
  });

  it("learns the proposal with the API's call once base-local holds a newer hub state; a second learn is refused", async () => {
    await advanceTime([manifest.hub, ...manifest.members], BigInt(await hub.readContract({ address: manifest.contracts.governor, abi: superchainGovernorAbi, functionName: "votingDelay" })) + 1n);
    await refused("relay", "not_on_chain");
    await postHubState();
    const { status, body } = await api("learn");
    assert.equal(status, 200, JSON.stringify(body));
    const write = learnWriteFromJson(body.call, { chainId: base.chainId, address: voting.spoke.aggregator, proposalId });
    assert.ok(write, "the answer parses back to base-local's learnProposal");
    await send(base, anyone, write);
    assert.equal(await member.readContract({ address: voting.spoke.aggregator, abi: spokeVoteAggregatorAbi, functionName: "state", args: [proposalId] }), 2, "active on base-local");
    await refused("learn", "already_known");
  });

  it("relays base-local's vote with the API's call once an output covering it is committed; a replay is refused", async () => {
    const weight = await member.readContract({ address: voting.spoke.token, abi: spokeTokenAbi, functionName: "getVotes", args: [voter.address] });
    assert.ok(weight > 0n);
    await send(base, voter, { address: voting.spoke.aggregator, abi: spokeVoteAggregatorAbi, functionName: "castVoteWithReason", args: [proposalId, VoteType.For, "from base-local"] });
    const waiting = await refused("relay", "not_yet_provable", /base-local has votes newer than its committed output/);
    assert.equal(waiting.committedBlock, null, "without the sequencer nobody posted base-local's outputs");
    const unrelayed = await spokeView();
    assert.deepEqual(unrelayed.local?.tally, { againstVotes: 0n, forVotes: weight, abstainVotes: 0n });
    assert.deepEqual(unrelayed.unrelayed, { againstVotes: 0n, forVotes: weight, abstainVotes: 0n });

    await postOutput();
    const { status, body } = await api("relay");
    assert.equal(status, 200, JSON.stringify(body));
    const write = relayWriteFromJson(body.call, { chainId: manifest.hub.chainId, address: voting.spoke.pool, proposalId });
    assert.ok(write, "the answer parses back to the pool's relayTally on the hub");
    await send(manifest.hub, anyone, write);
    const byChain = await hub.readContract({ address: manifest.contracts.governor, abi: superchainGovernorAbi, functionName: "proposalVotesByChain", args: [proposalId, BigInt(base.chainId)] });
    assert.deepEqual(byChain, await member.readContract({ address: voting.spoke.aggregator, abi: spokeVoteAggregatorAbi, functionName: "proposalVotes", args: [proposalId] }));

    await refused("relay", "nothing_to_relay", /already counts base-local's whole tally/);
    const relayed = await spokeView();
    assert.equal(relayed.unrelayed, undefined);
    assert.deepEqual(relayed.relayed?.tally, { againstVotes: 0n, forVotes: weight, abstainVotes: 0n });
    assert.ok(relayed.relayed && relayed.relayed.blockNumber > 0n && relayed.relayed.relayedAt > 0n);
  });
});
