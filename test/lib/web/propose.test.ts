import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";

import { ethers } from "ethers";
import { decodeFunctionData, getAddress, parseEther, type Address } from "viem";

import { sequencerConfigRegistryAbi } from "../../../lib/contracts/index.ts";
import { activationInUtc, parseLocalDateTime } from "../../../lib/web/propose/activation.ts";
import { ACTION_SPECS, draftFields, emptyDraft, type ActionDraft } from "../../../lib/web/propose/fields.ts";
import type { ProposeContext } from "../../../lib/web/propose/context.ts";
import { hashProposal, previewProposal } from "../../../lib/web/propose/preview.ts";
import { maySubmit, submitGate, type SimulationView } from "../../../lib/web/propose/review.ts";
import { proposerStanding } from "../../../lib/web/propose/simulate.ts";
import { draftToAction, parseField, proposalDescription, validateProposal, MAX_ACTIONS } from "../../../lib/web/propose/validate.ts";
import { DEFAULT_PARAMETERS } from "../../helpers/parameters.ts";

const someone: Address = getAddress("0x1234567890abcdef1234567890abcdef12345678");
const NOW = 1_796_126_400n; // 2026-12-01 12:00 UTC

/**
 * A context as the server would read it. The bounds are deliberately not the registry's own
 * (300–5,000 ms): the form must follow whatever the contract says, not numbers of its own.
 */
const context: ProposeContext = {
  hubChainId: 900,
  contracts: {
    governor: "0x00000000000000000000000000000000000000a1",
    timelock: "0x00000000000000000000000000000000000000a2",
    memberChains: "0x00000000000000000000000000000000000000a3",
    sequencerConfig: "0x00000000000000000000000000000000000000a4",
    token: "0x00000000000000000000000000000000000000a5",
  },
  chains: [
    { chainId: 901, name: "base-local" },
    { chainId: 902, name: "zora-local" },
  ],
  parameterBounds: {
    min: { blockTimeMs: 300, maxTxPerBlock: 1, maxBlockGas: 100_000n, orderingPolicy: 0, minPriorityFeeWei: 0n, maxTxBytes: 1_024, maxPendingPerSender: 1, commitmentInterval: 1 },
    max: { blockTimeMs: 5_000, maxTxPerBlock: 10_000, maxBlockGas: 60_000_000n, orderingPolicy: 1, minPriorityFeeWei: 10n ** 12n, maxTxBytes: 131_072, maxPendingPerSender: 1_024, commitmentInterval: 10_000 },
  },
  current: [
    { scope: 0, parameters: DEFAULT_PARAMETERS },
    { scope: 901, parameters: { ...DEFAULT_PARAMETERS, blockTimeMs: 1_700 } },
    { scope: 902, parameters: DEFAULT_PARAMETERS },
  ],
  registry: { minActivationDelay: 600n, approvalWindow: 604_800n, maxActivationDelay: 2_592_000n, minApprovalWindow: 3_600n, maxApprovalWindow: 7_776_000n, maxActivationLead: 31_536_000n },
  governor: {
    votingDelay: 300n,
    votingPeriod: 86_400n,
    proposalThreshold: parseEther("100000"),
    quorumNumerator: 4n,
    quorumDenominator: 100n,
    lateQuorumVoteExtension: 3_600n,
    proposalGuardian: someone,
    timelockDelay: 3_600n,
  },
  token: { symbol: "SUP", decimals: 18 },
  now: NOW,
};

const draft = (kind: ActionDraft["kind"], values: Record<string, string>): ActionDraft => ({ ...emptyDraft(kind, context, "t"), values: { ...emptyDraft(kind, context, "t").values, ...values } });
const issuesOf = (d: ActionDraft) => {
  const result = draftToAction(d, context);
  assert.equal(result.ok, false, "expected the draft to be refused");
  return result.ok ? [] : result.issues;
};

describe("new-proposal form: fields and bounds", () => {
  it("offers every change kind of the codec, each with a form whose fields parse", () => {
    const kinds = ACTION_SPECS.map((spec) => spec.kind).sort();
    assert.deepEqual(kinds, [
      "addChain", "approveRelease", "cancelChange", "removeChain", "replaceCouncil", "replaceOperator", "setLateQuorumVoteExtension",
      "setParameters", "setProposalGuardian", "setProposalThreshold", "setVoteSource", "setVotingDelay", "setVotingPeriod", "unpause",
      "updateApprovalWindow", "updateMinActivationDelay", "updateQuorumNumerator",
    ]);
  });

  it("takes the parameter bounds from the context and shows the value in force for the chosen chain", () => {
    const fields = draftFields(draft("setParameters", { scope: "901" }), context);
    const blockTime = fields.find((field) => field.name === "blockTimeMs");
    assert.equal(blockTime?.min, 300n);
    assert.equal(blockTime?.max, 5_000n);
    assert.match(blockTime?.hint ?? "", /Allowed 300–5,000 ms\. Now 1,700 ms\./);
    const ordering = fields.find((field) => field.name === "orderingPolicy");
    assert.deepEqual(ordering?.options?.map((o) => o.label), ["Unchanged", "FIFO", "Priority fee"]);
    const scope = fields.find((field) => field.name === "scope");
    assert.deepEqual(scope?.options?.map((o) => o.value), ["901", "902", "0"]);
  });

  it("refuses a block time outside the contract's bounds, naming the bounds", () => {
    const [issue] = issuesOf(draft("setParameters", { scope: "901", blockTimeMs: "100" }));
    assert.equal(issue?.field, "blockTimeMs");
    assert.equal(issue?.message, "Block time (ms): 100 ms is outside the allowed range; it must be between 300 and 5,000 ms.");
    assert.match(issuesOf(draft("setParameters", { scope: "901", blockTimeMs: "5001" }))[0]?.message ?? "", /between 300 and 5,000 ms/);
  });

  it("refuses malformed numbers: decimals, signs, exponents, words", () => {
    for (const text of ["1.5", "-250", "1e3", "fast", "0x10", "1 000"]) {
      assert.match(issuesOf(draft("setParameters", { scope: "901", blockTimeMs: text }))[0]?.message ?? "", /whole number/, text);
    }
  });

  it("requires at least one parameter in a parameter change", () => {
    const [issue] = issuesOf(draft("setParameters", { scope: "902" }));
    assert.equal(issue?.field, undefined);
    assert.match(issue?.message ?? "", /at least one parameter/);
  });

  it("builds the typed action with number and bigint fields as the ABI types them", () => {
    const result = draftToAction(draft("setParameters", { scope: "0", blockTimeMs: " 1250 ", maxBlockGas: "20000000", orderingPolicy: "1" }), context);
    assert.ok(result.ok);
    assert.deepEqual(result.action, { kind: "setParameters", chainId: 0n, changes: { blockTimeMs: 1_250, maxBlockGas: 20_000_000n, orderingPolicy: 1 }, requestedActivation: 0n });
  });

  describe("activation, typed in local time", () => {
    // A datetime-local input shows the browser's time zone: the form must read it there.
    const zone = process.env.TZ;
    before(() => {
      process.env.TZ = "Asia/Kolkata"; // UTC+05:30 all year
    });
    after(() => {
      if (zone === undefined) delete process.env.TZ;
      else process.env.TZ = zone;
    });

    it("converts the local time to UTC and refuses past or too distant times", () => {
      const ok = draftToAction(draft("replaceCouncil", { council: someone, activation: "2026-12-02T08:30" }), context);
      assert.ok(ok.ok);
      assert.equal(ok.action.kind === "replaceCouncil" && ok.action.requestedActivation, BigInt(Date.UTC(2026, 11, 2, 3, 0) / 1000));
      // 12:30 in Kolkata is 07:00 UTC, before the hub's 12:00 UTC: already passed (read as UTC it would not be).
      assert.match(issuesOf(draft("replaceCouncil", { council: someone, activation: "2026-12-01T12:30" }))[0]?.message ?? "", /already passed/);
      assert.match(issuesOf(draft("replaceCouncil", { council: someone, activation: "2026-11-30T12:00" }))[0]?.message ?? "", /already passed/);
      assert.match(issuesOf(draft("replaceCouncil", { council: someone, activation: "2028-12-02T12:00" }))[0]?.message ?? "", /more than 365 days ahead/);
      for (const text of ["2026-02-30T12:00", "2026-12-02 08:30", "2026-12-02T24:00", "2026-12-02T08:30Z", "tomorrow"]) {
        assert.match(issuesOf(draft("replaceCouncil", { council: someone, activation: text }))[0]?.message ?? "", /YYYY-MM-DDTHH:MM, in your local time/, text);
      }
    });

    it("shows the UTC result the chain will store", () => {
      assert.equal(activationInUtc("2026-12-02T08:30"), "2026-12-02 03:00 UTC");
      assert.equal(activationInUtc("2026-12-02T02:00"), "2026-12-01 20:30 UTC", "the UTC day can be the previous one");
      assert.equal(activationInUtc(""), undefined);
      assert.equal(activationInUtc("2026-02-30T12:00"), undefined);
    });

    it("follows the zone's clock changes and refuses a time the clocks skip", () => {
      process.env.TZ = "America/New_York";
      try {
        // Winter UTC-05:00, summer UTC-04:00.
        assert.deepEqual(parseLocalDateTime("2026-12-02T08:30"), { ok: true, unixSeconds: BigInt(Date.UTC(2026, 11, 2, 13, 30) / 1000) });
        assert.deepEqual(parseLocalDateTime("2026-07-02T08:30"), { ok: true, unixSeconds: BigInt(Date.UTC(2026, 6, 2, 12, 30) / 1000) });
        // 2026-03-08 02:00–02:59 does not exist in New York.
        assert.deepEqual(parseLocalDateTime("2026-03-08T02:30"), { ok: false, reason: "skipped" });
        const spec = { name: "activation", label: "Activation", type: "activation" as const, optional: true };
        const skipped = parseField(spec, "2026-03-08T02:30", { ...context, now: BigInt(Date.UTC(2026, 0, 1) / 1000) });
        assert.match(skipped.ok ? "" : skipped.message, /does not exist in your time zone/);
      } finally {
        process.env.TZ = "Asia/Kolkata";
      }
    });
  });

  it("refuses malformed, mis-checksummed and zero addresses", () => {
    const messages = ["0x1234", someone.replace("0x12", "0X12"), "0x1234567890ABCDEF1234567890abcdef12345678", "0x0000000000000000000000000000000000000000"].map(
      (council) => issuesOf(draft("replaceCouncil", { council }))[0]?.message ?? "",
    );
    assert.match(messages[0]!, /40 hex characters/);
    assert.match(messages[1]!, /40 hex characters/);
    assert.match(messages[2]!, /checksum/);
    assert.match(messages[3]!, /zero address/);
    const lower = draftToAction(draft("setProposalGuardian", { guardian: someone.toLowerCase() }), context);
    assert.ok(lower.ok && lower.action.kind === "setProposalGuardian" && lower.action.guardian === someone, "lower-case is accepted and checksummed");
  });

  it("checks the registry's setting limits and the governor's quorum denominator", () => {
    assert.match(issuesOf(draft("updateApprovalWindow", { seconds: "60" }))[0]?.message ?? "", /between 3,600 and 7,776,000 seconds/);
    assert.match(issuesOf(draft("updateMinActivationDelay", { seconds: "2592001" }))[0]?.message ?? "", /between 0 and 2,592,000 seconds/);
    assert.match(issuesOf(draft("updateQuorumNumerator", { percent: "101" }))[0]?.message ?? "", /between 0 and 100/);
    assert.match(issuesOf(draft("setVotingPeriod", { seconds: "0" }))[0]?.message ?? "", /between 1 and/);
  });

  it("parses releases, token amounts, chain names and chain choices", () => {
    const digest = `0x${"ab".repeat(32)}` as const;
    const release = draftToAction(draft("approveRelease", { version: "1.4.0", releaseKind: "required", digest }), context);
    assert.ok(release.ok);
    assert.deepEqual(release.action, { kind: "approveRelease", release: { major: 1, minor: 4, patch: 0, kind: "required", digest }, requestedActivation: 0n });
    assert.match(issuesOf(draft("approveRelease", { version: "1.4", digest }))[0]?.message ?? "", /major\.minor\.patch/);
    assert.match(issuesOf(draft("approveRelease", { version: "70000.0.0", digest }))[0]?.message ?? "", /at most 65,535/);
    assert.match(issuesOf(draft("approveRelease", { version: "1.0.0", digest: `0x${"0".repeat(64)}` }))[0]?.message ?? "", /cannot be zero/);

    const threshold = draftToAction(draft("setProposalThreshold", { amount: "2.5" }), context);
    assert.ok(threshold.ok && threshold.action.kind === "setProposalThreshold" && threshold.action.amount === parseEther("2.5"));
    assert.match(issuesOf(draft("setProposalThreshold", { amount: "1,000" }))[0]?.message ?? "", /amount of tokens/);

    assert.match(issuesOf(draft("addChain", { chainId: "903", name: "x".repeat(33), operator: someone }))[0]?.message ?? "", /at most 32 bytes/);
    assert.match(issuesOf(draft("addChain", { chainId: "0", name: "mode-local", operator: someone }))[0]?.message ?? "", /between 1 and/);
    assert.match(issuesOf(draft("removeChain", { chainId: "999" }))[0]?.message ?? "", /choose one of the listed options/);
    const removal = draftToAction(draft("removeChain", { chainId: "902" }), context);
    assert.ok(removal.ok);
    assert.deepEqual(removal.action, { kind: "removeChain", chainId: 902n, requestedActivation: 0n });
    const addition = draftToAction(draft("addChain", { chainId: "903", name: "mode-local", operator: someone }), context);
    assert.ok(addition.ok);
    assert.deepEqual(addition.action, { kind: "addChain", chainId: 903n, name: "mode-local", operator: someone, requestedActivation: 0n });
    const unpauseAll = draftToAction(draft("unpause", { chainId: "0" }), context);
    assert.ok(unpauseAll.ok);
    assert.deepEqual(unpauseAll.action, { kind: "unpause", chainId: 0n });
  });

  it("treats an empty optional field as absent and an empty required one as missing", () => {
    const spec = { name: "x", label: "X", type: "uint" as const, min: 0n };
    assert.deepEqual(parseField({ ...spec, optional: true }, "  ", context), { ok: true, value: undefined });
    assert.deepEqual(parseField(spec, "", context), { ok: false, message: "X: required." });
  });
});

describe("new-proposal form: the whole proposal", () => {
  it("collects every issue, per action and for the title, and sends nothing", () => {
    const result = validateProposal({ title: " ", body: "", drafts: [draft("setParameters", { scope: "901", blockTimeMs: "100" }), draft("unpause", {})] }, context);
    assert.equal(result.ok, false);
    assert.deepEqual(
      result.ok ? [] : result.issues.map((issue) => [issue.action, issue.field]),
      [[undefined, "title"], [0, "blockTimeMs"]],
      "the unpause draft starts on its first chain and is valid",
    );
    assert.equal(validateProposal({ title: "t", body: "", drafts: [] }, context).ok, false);
    const many = Array.from({ length: MAX_ACTIONS + 1 }, () => draft("unpause", {}));
    assert.equal(validateProposal({ title: "t", body: "", drafts: many }, context).ok, false);
    assert.equal(validateProposal({ title: "a\nb", body: "", drafts: [draft("unpause", {})] }, context).ok, false);
    assert.equal(validateProposal({ title: "t", body: "x".repeat(20_000), drafts: [draft("unpause", {})] }, context).ok, false);
  });

  it("writes the title as the description's first-line heading", () => {
    assert.equal(proposalDescription(" Faster blocks ", "\nWhy: latency.\n"), "# Faster blocks\n\nWhy: latency.\n");
    assert.equal(proposalDescription("Faster blocks", "  "), "# Faster blocks\n");
  });

  it("previews what the chain will see: calldata decoded again, before → after values, and the proposal id", () => {
    const result = validateProposal(
      { title: "Faster base-local", body: "Cut latency.", drafts: [draft("setParameters", { scope: "901", blockTimeMs: "1250" }), draft("unpause", { chainId: "902" })] },
      context,
    );
    assert.ok(result.ok);
    const preview = previewProposal(result.actions, result.description, context);
    assert.deepEqual(preview.calls.map((call) => call.sentence), [
      "Set base-local block time 1,700 ms → 1,250 ms, activating as soon as the council's approval allows",
      "Resume sequencing of zora-local (chain 902)",
    ]);
    assert.deepEqual(preview.calls.map((call) => call.targetName), ["SequencerConfigRegistry", "SequencerConfigRegistry"]);
    const decoded = decodeFunctionData({ abi: sequencerConfigRegistryAbi, data: preview.calls[0]!.data });
    assert.equal(decoded.functionName, "scheduleParameters");
    assert.equal(decoded.args?.[1], 1, "mask: only blockTimeMs");
    assert.equal(preview.proposalId, hashProposal(preview.input));
    // Any change to the description changes the id (the governor hashes the description too).
    assert.notEqual(hashProposal({ ...preview.input, description: `${preview.input.description} ` }), preview.proposalId);
  });

  it("computes OpenZeppelin's hashProposal (checked against an independent encoder, ethers)", () => {
    const input = { targets: [context.contracts.sequencerConfig, someone], values: [0n, 5n], calldatas: ["0x3f4ba83a", "0x"] as `0x${string}`[], description: "# Unpause\n" };
    const expected = BigInt(
      ethers.keccak256(
        ethers.AbiCoder.defaultAbiCoder().encode(["address[]", "uint256[]", "bytes[]", "bytes32"], [input.targets, input.values, input.calldatas, ethers.id(input.description)]),
      ),
    );
    assert.equal(hashProposal(input), expected);
  });
});

describe("proposer threshold", () => {
  const threshold = parseEther("100000");
  it("is met by the votes the account holds now (propose lands in a later block, which counts them)", () => {
    assert.deepEqual(proposerStanding({ votes: threshold, threshold }), { status: "eligible", votes: threshold, threshold });
  });
  it("gives the shortfall when below", () => {
    assert.deepEqual(proposerStanding({ votes: 1n, threshold }), { status: "belowThreshold", votes: 1n, threshold, shortfall: threshold - 1n });
  });
});

describe("the gate in front of Submit", () => {
  const error = { name: "SequencerConfigNotPaused", sentence: "The chain is not paused." };
  const done = (calls: Array<{ ok: true } | { ok: false; error: typeof error }>, propose?: { ok: true; gas: bigint } | { ok: false; error: typeof error }): SimulationView => ({
    status: "done",
    result: { calls, ...(propose ? { propose } : {}), ok: calls.every((call) => call.ok) && (propose?.ok ?? true) },
  });

  it("opens only once every call and propose simulated successfully", () => {
    const gate = submitGate(done([{ ok: true }, { ok: true }], { ok: true, gas: 90_000n }));
    assert.deepEqual(gate, { status: "ready" });
    assert.equal(maySubmit(gate, false), true);
  });

  it("stays shut while simulating, when the simulation could not run, and without a proposer", () => {
    for (const simulation of [{ status: "pending" } as const, { status: "unavailable", reason: "no connection to the hub chain." } as const, done([{ ok: true }])]) {
      const gate = submitGate(simulation);
      assert.equal(maySubmit(gate, false), false, simulation.status);
      assert.equal(maySubmit(gate, true), false, `${simulation.status}: an acknowledgement does not replace a simulation`);
    }
  });

  it("stays shut when the governor would refuse propose, acknowledged or not", () => {
    const gate = submitGate(done([{ ok: true }], { ok: false, error: { name: "GovernorInsufficientProposerVotes", sentence: "…" } }));
    assert.equal(gate.status, "refused");
    assert.equal(maySubmit(gate, true), false);
  });

  it("asks for an explicit acknowledgement when calls fail, naming them", () => {
    const gate = submitGate(done([{ ok: true }, { ok: false, error }, { ok: false, error }], { ok: true, gas: 90_000n }));
    assert.deepEqual(gate, { status: "callsFail", failed: [1, 2] });
    assert.equal(maySubmit(gate, false), false);
    assert.equal(maySubmit(gate, true), true);
  });
});
