import assert from "node:assert/strict";
import { describe, it } from "node:test";

import { encodeAbiParameters, encodeFunctionData, erc20Abi, getAddress, parseEther, type Address } from "viem";

import { sequencerConfigRegistryAbi } from "../../../lib/contracts/index.ts";
import {
  buildProposal,
  CHANGE_KINDS,
  changeKindOf,
  changeToAction,
  checkParameters,
  decodeCall,
  decodeProposal,
  describeAction,
  encodeAction,
  formatDuration,
  PARAMETER_NAMES,
  type GovernanceAction,
  type GovernanceContracts,
  type SequencerParameters,
} from "../../../lib/governance/index.ts";
import { DEFAULT_PARAMETERS } from "../../helpers/parameters.ts";

const contracts: GovernanceContracts = {
  governor: "0x00000000000000000000000000000000000000a1",
  timelock: "0x00000000000000000000000000000000000000a2",
  memberChains: "0x00000000000000000000000000000000000000a3",
  sequencerConfig: "0x00000000000000000000000000000000000000a4",
};
const someone: Address = getAddress("0x1234567890abcdef1234567890abcdef12345678");
const dec1 = 1_796_126_400n; // 2026-12-01 12:00 UTC

const current: SequencerParameters = DEFAULT_PARAMETERS;
const context = {
  chainName: (id: bigint) => ({ 901: "base-local", 902: "zora-local" })[Number(id)],
  currentParameters: () => current,
  token: { symbol: "SUP", decimals: 18 },
};

/** One action of every kind, each with the sentence a voter reads. */
const EXAMPLES: Array<[GovernanceAction, string]> = [
  [
    { kind: "setParameters", chainId: 901n, changes: { blockTimeMs: 1_000 }, requestedActivation: dec1 },
    "Set base-local block time 2,000 ms → 1,000 ms, activating 2026-12-01 12:00 UTC",
  ],
  [
    {
      kind: "setParameters",
      chainId: 0n,
      changes: { orderingPolicy: 1, minPriorityFeeWei: 1_000_000_000n, commitmentInterval: 20 },
      requestedActivation: 0n,
    },
    "Set the default (all chains) ordering policy FIFO → priority fee, minimum priority fee 0 gwei → 1 gwei and commitment interval 10 blocks → 20 blocks, activating as soon as the council's approval allows",
  ],
  [
    {
      kind: "approveRelease",
      release: { major: 1, minor: 4, patch: 2, kind: "required", digest: `0x${"ab".repeat(32)}` },
      requestedActivation: dec1,
    },
    `Approve sequencer release 1.4.2 (required, sha-256 0x${"ab".repeat(32)}), activating 2026-12-01 12:00 UTC`,
  ],
  [
    { kind: "replaceCouncil", council: someone, requestedActivation: 0n },
    `Replace the Security Council with ${someone}, activating as soon as the council's approval allows`,
  ],
  [
    { kind: "replaceOperator", chainId: 902n, operator: someone, requestedActivation: dec1 },
    `Replace the operator of zora-local (chain 902) with ${someone}, activating 2026-12-01 12:00 UTC`,
  ],
  [{ kind: "cancelChange", changeId: 3n }, "Withdraw sequencer change #3 before the council decides"],
  [{ kind: "unpause", chainId: 901n }, "Resume sequencing of base-local (chain 901)"],
  [{ kind: "unpause", chainId: 0n }, "Resume sequencing of all chains"],
  [
    { kind: "updateMinActivationDelay", seconds: 3_600n },
    "Set the minimum delay between council approval and activation to 1 hour",
  ],
  [{ kind: "updateApprovalWindow", seconds: 604_800n }, "Give the council 7 days to approve a change before it expires"],
  [
    { kind: "addChain", chainId: 903n, name: "op-local", operator: someone, requestedActivation: 0n },
    `Add member chain op-local (chain 903) with operator ${someone}, activating as soon as the council's approval allows`,
  ],
  [
    { kind: "removeChain", chainId: 902n, requestedActivation: dec1 },
    "Remove member chain zora-local (chain 902), activating 2026-12-01 12:00 UTC; deposits stop once the council approves, withdrawals stay open",
  ],
  [{ kind: "setVotingDelay", seconds: 5_400n }, "Set the voting delay to 1 hour 30 minutes"],
  [{ kind: "setVotingPeriod", seconds: 259_200n }, "Set the voting period to 3 days"],
  [{ kind: "setProposalThreshold", amount: parseEther("10000") }, "Set the proposal threshold to 10,000 SUP"],
  [{ kind: "updateQuorumNumerator", percent: 4n }, "Set the quorum to 4% of the token supply"],
  [
    { kind: "setLateQuorumVoteExtension", seconds: 86_400n },
    "Extend voting by at least 1 day when quorum is reached late",
  ],
  [{ kind: "setProposalGuardian", guardian: someone }, `Make ${someone} the proposal guardian (the council's veto)`],
  [
    { kind: "setVoteSource", chainId: 901n, source: someone },
    `Appoint ${someone} to cast the votes of base-local (chain 901)`,
  ],
];

describe("governance action codec", () => {
  it("covers every action kind", () => {
    const kinds = new Set(EXAMPLES.map(([action]) => action.kind));
    assert.equal(kinds.size, 17);
  });

  for (const [action, sentence] of EXAMPLES) {
    it(`round-trips and describes: ${sentence.slice(0, 60)}`, () => {
      const call = encodeAction(action, contracts);
      assert.deepEqual(decodeCall(call, contracts), action);
      assert.equal(describeAction(action, context), sentence);
    });
  }

  it("schedules member chain additions and removals on the config registry, for the council", () => {
    for (const [action] of EXAMPLES.filter(([a]) => a.kind === "addChain" || a.kind === "removeChain")) {
      assert.equal(encodeAction(action, contracts).target, contracts.sequencerConfig);
    }
  });

  it("decodes the payloads the registry stores for membership changes", () => {
    const added = changeToAction({
      kind: CHANGE_KINDS.indexOf("addChain"),
      chainId: 903n,
      requestedActivation: Number(dec1),
      payload: encodeAbiParameters([{ type: "string" }, { type: "address" }], ["op-local", someone]),
    });
    assert.deepEqual(added, { kind: "addChain", chainId: 903n, name: "op-local", operator: someone, requestedActivation: dec1 });
    const removed = changeToAction({ kind: CHANGE_KINDS.indexOf("removeChain"), chainId: 902n, requestedActivation: 0, payload: "0x" });
    assert.deepEqual(removed, { kind: "removeChain", chainId: 902n, requestedActivation: 0n });
    // The contract's enum order: new kinds appended, so stored kinds keep their meaning.
    assert.deepEqual([changeKindOf(3), changeKindOf(4), changeKindOf(5)], ["replaceOperator", "addChain", "removeChain"]);
    assert.throws(() => changeKindOf(6), /unknown change kind 6/);
  });

  it("builds a proposal and decodes it back in order", () => {
    const actions = EXAMPLES.map(([action]) => action);
    const proposal = buildProposal(actions, "# Everything at once", contracts);
    assert.equal(proposal.targets.length, actions.length);
    assert.deepEqual(decodeProposal(proposal, contracts), actions);
    assert.throws(() => buildProposal([], "nothing", contracts), /at least one action/);
    assert.throws(() => buildProposal(actions, "  ", contracts), /description/);
  });

  it("describes parameters without a known current value as plain targets", () => {
    const [action] = EXAMPLES[0] ?? [];
    assert.ok(action);
    assert.equal(
      describeAction(action, { chainName: context.chainName }),
      "Set base-local block time to 1,000 ms, activating 2026-12-01 12:00 UTC",
    );
  });

  it("decodes foreign calldata to target, selector and raw words instead of failing", () => {
    const data = encodeFunctionData({ abi: erc20Abi, functionName: "transfer", args: [someone, 5n] });
    const decoded = decodeCall({ target: someone, value: 0n, data }, contracts);
    assert.equal(decoded.kind, "unknown");
    if (decoded.kind !== "unknown") return;
    assert.equal(decoded.selector, "0xa9059cbb");
    assert.equal(decoded.words.length, 2);
    assert.equal(BigInt(decoded.words[1] ?? "0x0"), 5n);
    assert.equal(describeAction(decoded), `Call ${someone} (unrecognised function 0xa9059cbb, 2 argument words)`);

    // A known contract with an unknown or malformed call is still shown, not thrown.
    const garbage = decodeCall({ target: contracts.sequencerConfig, value: 0n, data: "0xdeadbeef01" }, contracts);
    assert.equal(garbage.kind, "unknown");
    const paying = decodeCall({ target: contracts.governor, value: parseEther("1"), data: "0x" }, contracts);
    assert.equal(describeAction(paying), `Call ${contracts.governor} with no data, sending 1 ETH`);
    // A registry function that is not a governance action (a council one) stays unknown too.
    const approve = encodeFunctionData({ abi: sequencerConfigRegistryAbi, functionName: "approveChange", args: [1n] });
    assert.equal(decodeCall({ target: contracts.sequencerConfig, value: 0n, data: approve }, contracts).kind, "unknown");
  });

  it("keeps the parameter order of the contract's struct", () => {
    const scheduleParameters = sequencerConfigRegistryAbi.find(
      (item) => item.type === "function" && item.name === "scheduleParameters",
    );
    assert.ok(scheduleParameters && scheduleParameters.type === "function");
    const struct = scheduleParameters.inputs[2];
    assert.ok(struct && "components" in struct);
    assert.deepEqual(
      struct.components.map((c) => c.name),
      [...PARAMETER_NAMES],
    );
  });

  it("checks values against bounds read from the contract", () => {
    const min = { ...current, blockTimeMs: 250, maxBlockGas: 100_000n };
    const max = { ...current, blockTimeMs: 60_000, maxBlockGas: 60_000_000n };
    assert.deepEqual(checkParameters({ blockTimeMs: 1_000 }, { min, max }), []);
    assert.deepEqual(checkParameters({ blockTimeMs: 100, maxBlockGas: 70_000_000n }, { min, max }), [
      { name: "blockTimeMs", value: 100n, min: 250n, max: 60_000n },
      { name: "maxBlockGas", value: 70_000_000n, min: 100_000n, max: 60_000_000n },
    ]);
  });

  it("formats durations", () => {
    assert.equal(formatDuration(0n), "0 seconds");
    assert.equal(formatDuration(90_061n), "1 day 1 hour 1 minute 1 second");
  });
});
