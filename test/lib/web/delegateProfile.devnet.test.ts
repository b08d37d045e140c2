/**
 * The delegate profile reader and the list against a devnet without the sequencer: a hub delegate
 * proposes and votes with a reason, a base-local delegate votes there; their profiles show power
 * per chain and over time, delegators with balances, votes on each chain with reasons,
 * participation and proposals created; a signed statement reaches the list; a warm load's
 * requests do not grow with the records.
 */
import assert from "node:assert/strict";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { before, describe, it } from "node:test";

import { createPublicClient, http, keccak256, parseEther, toBytes, type PublicClient } from "viem";

import { governanceContracts, type ChainEntry, type Manifest, type VotingMember } from "../../../lib/chains/index.ts";
import { spokeVoteAggregatorAbi, superchainGovernorAbi, superchainTokenAbi } from "../../../lib/contracts/index.ts";
import { devAccount, DEV_ROLES } from "../../../lib/devnet/accounts.ts";
import { advanceTime } from "../../../lib/devnet/time.ts";
import { buildProposal, VoteType } from "../../../lib/governance/index.ts";
import { loadDelegates } from "../../../lib/web/delegates/loadDelegates.ts";
import { delegateStatementTypedData } from "../../../lib/web/delegates/statement.ts";
import { prepareLearnJson } from "../../../lib/web/proposals/crosschainHttp.ts";
import { learnWriteFromJson } from "../../../lib/web/proposals/crosschainWire.ts";
import { loadDelegateProfile } from "../../../lib/web/server/delegateProfile.ts";
import { putDelegateStatement, statementScope } from "../../../lib/web/server/statements.ts";
import { countingDeployment } from "../../helpers/countingDeployment.ts";
import { spokeDevnet } from "../../helpers/spokeDevnet.ts";

process.env.SUPERCHAIN_WEB_DB = join(mkdtempSync(join(tmpdir(), "profile-db-")), "web.sqlite");

describe("delegate profiles against a devnet", { timeout: 600_000 }, () => {
  const devnet = spokeDevnet("profile-", { seedProposals: 0 });
  const { send, postHubState } = devnet;
  const hubDelegate = devAccount(DEV_ROLES.delegates[0]);
  // Delegates its 3,000,000 tokens to the first delegate (see DEVNET_DELEGATES).
  const lender = devAccount(DEV_ROLES.delegates[5]);
  const baseDelegate = devAccount(DEV_ROLES.spokeDelegates[0]);
  const anyone = devAccount(DEV_ROLES.delegates[9]);
  let manifest: Manifest;
  let base: ChainEntry;
  let voting: VotingMember;
  let hub: PublicClient;
  let proposalId: bigint;
  const governor = () => ({ address: manifest.contracts.governor, abi: superchainGovernorAbi }) as const;

  before(async () => {
    ({ manifest, base, voting, hub } = devnet);
    const description = `# Profile test\n\n${Date.now()}`;
    const input = buildProposal([{ kind: "setParameters", chainId: 901n, changes: { maxPendingPerSender: 71 }, requestedActivation: 0n }], description, governanceContracts(manifest));
    await send(manifest.hub, hubDelegate, { ...governor(), functionName: "propose", args: [input.targets, input.values, input.calldatas, input.description] });
    proposalId = await hub.readContract({ ...governor(), functionName: "hashProposal", args: [input.targets, input.values, input.calldatas, keccak256(toBytes(description))] });
    await advanceTime([manifest.hub, ...manifest.members], BigInt(await hub.readContract({ ...governor(), functionName: "votingDelay" })) + 1n);
    await send(manifest.hub, hubDelegate, { ...governor(), functionName: "castVoteWithReason", args: [proposalId, VoteType.For, "Faster blocks, please"] });
    await postHubState();
    const { deployment } = countingDeployment(manifest);
    await send(base, anyone, learnWriteFromJson(await prepareLearnJson(deployment, { chainId: base.chainId, proposalId }), { chainId: base.chainId, address: voting.spoke.aggregator, proposalId })!);
    await send(base, baseDelegate, { address: voting.spoke.aggregator, abi: spokeVoteAggregatorAbi, functionName: "castVoteWithReason", args: [proposalId, VoteType.Against, "Not on base"] });
  });

  it("shows a hub delegate's power, history, delegators, votes, participation and proposals", async () => {
    const { deployment } = countingDeployment(manifest);
    const profile = await loadDelegateProfile(deployment, hubDelegate.address);
    assert.ok(profile);
    const onHub = await hub.readContract({ address: manifest.contracts.token, abi: superchainTokenAbi, functionName: "getVotes", args: [hubDelegate.address] });
    assert.equal(onHub, parseEther("33000000"));
    assert.deepEqual(profile.chains.map((c) => [c.name, c.votes]), [["hub", onHub], ["base-local", 0n], ["zora-local", 0n]]);
    assert.equal(profile.totalVotes, onHub);
    assert.equal(profile.history.at(-1)?.total, onHub);
    assert.ok(profile.history.length >= 2, "self-delegation, then the lender's tokens");
    assert.deepEqual(
      profile.delegators.map((d) => [d.address, d.chainId, d.balance]),
      [
        [hubDelegate.address, manifest.hub.chainId, parseEther("30000000")],
        [lender.address, manifest.hub.chainId, parseEther("3000000")],
      ],
    );
    const vote = profile.votes.find((v) => v.proposalId === proposalId);
    assert.deepEqual({ chainId: vote?.chainId, support: vote?.support, reason: vote?.reason, weight: vote?.weight, title: vote?.title }, {
      chainId: manifest.hub.chainId,
      support: VoteType.For,
      reason: "Faster blocks, please",
      weight: onHub,
      title: "Profile test",
    });
    assert.ok(profile.proposals.some((p) => p.id === proposalId), "the proposal they created");
    // Every proposal whose snapshot passed saw them with power; they voted on the devnet's and this one.
    assert.ok(profile.participation.eligible >= 1);
    assert.equal(profile.participation.voted, profile.votes.filter((v, i, all) => all.findIndex((w) => w.proposalId === v.proposalId) === i).length);
    assert.deepEqual(profile.unreachable, []);
  });

  it("shows a member-chain delegate's power and vote on that chain", async () => {
    const { deployment } = countingDeployment(manifest);
    const profile = await loadDelegateProfile(deployment, baseDelegate.address);
    assert.ok(profile);
    const [hubPower, basePower] = profile.chains.map((c) => c.votes);
    assert.equal(hubPower, 0n);
    assert.ok(basePower! > 0n);
    assert.deepEqual(profile.delegators.map((d) => [d.address, d.chainId]), [[baseDelegate.address, base.chainId]]);
    assert.deepEqual(profile.votes.map((v) => [v.chainId, v.support, v.reason, v.weight]), [[base.chainId, VoteType.Against, "Not on base", basePower]]);
    assert.deepEqual(profile.participation, { eligible: 1, voted: 1, rate: 1 });
  });

  it("goes on without a member chain that does not answer, and says so", async () => {
    const { deployment } = countingDeployment(manifest);
    const dead = createPublicClient({ transport: http("http://127.0.0.1:9/", { retryCount: 0, timeout: 2_000 }) }) as PublicClient;
    const partial = { ...deployment, client: (id: number) => (id === base.chainId ? dead : deployment.client(id)) };
    const profile = await loadDelegateProfile(partial, hubDelegate.address);
    assert.deepEqual(profile?.unreachable.map((c) => c.name), ["base-local"]);
    assert.deepEqual(profile?.chains.map((c) => c.name), ["hub", "zora-local"]);
    assert.equal(profile?.totalVotes, parseEther("33000000"));
  });

  it("has no profile for an address without any record", async () => {
    const { deployment } = countingDeployment(manifest);
    assert.equal(await loadDelegateProfile(deployment, devAccount(60).address), undefined);
  });

  it("lists participation and signed statements; a warm load's requests stay few", async () => {
    const { deployment } = countingDeployment(manifest);
    const issuedAt = Math.floor(Date.now() / 1000);
    const message = { delegate: hubDelegate.address, statement: "# Hello\n\nI vote on everything.", topics: ["fees", "uptime"], issuedAt: BigInt(issuedAt) };
    const signature = await hubDelegate.signTypedData(delegateStatementTypedData(statementScope(deployment), message));
    const stored = await putDelegateStatement(
      new Request("http://127.0.0.1/api", { method: "PUT", headers: { "content-type": "application/json" }, body: JSON.stringify({ ...message, delegate: undefined, issuedAt, signature }) }),
      hubDelegate.address,
    );
    assert.equal(stored.status, 201, await stored.clone().text());

    const overview = await loadDelegates(deployment, { page: 1 });
    assert.deepEqual(overview.statements[hubDelegate.address], ["fees", "uptime"]);
    assert.equal(Object.keys(overview.statements).length, 1);
    assert.ok(overview.participation[hubDelegate.address]!.voted >= 1);
    assert.equal(overview.participation[voting.spoke.pool], undefined, "a vote pool relays tallies: no participation of its own");
    const profile = await loadDelegateProfile(deployment, hubDelegate.address);
    assert.equal(profile?.statement?.statement, message.statement);

    // Warm: per chain a latest block, the cached top's hash and at most the new blocks' logs.
    const warm = countingDeployment(manifest);
    await loadDelegateProfile(warm.deployment, hubDelegate.address);
    for (const [chainId, requests] of warm.requestsOn) {
      assert.ok(requests.length <= 6, `chain ${chainId}: ${JSON.stringify(requests)}`);
    }
  });
});
