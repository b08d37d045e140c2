/**
 * Dual approval end to end on a real EDR chain: proposals pass the real governor and timelock,
 * the council is a real Safe 1.4.1 (2 of 3) driven by protocol-kit through lib/council.
 */
import assert from "node:assert/strict";
import { before, describe, it } from "node:test";

import { getAddress, keccak256, toBytes, type Hex } from "viem";

import {
  councilCall,
  CouncilDuplicateSignatureError,
  CouncilNotOwnerError,
  CouncilThresholdNotMetError,
  decodeCouncilCall,
  describeCouncilDecision,
  type CouncilDecision,
  type CouncilTransaction,
} from "../../../lib/council/index.ts";
import {
  buildProposal,
  CHANGE_STATUSES,
  changeToAction,
  describeAction,
  type GovernanceAction,
  VoteType,
} from "../../../lib/governance/index.ts";
import { SETTINGS, TIMELOCK_DELAY } from "../../helpers/governance.ts";
import { BASE, deploySuperchain, MIN_ACTIVATION_DELAY, ZORA, type SuperchainFixture } from "../../helpers/superchain.ts";

describe("sequencer changes need governance and the council's Safe", () => {
  let f: SuperchainFixture;
  before(async () => {
    f = await deploySuperchain();
  });

  const now = async () => (await f.publicClient.getBlock()).timestamp;
  const status = async (changeId: bigint) => CHANGE_STATUSES[await f.registry.read.changeStatus([changeId])];

  /** Runs `actions` through propose → vote → queue → execute; returns the registry change ids it created. */
  async function governanceExecutes(actions: GovernanceAction[], description: string): Promise<bigint[]> {
    const before = await f.registry.read.changeCount();
    const p = buildProposal(actions, description, f.contracts);
    const { alice, bob } = f.wallets;
    await f.wait(await f.governor.write.propose([p.targets, p.values, p.calldatas, p.description], { account: alice.account }));
    const id = await f.governor.read.hashProposal([p.targets, p.values, p.calldatas, keccak256(toBytes(description))]);
    await f.networkHelpers.time.increase(SETTINGS.votingDelay + 1);
    for (const voter of [alice, bob]) await f.wait(await f.governor.write.castVote([id, VoteType.For], { account: voter.account }));
    await f.networkHelpers.time.increase(SETTINGS.votingPeriod);
    const descriptionHash = keccak256(toBytes(description));
    await f.wait(await f.governor.write.queue([p.targets, p.values, p.calldatas, descriptionHash]));
    await f.networkHelpers.time.increase(TIMELOCK_DELAY);
    await f.wait(await f.governor.write.execute([p.targets, p.values, p.calldatas, descriptionHash]));
    const after = await f.registry.read.changeCount();
    return Array.from({ length: Number(after - before) }, (_, i) => before + BigInt(i));
  }

  /** Owner `index` (0–2) signs the transaction's EIP-712 typed data with their wallet. */
  async function ownerSigns(transaction: CouncilTransaction, index: number): Promise<CouncilTransaction> {
    const owner = f.wallets.owners[index];
    assert.ok(owner);
    const { typedData } = f.council.review(transaction);
    const signature: Hex = await owner.signTypedData(typedData);
    return f.council.addSignature(transaction, { signer: owner.account.address, signature });
  }

  async function councilDecides(decision: CouncilDecision) {
    let tx = await f.council.buildTransaction(councilCall(f.registry.address, decision));
    tx = await ownerSigns(tx, 0);
    tx = await ownerSigns(tx, 1);
    return f.council.execute(tx, { address: f.wallets.deployer.account.address });
  }

  it("activates a block time change only after the Safe's 2-of-3 approval, at the activation time", async () => {
    const [changeId] = await governanceExecutes(
      [{ kind: "setParameters", chainId: BASE, changes: { blockTimeMs: 1_000 }, requestedActivation: 0n }],
      "Faster blocks on base-local",
    );
    assert.ok(changeId !== undefined);
    assert.equal(await status(changeId), "awaitingCouncil");
    assert.equal((await f.registry.read.currentConfig([BASE])).parameters.blockTimeMs, 2_000, "nothing changed yet");

    // What a careful signer sees before signing.
    const change = await f.registry.read.getChange([changeId]);
    const current = (await f.registry.read.currentConfig([BASE])).parameters;
    assert.equal(
      describeAction(changeToAction(change), { chainName: () => "base-local", currentParameters: () => current }),
      "Set base-local block time 2,000 ms → 1,000 ms, activating as soon as the council's approval allows",
    );
    let tx = await f.council.buildTransaction(councilCall(f.registry.address, { kind: "approveChange", changeId }));
    const decision = decodeCouncilCall(f.registry.address, tx.data);
    assert.deepEqual(decision, { kind: "approveChange", changeId });
    assert.equal(
      describeCouncilDecision(decision, describeAction(changeToAction(change), { chainName: () => "base-local" })),
      `Approve change #${changeId}: Set base-local block time to 1,000 ms, activating as soon as the council's approval allows`,
    );
    assert.equal(describeCouncilDecision({ kind: "pause", chainId: 0n }), "Pause sequencing of all chains immediately");
    const review = f.council.review(tx);
    assert.match(review.safeTxHash, /^0x[0-9a-f]{64}$/);
    assert.notEqual(review.domainHash, review.messageHash);

    // One signature is not enough, and nothing is sent.
    tx = await ownerSigns(tx, 0);
    await assert.rejects(f.council.execute(tx, { address: f.wallets.deployer.account.address }), CouncilThresholdNotMetError);
    assert.equal(await status(changeId), "awaitingCouncil");
    // The same owner twice, and a stranger, are refused.
    await assert.rejects(ownerSigns(tx, 0), CouncilDuplicateSignatureError);
    const { typedData } = f.council.review(tx);
    const strangerSignature = await f.wallets.outsider.signTypedData(typedData);
    await assert.rejects(
      f.council.addSignature(tx, { signer: f.wallets.outsider.account.address, signature: strangerSignature }),
      CouncilNotOwnerError,
    );

    tx = await ownerSigns(tx, 2);
    await f.council.execute(tx, { address: f.wallets.deployer.account.address });
    assert.equal(await status(changeId), "approved");
    const approved = await f.registry.read.getChange([changeId]);
    assert.equal(approved.activatesAt, approved.approvedAt + MIN_ACTIVATION_DELAY);

    const before = await f.registry.read.configAt([BASE, BigInt(approved.activatesAt) - 1n]);
    const at = await f.registry.read.configAt([BASE, BigInt(approved.activatesAt)]);
    assert.equal(before.parameters.blockTimeMs, 2_000);
    assert.equal(before.version, 1n);
    assert.equal(at.parameters.blockTimeMs, 1_000);
    assert.equal(at.version, 2n);

    await f.networkHelpers.time.increaseTo(approved.activatesAt);
    assert.equal(await status(changeId), "active");
    assert.equal((await f.registry.read.currentConfig([BASE])).parameters.blockTimeMs, 1_000);
  });

  it("lets the council reject, and lets an unapproved change expire", async () => {
    const [rejected, expiring] = await governanceExecutes(
      [
        { kind: "setParameters", chainId: BASE, changes: { maxTxPerBlock: 50 }, requestedActivation: 0n },
        { kind: "setParameters", chainId: 0n, changes: { commitmentInterval: 20 }, requestedActivation: 0n },
      ],
      "Two changes the council will not approve",
    );
    assert.ok(rejected !== undefined && expiring !== undefined);
    await councilDecides({ kind: "rejectChange", changeId: rejected });
    assert.equal(await status(rejected), "rejected");

    await f.networkHelpers.time.increase(7 * 86_400);
    assert.equal(await status(expiring), "expired");
    await assert.rejects(councilDecides({ kind: "approveChange", changeId: expiring }));
    assert.equal((await f.registry.read.currentConfig([BASE])).parameters.maxTxPerBlock, 500);
  });

  it("pauses at once through the Safe and resumes through governance", async () => {
    await councilDecides({ kind: "pause", chainId: BASE });
    assert.equal(await f.registry.read.isPaused([BASE]), true);
    await governanceExecutes([{ kind: "unpause", chainId: BASE }], "Resume base-local");
    assert.equal(await f.registry.read.isPaused([BASE]), false);
  });

  it("adds and removes member chains only with both approvals, at the activation time", async () => {
    const operator = getAddress(f.wallets.outsider.account.address);
    const [addition, removal] = await governanceExecutes(
      [
        { kind: "addChain", chainId: 903n, name: "mode-local", operator, requestedActivation: 0n },
        { kind: "removeChain", chainId: ZORA, requestedActivation: 0n },
      ],
      "Welcome mode-local, wind down zora-local",
    );
    assert.ok(addition !== undefined && removal !== undefined);
    const names = (id: bigint) => ({ 902: "zora-local" })[Number(id)];
    const sentences = await Promise.all(
      [addition, removal].map(async (id) => describeAction(changeToAction(await f.registry.read.getChange([id])), { chainName: names })),
    );
    assert.deepEqual(sentences, [
      `Add member chain mode-local (chain 903) with operator ${operator}, activating as soon as the council's approval allows`,
      "Remove member chain zora-local (chain 902), activating as soon as the council's approval allows; deposits stop once the council approves, withdrawals stay open",
    ]);
    assert.match(describeCouncilDecision({ kind: "approveChange", changeId: removal }, sentences[1]), /^Approve change #\d+: Remove member chain zora-local/);
    assert.equal(await f.memberChains.read.isActive([903n]), false, "executed is not applied");
    assert.equal(await f.memberChains.read.isListed([ZORA]), true, "executed is not applied");

    await councilDecides({ kind: "approveChange", changeId: addition });
    await councilDecides({ kind: "approveChange", changeId: removal });
    const removesAt = (await f.registry.read.getChange([removal])).activatesAt;
    assert.equal(await f.memberChains.read.isActive([ZORA]), true, "a member until the removal activates");
    assert.equal(await f.memberChains.read.isListed([ZORA]), false, "no longer listed for deposits");
    await f.networkHelpers.time.increaseTo(removesAt);
    assert.equal(await f.memberChains.read.isActive([ZORA]), false);
    assert.equal(await f.memberChains.read.isActive([903n]), true);
    assert.equal(await f.memberChains.read.operatorOf([903n]), operator);

    // Governance cannot go around the council, nor can the deployer that bound the registry.
    for (const account of [f.wallets.deployer.account, f.wallets.alice.account]) {
      await f.viem.assertions.revertWithCustomErrorWithArgs(
        f.memberChains.write.removeChain([BASE, Number(await now()) + 10], { account }),
        f.memberChains,
        "MemberChainRegistryOnlyChangeApplier",
        [account.address],
      );
    }
  });

  it("approves a release and replaces the council, each with both approvals", async () => {
    const digest = keccak256(toBytes("sequencer build 1.1.0"));
    const [release, replacement] = await governanceExecutes(
      [
        { kind: "approveRelease", release: { major: 1, minor: 1, patch: 0, kind: "required", digest }, requestedActivation: 0n },
        { kind: "replaceCouncil", council: f.wallets.outsider.account.address, requestedActivation: 0n },
      ],
      "Release 1.1.0 and a new council",
    );
    assert.ok(release !== undefined && replacement !== undefined);
    await councilDecides({ kind: "approveChange", changeId: release });
    await councilDecides({ kind: "approveChange", changeId: replacement });
    await f.networkHelpers.time.increase(MIN_ACTIVATION_DELAY);

    const [found, newest] = await f.registry.read.newestRequiredRelease();
    assert.equal(found, true);
    assert.deepEqual([newest.major, newest.minor, newest.patch, newest.digest], [1, 1, 0, digest]);
    assert.equal((await f.registry.read.council()).toLowerCase(), f.wallets.outsider.account.address.toLowerCase());
    // The old Safe has no power left.
    const [stale] = await governanceExecutes(
      [{ kind: "setParameters", chainId: BASE, changes: { maxTxBytes: 2_048 }, requestedActivation: 0n }],
      "After the council changed",
    );
    assert.ok(stale !== undefined);
    await assert.rejects(councilDecides({ kind: "approveChange", changeId: stale }));
    await f.wait(await f.registry.write.approveChange([stale], { account: f.wallets.outsider.account }));
    assert.equal(await status(stale), "approved");
  });

  it("rejects a direct call by anyone but the council", async () => {
    await f.viem.assertions.revertWithCustomErrorWithArgs(
      f.registry.write.pause([BASE], { account: f.wallets.alice.account }),
      f.registry,
      "SequencerConfigOnlyCouncil",
      [f.wallets.alice.account.address],
    );
    const t = await now();
    await f.viem.assertions.revertWithCustomErrorWithArgs(
      f.registry.write.scheduleParameters([BASE, 1, { ...(await f.registry.read.currentConfig([BASE])).parameters }, Number(t)], {
        account: f.wallets.alice.account,
      }),
      f.registry,
      "SequencerConfigOnlyGovernance",
      [f.wallets.alice.account.address],
    );
  });
});
