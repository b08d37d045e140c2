/**
 * Cross-chain voting end to end with REAL proofs: the hub contracts (governor, SpokeVotePool,
 * OutputOracle) and base-local's contracts (SpokeToken, SpokeVoteAggregator, HubStateOracle) all
 * live on one in-process EDR chain. The test commits that chain's own state roots — as the hub
 * state in the HubStateOracle and as base-local's output in the OutputOracle, being base-local's
 * operator — waits out their challenge window, and every crossing is proven from `eth_getProof`
 * against those roots. The member oracle's roles are synced from the hub's RootSettings by proof too.
 */
import assert from "node:assert/strict";
import { before, describe, it } from "node:test";

import { encodeFunctionData, isAddressEqual, keccak256, parseEther, toBytes, zeroAddress, type Address, type Hex } from "viem";

import { DEVNET_HUB_DEFAULTS } from "../../../lib/devnet/deploy.ts";
import { addressOf, deployGovernance, SETTINGS, TIMELOCK_DELAY, type GovernanceFixture } from "../../helpers/governance.ts";

const BASE = 901n;
const CLOSING_MARGIN = 3_600;
const CHALLENGE = 60;
const RULES = { challengeWindow: CHALLENGE, maxBlockStep: 10_000n } as const;
const VoteType = { Against: 0, For: 1, Abstain: 2 } as const;

describe("Cross-chain voting with real storage proofs", () => {
  let f: GovernanceFixture;
  let c: Awaited<ReturnType<typeof deployCrosschain>>;
  const gas: Record<string, bigint> = {};

  async function deployCrosschain() {
    const { viem, wallets } = f;
    const operator = addressOf(wallets.deployer);
    const council = addressOf(wallets.guardian);
    // The deployer is governance of the registries here, so the test can schedule a replacement directly.
    // The test chain's own id is a member too: the HubStateOracle here proves the roles published for it.
    const members = [{ chainId: BASE, name: "base-local", operator }, { chainId: BigInt(f.chainId), name: "this-chain", operator }];
    const chains = await viem.deployContract("MemberChainRegistry", [members]);
    const { defaults, minActivationDelay, approvalWindow } = DEVNET_HUB_DEFAULTS.sequencer;
    const registry = await viem.deployContract("SequencerConfigRegistry", [chains.address, operator, council, defaults, minActivationDelay, approvalWindow]);
    await f.wait(await chains.write.setChangeApplier([registry.address]));
    const settings = await viem.deployContract("RootSettings", [chains.address, registry.address, RULES, RULES, 1]);
    const outputOracle = await viem.deployContract("OutputOracle", [chains.address, zeroAddress, settings.address]);
    const verifier = await viem.deployContract("StateProofVerifier");
    // The member oracle lives on the same test chain, so its roles are published for this chain's own id.
    const hubStateOracle = await viem.deployContract("HubStateOracle", [verifier.address, settings.address, { operator, council, rules: RULES }, 0n]);
    const pool = await viem.deployContract("SpokeVotePool", [f.token.address, f.governor.address, outputOracle.address, verifier.address, BASE, operator]);
    const spokeToken = await viem.deployContract("SpokeToken", ["Superchain on base-local", "SUP", pool.address, hubStateOracle.address, verifier.address]);
    const aggregator = await viem.deployContract("SpokeVoteAggregator", [spokeToken.address, f.governor.address, hubStateOracle.address, verifier.address, CLOSING_MARGIN]);
    await f.wait(await pool.write.bindSpoke([spokeToken.address, aggregator.address]));
    return { chains, registry, settings, outputOracle, hubStateOracle, verifier, pool, spokeToken, aggregator };
  }

  /** Proposes one governor call as alice; returns what queue/execute need. */
  async function propose(description: string, calldata: Hex) {
    const targets = [f.governor.address];
    await f.wait(await f.governor.write.propose([targets, [0n], [calldata], description], { account: f.wallets.alice.account }));
    const proposalId = await f.governor.read.hashProposal([targets, [0n], [calldata], keccak256(toBytes(description))]);
    return { proposalId, targets, calldata, description };
  }

  async function passAndExecute(p: Awaited<ReturnType<typeof propose>>) {
    await f.networkHelpers.time.increase(SETTINGS.votingDelay + 1);
    for (const voter of [f.wallets.alice, f.wallets.bob]) {
      await f.wait(await f.governor.write.castVote([p.proposalId, VoteType.For], { account: voter.account }));
    }
    await f.networkHelpers.time.increase(SETTINGS.votingPeriod);
    const descriptionHash = keccak256(toBytes(p.description));
    await f.wait(await f.governor.write.queue([p.targets, [0n], [p.calldata], descriptionHash]));
    await f.networkHelpers.time.increase(TIMELOCK_DELAY);
    await f.wait(await f.governor.write.execute([p.targets, [0n], [p.calldata], descriptionHash]));
  }

  /** Commits the latest block as a hub state on "base-local" (we are its operator) and waits out the window. */
  async function commitHub(options: { wait?: boolean } = {}): Promise<bigint> {
    const block = await f.publicClient.getBlock();
    await f.wait(await c.hubStateOracle.write.postHubState([block.number, block.hash, block.stateRoot, Number(block.timestamp)]));
    if (options.wait ?? true) await f.networkHelpers.time.increase(CHALLENGE);
    return block.number;
  }

  /** Commits the latest block as base-local's output on the hub (we are its operator) and waits out the window. */
  async function commitSpoke(): Promise<bigint> {
    const block = await f.publicClient.getBlock();
    await f.wait(await c.outputOracle.write.postOutput([BASE, block.number, block.hash, block.stateRoot, 1n, Number(block.timestamp)]));
    await f.networkHelpers.time.increase(CHALLENGE);
    return block.number;
  }

  async function proofOf(address: Address, slot: Hex, blockNumber: bigint) {
    const proof = await f.publicClient.getProof({ address, storageKeys: [slot], blockNumber });
    return { accountProof: proof.accountProof, storageProof: proof.storageProof[0]!.proof, value: proof.storageProof[0]!.value };
  }

  async function gasOf(hash: Hex) {
    return (await f.wait(hash)).gasUsed;
  }

  async function deposit(wallet: GovernanceFixture["wallets"]["alice"], amount: bigint, recipient: Address) {
    await f.wait(await f.token.write.approve([c.pool.address, amount], { account: wallet.account }));
    const id = await c.pool.read.depositCount();
    await f.wait(await c.pool.write.deposit([amount, recipient], { account: wallet.account }));
    return id;
  }

  async function spokeTally(proposalId: bigint) {
    const [againstVotes, forVotes, abstainVotes] = await c.aggregator.read.proposalVotes([proposalId]);
    return { againstVotes, forVotes, abstainVotes };
  }

  async function chainTally(proposalId: bigint, chainId: bigint) {
    const [againstVotes, forVotes, abstainVotes] = await f.governor.read.proposalVotesByChain([proposalId, chainId]);
    return { againstVotes, forVotes, abstainVotes };
  }

  /** Commits base-local's state and proves the aggregator's tally for `proposalId` in it. */
  async function relayArgs(proposalId: bigint) {
    const blockNumber = await commitSpoke();
    const tally = await spokeTally(proposalId);
    const proof = await proofOf(c.aggregator.address, await c.aggregator.read.tallySlot([proposalId]), blockNumber);
    return [proposalId, blockNumber, tally, proof.accountProof, proof.storageProof] as const;
  }

  const eve = () => f.wallets.outsider;
  let proposalId: bigint;
  let hubDeposit: { id: bigint; hubBlock: bigint };

  before(async () => {
    f = await deployGovernance();
    c = await deployCrosschain();
    await passAndExecute(
      await propose("Appoint base-local's pool", encodeFunctionData({ abi: f.governor.abi, functionName: "setVoteSource", args: [BASE, c.pool.address] })),
    );
    assert.ok(isAddressEqual(await f.governor.read.voteSource([BASE]), c.pool.address));
  });

  it("finalizes a hub deposit on the member chain by proof, once, after the root's challenge window", async () => {
    const id = await deposit(f.wallets.alice, parseEther("5000"), addressOf(eve()));
    const hubBlock = await commitHub({ wait: false });
    const proof = await proofOf(c.pool.address, await c.pool.read.depositSlot([id]), hubBlock);
    await f.viem.assertions.revertWithCustomError(
      c.spokeToken.write.finalizeDeposit([id, addressOf(eve()), parseEther("5000"), hubBlock, proof.accountProof, proof.storageProof]),
      c.hubStateOracle,
      "RootInChallengeWindow",
    );
    await f.networkHelpers.time.increase(CHALLENGE);
    gas.finalizeDeposit = await gasOf(
      await c.spokeToken.write.finalizeDeposit([id, addressOf(eve()), parseEther("5000"), hubBlock, proof.accountProof, proof.storageProof]),
    );
    assert.equal(await c.spokeToken.read.balanceOf([addressOf(eve())]), parseEther("5000"));
    await f.viem.assertions.revertWithCustomErrorWithArgs(
      c.spokeToken.write.finalizeDeposit([id, addressOf(eve()), parseEther("5000"), hubBlock, proof.accountProof, proof.storageProof]),
      c.spokeToken,
      "SpokeTokenDepositAlreadyFinalized",
      [id],
    );
    hubDeposit = { id, hubBlock };
  });

  it("refuses forged or mismatched deposit proofs with the verifier's specific errors", async () => {
    const id = await deposit(f.wallets.carol, parseEther("3000"), addressOf(f.wallets.carol));
    const hubBlock = await commitHub();
    const carol = addressOf(f.wallets.carol);
    const good = await proofOf(c.pool.address, await c.pool.read.depositSlot([id]), hubBlock);
    const finalize = (amount: bigint, block: bigint, accountProof: readonly Hex[], storageProof: readonly Hex[]) =>
      c.spokeToken.write.finalizeDeposit([id, carol, amount, block, accountProof, storageProof]);

    // A claim the record does not commit to.
    await f.viem.assertions.revertWithCustomError(finalize(parseEther("30000"), hubBlock, good.accountProof, good.storageProof), c.spokeToken, "SpokeTokenDepositMismatch");
    // Proofs taken at another block: the posted root is not theirs.
    const previous = await proofOf(c.pool.address, await c.pool.read.depositSlot([hubDeposit.id]), hubDeposit.hubBlock);
    await f.viem.assertions.revertWithCustomErrorWithArgs(finalize(parseEther("3000"), hubBlock, previous.accountProof, good.storageProof), c.verifier, "StateProofRootMismatch", [0]);
    // Deposit 0's storage proof offered for deposit 1's slot.
    const other = await proofOf(c.pool.address, await c.pool.read.depositSlot([hubDeposit.id]), hubBlock);
    await f.viem.assertions.revertWithCustomErrorWithArgs(finalize(parseEther("3000"), hubBlock, good.accountProof, other.storageProof), c.verifier, "StateProofInvalidNode", [1]);
    // Another account's proof (the governor's) for the pool.
    const wrongAccount = await proofOf(f.governor.address, await c.pool.read.depositSlot([id]), hubBlock);
    await f.viem.assertions.revertWithCustomErrorWithArgs(finalize(parseEther("3000"), hubBlock, wrongAccount.accountProof, good.storageProof), c.verifier, "StateProofInvalidNode", [0]);
    // Truncated nodes.
    await f.viem.assertions.revertWithCustomErrorWithArgs(finalize(parseEther("3000"), hubBlock, good.accountProof, good.storageProof.slice(0, -1)), c.verifier, "StateProofTruncated", [1]);
    // A hub block never committed.
    await f.viem.assertions.revertWithCustomError(finalize(parseEther("3000"), hubBlock + 1000n, good.accountProof, good.storageProof), c.hubStateOracle, "RootUnknown");

    await f.wait(await finalize(parseEther("3000"), hubBlock, good.accountProof, good.storageProof));
    assert.equal(await c.spokeToken.read.balanceOf([carol]), parseEther("3000"));
  });

  it("learns a hub proposal from the governor's storage", async () => {
    // Two more spoke holders: dave (votes later) and bob (votes too late).
    for (const [wallet, amount] of [[f.wallets.dave, parseEther("1000")], [f.wallets.bob, parseEther("500")]] as const) {
      const id = await deposit(wallet, amount, addressOf(wallet));
      const hubBlock = await commitHub();
      const proof = await proofOf(c.pool.address, await c.pool.read.depositSlot([id]), hubBlock);
      await f.wait(await c.spokeToken.write.finalizeDeposit([id, addressOf(wallet), amount, hubBlock, proof.accountProof, proof.storageProof]));
    }
    for (const wallet of [eve(), f.wallets.carol, f.wallets.dave, f.wallets.bob]) {
      await f.wait(await c.spokeToken.write.delegate([addressOf(wallet)], { account: wallet.account }));
    }

    const p = await propose("Voted across chains", encodeFunctionData({ abi: f.governor.abi, functionName: "setVotingPeriod", args: [4 * 86_400] }));
    proposalId = p.proposalId;
    const hubBlock = await commitHub();
    const slot = await c.aggregator.read.proposalSlot([proposalId]);
    const proof = await proofOf(f.governor.address, slot, hubBlock);
    // The documented layout is the live one: the slot holds proposer | voteStart | voteDuration.
    const word = BigInt(proof.value);
    assert.equal(word & ((1n << 160n) - 1n), BigInt(addressOf(f.wallets.alice)));
    assert.equal((word >> 160n) & ((1n << 48n) - 1n), await f.governor.read.proposalSnapshot([proposalId]));

    await f.wait(await c.aggregator.write.learnProposal([proposalId, hubBlock, proof.accountProof, proof.storageProof]));
    const [snapshot, deadline, closesAt] = await c.aggregator.read.proposal([proposalId]);
    assert.equal(BigInt(snapshot), await f.governor.read.proposalSnapshot([proposalId]));
    assert.equal(BigInt(deadline), await f.governor.read.proposalDeadline([proposalId]));
    assert.equal(closesAt, deadline - CLOSING_MARGIN);
  });

  it("votes on the spoke, relays, and the hub counts the spoke tally under the chain", async () => {
    await f.networkHelpers.time.increase(SETTINGS.votingDelay + 1);
    gas.spokeVote = await gasOf(await c.aggregator.write.castVote([proposalId, VoteType.For], { account: eve().account }));
    await f.wait(await c.aggregator.write.castVoteWithReason([proposalId, VoteType.Against, "too fast"], { account: f.wallets.carol.account }));
    await f.wait(await f.governor.write.castVote([proposalId, VoteType.For], { account: f.wallets.alice.account }));

    const args = await relayArgs(proposalId);
    gas.relayTally = await gasOf(await c.pool.write.relayTally(args));
    gas.verifyStorage = await f.publicClient.estimateGas({
      to: c.verifier.address,
      data: encodeFunctionData({
        abi: c.verifier.abi,
        functionName: "verifyStorage",
        args: [(await c.outputOracle.read.stateRootAt([BASE, args[1]])), c.aggregator.address, await c.aggregator.read.tallySlot([proposalId]), args[3], args[4]],
      }),
    });

    const tally = await spokeTally(proposalId);
    assert.deepEqual(tally, { againstVotes: parseEther("3000"), forVotes: parseEther("5000"), abstainVotes: 0n });
    assert.deepEqual(await chainTally(proposalId, BASE), tally);
    await assertTotalsAreTheSumOfChains();
  });

  it("refuses a replayed relay: nothing changed on the spoke", async () => {
    await f.viem.assertions.revertWithCustomErrorWithArgs(c.pool.write.relayTally(await relayArgs(proposalId)), c.pool, "SpokeVotePoolTallyUnchanged", [proposalId]);
  });

  it("relays only the increase of a higher tally, and refuses the stale one after it", async () => {
    const stale = await relayArgs(proposalId); // the tally as already relayed, at an older block
    await f.wait(await c.aggregator.write.castVote([proposalId, VoteType.Abstain], { account: f.wallets.dave.account }));
    await f.wait(await c.pool.write.relayTally(await relayArgs(proposalId)));
    assert.deepEqual(await chainTally(proposalId, BASE), { againstVotes: parseEther("3000"), forVotes: parseEther("5000"), abstainVotes: parseEther("1000") });
    await assertTotalsAreTheSumOfChains();

    await f.viem.assertions.revertWithCustomError(c.pool.write.relayTally(stale), c.pool, "SpokeVotePoolStaleTally");
    // A tally claimed above what the spoke committed to is refused too.
    const [id, blockNumber, , accountProof, storageProof] = await relayArgs(proposalId);
    await f.viem.assertions.revertWithCustomError(
      c.pool.write.relayTally([id, blockNumber, { againstVotes: 0n, forVotes: parseEther("60000"), abstainVotes: 0n }, accountProof, storageProof]),
      c.pool,
      "SpokeVotePoolTallyMismatch",
    );
  });

  it("refuses a relay for a chain the governor does not know", async () => {
    const stray = await f.viem.deployContract("SpokeVotePool", [f.token.address, f.governor.address, c.outputOracle.address, c.verifier.address, 902n, addressOf(f.wallets.deployer)]);
    await f.wait(await stray.write.bindSpoke([c.spokeToken.address, c.aggregator.address]));
    await f.viem.assertions.revertWithCustomErrorWithArgs(stray.write.relayTally(await relayArgs(proposalId)), stray, "SpokeVotePoolNotVoteSource", [902n, zeroAddress]);
  });

  it("refuses a vote after the spoke deadline, while the hub is still open", async () => {
    const [, , closesAt] = await c.aggregator.read.proposal([proposalId]);
    await f.networkHelpers.time.increaseTo(closesAt + 1);
    await f.viem.assertions.revertWithCustomErrorWithArgs(
      c.aggregator.write.castVote([proposalId, VoteType.For], { account: f.wallets.bob.account }),
      c.aggregator,
      "SpokeVoteAggregatorVotingClosed",
      [proposalId, closesAt],
    );
    assert.equal(await f.governor.read.state([proposalId]), 1); // Active: the margin is there to relay
  });

  it("withdraws back to the hub by proof, once", async () => {
    const recipient = addressOf(eve());
    await f.wait(await c.spokeToken.write.withdraw([parseEther("2000"), recipient], { account: eve().account }));
    const blockNumber = await commitSpoke();
    const proof = await proofOf(c.spokeToken.address, await c.spokeToken.read.withdrawalSlot([0n]), blockNumber);
    const before = await f.token.read.balanceOf([recipient]);
    await f.wait(await c.pool.write.finalizeWithdrawal([0n, recipient, parseEther("2000"), blockNumber, proof.accountProof, proof.storageProof]));
    assert.equal((await f.token.read.balanceOf([recipient])) - before, parseEther("2000"));
    await f.viem.assertions.revertWithCustomErrorWithArgs(
      c.pool.write.finalizeWithdrawal([0n, recipient, parseEther("2000"), blockNumber, proof.accountProof, proof.storageProof]),
      c.pool,
      "SpokeVotePoolWithdrawalAlreadyFinalized",
      [0n],
    );
    // Escrow = deposits − withdrawals = the spoke's supply.
    assert.equal(await f.token.read.balanceOf([c.pool.address]), await c.spokeToken.read.totalSupply());
  });

  it("moves posting rights on both oracles when an approved ReplaceOperator takes effect (member side by proof)", async () => {
    const self = BigInt(f.chainId); // the chain this HubStateOracle lives on
    const next = f.wallets.dave;
    await f.wait(await c.registry.write.scheduleOperator([self, addressOf(next), 0]));
    const changeId = (await c.registry.read.changeCount()) - 1n;
    await f.wait(await c.registry.write.approveChange([changeId], { account: f.wallets.guardian.account }));
    const { activatesAt } = await c.registry.read.getChange([changeId]);
    await f.networkHelpers.time.increaseTo(activatesAt);

    // Hub: the OutputOracle asks the registry, so the new operator posts at once, the old one no more.
    const head = await f.publicClient.getBlock();
    const post = (account: typeof next.account) =>
      c.outputOracle.write.postOutput([self, head.number, head.hash, head.stateRoot, 1n, Number(head.timestamp)], { account });
    await f.viem.assertions.revertWithCustomError(post(f.wallets.deployer.account), c.outputOracle, "OutputOracleNotOperator");
    await f.wait(await post(next.account));

    // Member: anyone publishes on the hub; the outgoing operator still posts the hub state holding
    // it; once usable, anyone proves the published slot and the member oracle follows.
    await f.wait(await c.settings.write.publishMemberRoles([self], { account: eve().account }));
    const roles = await c.settings.read.memberRoles([self]);
    assert.ok(isAddressEqual(roles.operator, addressOf(next)));
    const hubBlock = await commitHub();
    const proof = await proofOf(c.settings.address, await c.settings.read.memberRolesSlot([self]), hubBlock);
    gas.syncRoles = await gasOf(await c.hubStateOracle.write.syncRoles([hubBlock, roles, proof.accountProof, proof.storageProof], { account: eve().account }));
    assert.ok(isAddressEqual((await c.hubStateOracle.read.roles()).operator, addressOf(next)));
    assert.equal(await c.hubStateOracle.read.rolesSyncedAt(), hubBlock);

    const latest = await f.publicClient.getBlock();
    const postHub = (account: typeof next.account) =>
      c.hubStateOracle.write.postHubState([latest.number, latest.hash, latest.stateRoot, Number(latest.timestamp)], { account });
    await f.viem.assertions.revertWithCustomError(postHub(f.wallets.deployer.account), c.hubStateOracle, "HubStateOracleNotOperator");
    await f.wait(await postHub(next.account));
    // The same proof cannot roll the roles back, and a forged claim is refused.
    await f.viem.assertions.revertWithCustomError(
      c.hubStateOracle.write.syncRoles([hubBlock, roles, proof.accountProof, proof.storageProof]),
      c.hubStateOracle,
      "HubStateOracleStaleRoles",
    );
  });

  it("reports gas", () => {
    const share = ((Number(gas.verifyStorage! - 21_000n) / Number(gas.relayTally!)) * 100).toFixed(0);
    console.log(
      `gas: finalizeDeposit ${gas.finalizeDeposit}, spoke castVote ${gas.spokeVote}, relayTally ${gas.relayTally} ` +
        `(verifyStorage alone ${gas.verifyStorage} incl. 21000 intrinsic, ≈${share}% of the relay)`,
    );
    console.log(`gas: syncRoles ${gas.syncRoles}`);
    for (const key of ["finalizeDeposit", "spokeVote", "relayTally", "verifyStorage", "syncRoles"]) assert.ok(gas[key]! > 0n, key);
  });

  async function assertTotalsAreTheSumOfChains() {
    const [againstVotes, forVotes, abstainVotes] = await f.governor.read.proposalVotes([proposalId]);
    const hub = await chainTally(proposalId, BigInt(f.chainId));
    const base = await chainTally(proposalId, BASE);
    assert.deepEqual(
      { againstVotes: hub.againstVotes + base.againstVotes, forVotes: hub.forVotes + base.forVotes, abstainVotes: hub.abstainVotes + base.abstainVotes },
      { againstVotes, forVotes, abstainVotes },
    );
  }
});
