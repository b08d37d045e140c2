/**
 * Cross-chain voting end to end on a devnet as `devnet up` leaves it: the sequencer posts both
 * commitment feeds every 10 blocks (2 s blocks), spoke delegates were bridged at start-up. Two
 * proposals run side by side; each is voted on the hub, on base-local and on zora-local (after
 * each member learns it by proof), the tallies are relayed with `superchain relay`, and the hub
 * governor counts the sum. One passes only thanks to the spoke votes, the other fails only
 * because of them. Relays that must be refused are, with the pool's specific custom errors.
 */
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";

import { BaseError, ContractFunctionRevertedError, createWalletClient, encodeFunctionData, http, isAddressEqual, keccak256, parseEther, toBytes, zeroAddress, type Hex } from "viem";

import { loadManifest, viemChain, votingMembers, type ChainEntry, type Manifest } from "../../../lib/chains/index.ts";
import { main } from "../../../lib/cli/main.ts";
import { spokeTokenAbi, spokeVoteAggregatorAbi, spokeVotePoolAbi, superchainGovernorAbi, superchainTokenAbi } from "../../../lib/contracts/index.ts";
import { prepareLearnProposal, prepareRelayTally } from "../../../lib/crosschain/index.ts";
import { devAccount, DEV_ROLES } from "../../../lib/devnet/accounts.ts";
import { DEVNET_CLOSING_MARGIN } from "../../../lib/devnet/crosschain.ts";
import { creationBytecode } from "../../../lib/devnet/artifacts.ts";
import { devnetDown, devnetUp, readDevnetState, type DevnetPaths, type DevnetUpResult } from "../../../lib/devnet/devnet.ts";
import { freePort } from "../../../lib/devnet/nodes.ts";
import { advanceTime } from "../../../lib/devnet/time.ts";
import { nodeClient, send, waitFor, waitForHubState, waitForOutput } from "./helpers.ts";

const dir = mkdtempSync(join(tmpdir(), "crosschain-"));
const paths: DevnetPaths = { stateFile: join(dir, "state.json"), manifestFile: join(dir, "devnet.json"), logDir: join(dir, "logs") };
const VoteType = { Against: 0, For: 1, Abstain: 2 } as const;
const [D0, D1, D2, D3, PROPOSER] = DEV_ROLES.delegates; // 33M, 22M, 12M, 8M, 5M votes on the hub
const [BASE_A, BASE_B, ZORA_A, ZORA_B] = DEV_ROLES.spokeDelegates; // 20M, 5M on base-local; 15M, 5M on zora-local
const M = (millions: number) => parseEther(String(millions * 1_000_000));

type Tally = { againstVotes: bigint; forVotes: bigint; abstainVotes: bigint };
const sum = (...tallies: Tally[]): Tally =>
  tallies.reduce((a, b) => ({ againstVotes: a.againstVotes + b.againstVotes, forVotes: a.forVotes + b.forVotes, abstainVotes: a.abstainVotes + b.abstainVotes }), {
    againstVotes: 0n,
    forVotes: 0n,
    abstainVotes: 0n,
  });
const asTally = ([againstVotes, forVotes, abstainVotes]: readonly [bigint, bigint, bigint]): Tally => ({ againstVotes, forVotes, abstainVotes });

async function cli(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = "";
  let stderr = "";
  const code = await main(argv, {
    stdout: (text) => (stdout += text),
    stderr: (text) => (stderr += text),
    env: { SUPERCHAIN_MANIFEST: paths.manifestFile, SUPERCHAIN_DEVNET_DIR: dir },
  });
  return { code, stdout, stderr };
}

/** The custom error a call reverts with, by simulating it. */
async function revertName(manifest: Manifest, call: { address: Hex; abi: readonly unknown[]; functionName: string; args: readonly unknown[] }) {
  try {
    await nodeClient(manifest.hub).simulateContract({ ...call, account: devAccount(0).address } as never);
  } catch (error) {
    const reverted = error instanceof BaseError ? error.walk((e) => e instanceof ContractFunctionRevertedError) : undefined;
    if (reverted instanceof ContractFunctionRevertedError) return { name: reverted.data?.errorName, args: reverted.data?.args };
    throw error;
  }
  assert.fail(`${call.functionName} did not revert`);
}

describe("cross-chain voting on the devnet", { timeout: 600_000 }, () => {
  let up: DevnetUpResult;
  let manifest: Manifest;
  let hub: ChainEntry;
  let base: ChainEntry;
  let zora: ChainEntry;
  const governor = () => ({ address: manifest.contracts.governor, abi: superchainGovernorAbi }) as const;
  const proposals: Record<"passes" | "fails", bigint> = { passes: 0n, fails: 0n };

  before(async () => {
    const ports = { hub: await freePort(), "base-local": await freePort(), "zora-local": await freePort(), sequencer: await freePort() };
    up = await devnetUp(paths, { ports });
    manifest = await loadManifest({ path: paths.manifestFile });
    hub = manifest.hub;
    [base, zora] = manifest.members as [ChainEntry, ChainEntry];
  });
  after(async () => {
    await devnetDown(paths);
    rmSync(dir, { recursive: true, force: true });
  });

  it("devnet up deployed, bound and appointed every member's pool, and bridged spoke delegates", async () => {
    assert.ok(manifest.contracts.stateProofVerifier);
    assert.deepEqual(votingMembers(manifest).map((m) => m.chain.name), ["base-local", "zora-local"]);
    for (const member of [base, zora]) {
      const spoke = member.spoke!;
      const h = nodeClient(hub);
      const m = nodeClient(member);
      assert.ok(isAddressEqual(await h.readContract({ ...governor(), functionName: "voteSource", args: [BigInt(member.chainId)] }), spoke.pool), `${member.name}: vote source`);
      assert.ok(isAddressEqual(await h.readContract({ address: spoke.pool, abi: spokeVotePoolAbi, functionName: "spokeAggregator" }), spoke.aggregator));
      assert.equal(await m.readContract({ address: spoke.aggregator, abi: spokeVoteAggregatorAbi, functionName: "closingMargin" }), DEVNET_CLOSING_MARGIN);
      // Escrow = the spoke's supply; every seeded holder delegated to itself there.
      const supply = await m.readContract({ address: spoke.token, abi: spokeTokenAbi, functionName: "totalSupply" });
      assert.equal(await h.readContract({ address: manifest.contracts.token, abi: superchainTokenAbi, functionName: "balanceOf", args: [spoke.pool] }), supply);
      for (const seeded of up.crosschain!.spokeDelegates.filter((d) => d.chainId === member.chainId)) {
        assert.equal(await m.readContract({ address: spoke.token, abi: spokeTokenAbi, functionName: "getVotes", args: [seeded.address] }), M(Number(seeded.tokens) / 1e6));
      }
    }
    assert.equal(up.crosschain!.spokeDelegates.length, 4);
  });

  it("relay with nothing active says so and exits 1; a non-active or unknown proposal too", async () => {
    const none = await cli("relay");
    assert.equal(none.code, 1, none.stderr);
    assert.match(none.stderr, /nothing to relay: no proposal is active on the hub/);
    const executed = await cli("relay", "--proposal", up.crosschain!.appointment.proposalId.toString());
    assert.equal(executed.code, 1);
    assert.match(executed.stderr, /is executed on the hub/);
    const unknown = await cli("relay", "--proposal", "12345");
    assert.equal(unknown.code, 1);
    assert.match(unknown.stderr, /proposal 12345 does not exist on the hub/);
  });

  it("votes on the hub, base-local and zora-local; relays; the hub counts the sum, per chain", async () => {
    const h = nodeClient(hub);
    const calldata = (threshold: bigint) => encodeFunctionData({ abi: superchainGovernorAbi, functionName: "setProposalThreshold", args: [threshold] });
    let lastBlock = 0n;
    for (const [key, description] of [["passes", "Cross-chain vote that passes"], ["fails", "Cross-chain vote that fails"]] as const) {
      const args = [[manifest.contracts.governor], [0n], [calldata(parseEther("100000"))], description] as const;
      ({ blockNumber: lastBlock } = await send(hub, devAccount(PROPOSER), { ...governor(), functionName: "propose", args }));
      proposals[key] = await h.readContract({ ...governor(), functionName: "hashProposal", args: [args[0], args[1], args[2], keccak256(toBytes(description))] });
    }

    // Each member learns both proposals by proof, once the sequencer posted a hub state covering them.
    for (const [member, learner] of [[base, BASE_A], [zora, ZORA_A]] as const) {
      await waitForHubState(member, lastBlock);
      for (const proposalId of Object.values(proposals)) {
        const call = await prepareLearnProposal(
          { hub: h, member: nodeClient(member) },
          { governor: manifest.contracts.governor, aggregator: member.spoke!.aggregator, hubStateOracle: member.hubStateOracle!, proposalId },
        );
        await send(member, devAccount(learner), call);
      }
      const [snapshot, deadline] = await nodeClient(member).readContract({ address: member.spoke!.aggregator, abi: spokeVoteAggregatorAbi, functionName: "proposal", args: [proposals.passes] });
      assert.equal(BigInt(snapshot), await h.readContract({ ...governor(), functionName: "proposalSnapshot", args: [proposals.passes] }));
      assert.equal(BigInt(deadline), await h.readContract({ ...governor(), functionName: "proposalDeadline", args: [proposals.passes] }));
    }

    await advanceTime(readDevnetState(paths)!.nodes, 301n);
    const votes: Array<[ChainEntry, number, keyof typeof proposals, number]> = [
      // Passes: the hub alone (22M for) misses the 40M quorum; the spokes carry it.
      [hub, D1!, "passes", VoteType.For],
      [hub, D2!, "passes", VoteType.Against],
      [base, BASE_A, "passes", VoteType.For],
      [base, BASE_B, "passes", VoteType.Abstain],
      [zora, ZORA_A, "passes", VoteType.For],
      [zora, ZORA_B, "passes", VoteType.Against],
      // Fails: the hub alone (41M for, quorum met) would pass; 45M against from the spokes defeat it.
      [hub, D0!, "fails", VoteType.For],
      [hub, D3!, "fails", VoteType.For],
      [base, BASE_A, "fails", VoteType.Against],
      [base, BASE_B, "fails", VoteType.Against],
      [zora, ZORA_A, "fails", VoteType.Against],
      [zora, ZORA_B, "fails", VoteType.Against],
    ];
    const voteBlocks = new Map<number, bigint>();
    for (const [chain, voter, key, support] of votes) {
      const target = chain === hub ? governor() : { address: chain.spoke!.aggregator, abi: spokeVoteAggregatorAbi };
      const { blockNumber } = await send(chain, devAccount(voter), { ...target, functionName: "castVote", args: [proposals[key], support] });
      voteBlocks.set(chain.chainId, blockNumber);
    }
    for (const member of [base, zora]) await waitForOutput(manifest, member, voteBlocks.get(member.chainId)!);

    // The sequencer may relay by itself as well (its relayer, once wired): each tally is then
    // either relayed here or already counted, never failed.
    const relay = await cli("relay");
    assert.equal(relay.code, 0, relay.stderr + relay.stdout);
    const lines = relay.stdout.split("\n").filter((line) => /^(relayed|skipped|FAILED) /.test(line));
    assert.equal(lines.length, 4, relay.stdout);
    for (const line of lines) assert.match(line, /^relayed |^skipped .*: The hub already counted/, line);
    assert.match(relay.stdout, /, 0 failed$/m);

    for (const proposalId of Object.values(proposals)) {
      const byChain = await Promise.all(
        [hub, base, zora].map(async (c) => asTally(await h.readContract({ ...governor(), functionName: "proposalVotesByChain", args: [proposalId, BigInt(c.chainId)] }))),
      );
      for (const [i, member] of [base, zora].entries()) {
        const spokeTally = asTally(await nodeClient(member).readContract({ address: member.spoke!.aggregator, abi: spokeVoteAggregatorAbi, functionName: "proposalVotes", args: [proposalId] }));
        assert.deepEqual(byChain[i + 1], spokeTally, `${member.name}: the hub counts the spoke's tally`);
      }
      const totals = asTally(await h.readContract({ ...governor(), functionName: "proposalVotes", args: [proposalId] }));
      assert.deepEqual(totals, sum(...byChain), "the governor's totals are the sum of the chains");
    }
    assert.deepEqual(asTally(await h.readContract({ ...governor(), functionName: "proposalVotes", args: [proposals.passes] })), { forVotes: M(57), againstVotes: M(17), abstainVotes: M(5) });
    assert.deepEqual(asTally(await h.readContract({ ...governor(), functionName: "proposalVotes", args: [proposals.fails] })), { forVotes: M(41), againstVotes: M(45), abstainVotes: 0n });
  });

  it("relaying again skips the unchanged tallies (exit 0); the pool refuses the replay with SpokeVotePoolTallyUnchanged", async () => {
    const again = await cli("relay", "--chain", "base-local", "--proposal", proposals.passes.toString());
    assert.equal(again.code, 0, again.stderr);
    assert.match(again.stdout, /skipped base-local \(901\) on proposal \d+: The hub already counted/);
    assert.match(again.stdout, /0 relayed, 1 skipped, 0 failed/);

    // The same proven tally sent anyway: the pool refuses it.
    const h = nodeClient(hub);
    const relayed = await h.readContract({ address: base.spoke!.pool, abi: spokeVotePoolAbi, functionName: "relayedTally", args: [proposals.passes] });
    const proof = await nodeClient(base).getProof({ address: base.spoke!.aggregator, storageKeys: [await nodeClient(base).readContract({ address: base.spoke!.aggregator, abi: spokeVoteAggregatorAbi, functionName: "tallySlot", args: [proposals.passes] })], blockNumber: relayed[1] });
    const replay = { address: base.spoke!.pool, abi: spokeVotePoolAbi, functionName: "relayTally", args: [proposals.passes, relayed[1], relayed[0], proof.accountProof, proof.storageProof[0]!.proof] } as const;
    assert.deepEqual(await revertName(manifest, replay), { name: "SpokeVotePoolTallyUnchanged", args: [proposals.passes] });
    // And the library says there is nothing to relay before anyone pays for it.
    await assert.rejects(
      prepareRelayTally({ hub: h, member: nodeClient(base) }, { pool: base.spoke!.pool, aggregator: base.spoke!.aggregator, outputOracle: manifest.contracts.outputOracle!, proposalId: proposals.passes }),
      (error: Error) => error.name === "NothingToRelayError",
    );
  });

  it("a relay for a chain the governor does not know is refused with SpokeVotePoolNotVoteSource", async () => {
    // A pool for chain 903, bound to base-local's spoke: its proof would be valid, its chain is not a voting member.
    const deployer = devAccount(DEV_ROLES.deployer);
    const wallet = createWalletClient({ account: deployer, chain: viemChain(hub), transport: http() });
    const h = nodeClient(hub);
    const hash = await wallet.deployContract({
      abi: spokeVotePoolAbi,
      bytecode: creationBytecode("SpokeVotePool"),
      args: [manifest.contracts.token, manifest.contracts.governor, manifest.contracts.outputOracle!, manifest.contracts.stateProofVerifier!, 903n, deployer.address],
    } as never);
    const stray = (await h.waitForTransactionReceipt({ hash })).contractAddress!;
    await send(hub, deployer, { address: stray, abi: spokeVotePoolAbi, functionName: "bindSpoke", args: [base.spoke!.token, base.spoke!.aggregator] });
    const relayed = await h.readContract({ address: base.spoke!.pool, abi: spokeVotePoolAbi, functionName: "relayedTally", args: [proposals.passes] });
    const slot = await nodeClient(base).readContract({ address: base.spoke!.aggregator, abi: spokeVoteAggregatorAbi, functionName: "tallySlot", args: [proposals.passes] });
    const proof = await nodeClient(base).getProof({ address: base.spoke!.aggregator, storageKeys: [slot], blockNumber: relayed[1] });
    const call = { address: stray, abi: spokeVotePoolAbi, functionName: "relayTally", args: [proposals.passes, relayed[1], relayed[0], proof.accountProof, proof.storageProof[0]!.proof] } as const;
    assert.deepEqual(await revertName(manifest, call), { name: "SpokeVotePoolNotVoteSource", args: [903n, zeroAddress] });
  });

  it("after the deadline, one proposal passed and the other failed on the combined result", async () => {
    const h = nodeClient(hub);
    const deadlines = await Promise.all(Object.values(proposals).map((id) => h.readContract({ ...governor(), functionName: "proposalDeadline", args: [id] })));
    const deadline = deadlines.reduce((a, b) => (a > b ? a : b));
    const now = (await h.getBlock()).timestamp;
    await advanceTime(readDevnetState(paths)!.nodes, deadline - now + 1n);
    assert.equal(await h.readContract({ ...governor(), functionName: "state", args: [proposals.passes] }), 4, "Succeeded");
    assert.equal(await h.readContract({ ...governor(), functionName: "state", args: [proposals.fails] }), 3, "Defeated");
    const after = await cli("relay");
    assert.equal(after.code, 1);
    assert.match(after.stderr, /no proposal is active/);
  });

  it("the sequencer relays a spoke vote by itself, within two commitment intervals, with no relay command", async () => {
    const h = nodeClient(hub);
    const description = "Counted on the hub by the sequencer's own relay";
    const args = [[manifest.contracts.governor], [0n], [encodeFunctionData({ abi: superchainGovernorAbi, functionName: "setProposalThreshold", args: [parseEther("100000")] })], description] as const;
    const { blockNumber } = await send(hub, devAccount(PROPOSER), { ...governor(), functionName: "propose", args });
    const proposalId = await h.readContract({ ...governor(), functionName: "hashProposal", args: [args[0], args[1], args[2], keccak256(toBytes(description))] });
    await waitForHubState(base, blockNumber);
    const learn = await prepareLearnProposal(
      { hub: h, member: nodeClient(base) },
      { governor: manifest.contracts.governor, aggregator: base.spoke!.aggregator, hubStateOracle: base.hubStateOracle!, proposalId },
    );
    await send(base, devAccount(BASE_B), learn);
    await advanceTime(readDevnetState(paths)!.nodes, 301n);
    await send(base, devAccount(BASE_B), { address: base.spoke!.aggregator, abi: spokeVoteAggregatorAbi, functionName: "castVote", args: [proposalId, VoteType.For] });
    const spokeTally = asTally(await nodeClient(base).readContract({ address: base.spoke!.aggregator, abi: spokeVoteAggregatorAbi, functionName: "proposalVotes", args: [proposalId] }));
    assert.equal(spokeTally.forVotes, M(5));
    const counted = await waitFor("the sequencer's relay of base-local's tally", async () => {
      const onHub = asTally(await h.readContract({ ...governor(), functionName: "proposalVotesByChain", args: [proposalId, BigInt(base.chainId)] }));
      return onHub.forVotes === spokeTally.forVotes ? onHub : undefined;
    });
    assert.deepEqual(counted, spokeTally);
  });
});
