import { maxUint32, maxUint48, maxUint64 } from "viem";

import { formatDuration, PARAMETER_LABELS, PARAMETER_NAMES, type ActionKind, type ParameterName } from "../../governance/index.ts";
import { formatTokens } from "../delegates/format.ts";
import { currentParameters, type ProposeContext } from "./context.ts";

/** How a field's text is read: every value is typed as text and parsed by `parseField`. */
export type FieldType = "uint" | "address" | "tokens" | "activation" | "version" | "digest" | "name" | "select";

export interface FieldOption {
  value: string;
  label: string;
}

/** One input of an action's form: what it is called, how it is parsed, and its inclusive bounds. */
export interface FieldSpec {
  name: string;
  label: string;
  type: FieldType;
  /** Left empty, the field is not part of the action (e.g. a parameter that stays as it is). */
  optional?: boolean;
  /** Shown under the input: allowed range, current value, format. */
  hint?: string;
  options?: readonly FieldOption[];
  /** Inclusive bounds of a `uint` field (from the contract, or the ABI type's width). */
  min?: bigint;
  max?: bigint;
  /** Appended to bound messages ("ms", "seconds"). */
  unit?: string;
}

export type ActionGroup = "Sequencer" | "Registry settings" | "Member chains" | "Governor";

/** A change kind as the form offers it. */
export interface ActionSpec {
  kind: ActionKind;
  label: string;
  group: ActionGroup;
  fields: (context: ProposeContext) => FieldSpec[];
}

/** One action being written in the form: its kind and the raw text of each field. */
export interface ActionDraft {
  id: string;
  kind: ActionKind;
  values: Record<string, string>;
}

const integer = new Intl.NumberFormat("en-US");
const n = (value: bigint | number) => integer.format(BigInt(value));

/** Units the inputs are typed in (the contract's own units; the bounds come from the contract). */
const PARAMETER_UNITS: Record<ParameterName, string> = {
  blockTimeMs: "ms",
  maxTxPerBlock: "",
  maxBlockGas: "gas",
  orderingPolicy: "",
  minPriorityFeeWei: "wei",
  maxTxBytes: "bytes",
  maxPendingPerSender: "",
  commitmentInterval: "blocks",
};

const sentenceCase = (text: string) => `${text.charAt(0).toUpperCase()}${text.slice(1)}`;

const memberOptions = (context: ProposeContext): FieldOption[] =>
  context.chains.map((chain) => ({ value: String(chain.chainId), label: `${chain.name} (chain ${chain.chainId})` }));

const allChainsOption = (label: string): FieldOption => ({ value: "0", label });

const activationField = (context: ProposeContext): FieldSpec => ({
  name: "activation",
  label: "Requested activation (your local time)",
  type: "activation",
  optional: true,
  hint: `In your time zone; the chain and the preview show it in UTC. Empty: as soon as the council's approval allows (at least ${formatDuration(context.registry.minActivationDelay)} after approval). At most ${formatDuration(context.registry.maxActivationLead)} ahead.`,
});

function durationField(name: string, label: string, current: bigint, min: bigint, max: bigint): FieldSpec {
  return { name, label: `${label} (seconds)`, type: "uint", min, max, unit: "seconds", hint: `Now ${n(current)} s (${formatDuration(current)}). Allowed ${n(min)}–${n(max)} s.` };
}

function parameterFields(context: ProposeContext, scope: bigint): FieldSpec[] {
  const { min, max } = context.parameterBounds;
  const now = currentParameters(context, scope);
  return PARAMETER_NAMES.map((name): FieldSpec => {
    const { label, format } = PARAMETER_LABELS[name];
    const current = now ? ` Now ${format(now[name])}.` : "";
    if (name === "orderingPolicy") {
      const options = [
        { value: "", label: "Unchanged" },
        ...Array.from({ length: Number(max[name]) - Number(min[name]) + 1 }, (_, i) => {
          const value = Number(min[name]) + i;
          return { value: String(value), label: sentenceCase(format(value)) };
        }),
      ];
      return { name, label: sentenceCase(label), type: "select", optional: true, options, hint: `Leave unchanged to keep it.${current}` };
    }
    const unit = PARAMETER_UNITS[name];
    return {
      name,
      label: `${sentenceCase(label)}${unit ? ` (${unit})` : ""}`,
      type: "uint",
      optional: true,
      min: BigInt(min[name]),
      max: BigInt(max[name]),
      unit,
      hint: `Allowed ${n(min[name])}–${n(max[name])}${unit ? ` ${unit}` : ""}.${current}`,
    };
  });
}

/** Every change kind the codec knows, with the fields its form asks for. */
export const ACTION_SPECS: readonly ActionSpec[] = [
  {
    kind: "setParameters",
    label: "Set sequencer parameters",
    group: "Sequencer",
    fields: (context) => [
      { name: "scope", label: "Applies to", type: "select", options: [...memberOptions(context), allChainsOption("All chains (the global default)")] },
      ...parameterFields(context, 0n),
      activationField(context),
    ],
  },
  {
    kind: "approveRelease",
    label: "Approve a sequencer release",
    group: "Sequencer",
    fields: (context) => [
      { name: "version", label: "Version", type: "version", hint: "major.minor.patch, e.g. 1.4.0" },
      { name: "releaseKind", label: "Kind", type: "select", options: [{ value: "recommended", label: "Recommended" }, { value: "required", label: "Required (older builds halt)" }] },
      { name: "digest", label: "sha-256 of the build", type: "digest", hint: "0x followed by 64 hex characters" },
      activationField(context),
    ],
  },
  {
    kind: "replaceCouncil",
    label: "Replace the Security Council",
    group: "Sequencer",
    fields: (context) => [{ name: "council", label: "New council (Safe address)", type: "address" }, activationField(context)],
  },
  {
    kind: "replaceOperator",
    label: "Replace a chain's operator",
    group: "Sequencer",
    fields: (context) => [
      { name: "chainId", label: "Chain", type: "select", options: memberOptions(context) },
      { name: "operator", label: "New operator address", type: "address" },
      activationField(context),
    ],
  },
  {
    kind: "cancelChange",
    label: "Withdraw a change awaiting the council",
    group: "Sequencer",
    fields: () => [{ name: "changeId", label: "Change id", type: "uint", min: 0n, max: maxUint64, hint: "The registry's change number (see Council)." }],
  },
  {
    kind: "unpause",
    label: "Resume sequencing",
    group: "Sequencer",
    fields: (context) => [{ name: "chainId", label: "Chain", type: "select", options: [...memberOptions(context), allChainsOption("All chains")] }],
  },
  {
    kind: "updateMinActivationDelay",
    label: "Set the minimum activation delay",
    group: "Registry settings",
    fields: ({ registry }) => [durationField("seconds", "Delay after council approval", registry.minActivationDelay, 0n, registry.maxActivationDelay)],
  },
  {
    kind: "updateApprovalWindow",
    label: "Set the council's approval window",
    group: "Registry settings",
    fields: ({ registry }) => [durationField("seconds", "Approval window", registry.approvalWindow, registry.minApprovalWindow, registry.maxApprovalWindow)],
  },
  {
    kind: "addChain",
    label: "Add a member chain",
    group: "Member chains",
    fields: (context) => [
      { name: "chainId", label: "Chain id", type: "uint", min: 1n, max: maxUint64, hint: "A new chain, or a removed one to add again." },
      { name: "name", label: "Name", type: "name", hint: "1 to 32 bytes, e.g. mode-local" },
      { name: "operator", label: "Operator address", type: "address" },
      activationField(context),
    ],
  },
  {
    kind: "removeChain",
    label: "Remove a member chain",
    group: "Member chains",
    fields: (context) => [
      { name: "chainId", label: "Chain", type: "select", options: memberOptions(context), hint: "Deposits stop once the council approves; withdrawals stay open." },
      activationField(context),
    ],
  },
  {
    kind: "setVotingDelay",
    label: "Set the voting delay",
    group: "Governor",
    fields: ({ governor }) => [durationField("seconds", "Voting delay", governor.votingDelay, 0n, maxUint48)],
  },
  {
    kind: "setVotingPeriod",
    label: "Set the voting period",
    group: "Governor",
    fields: ({ governor }) => [durationField("seconds", "Voting period", governor.votingPeriod, 1n, maxUint32)],
  },
  {
    kind: "setProposalThreshold",
    label: "Set the proposal threshold",
    group: "Governor",
    fields: ({ governor, token }) => [
      { name: "amount", label: `Threshold (${token.symbol})`, type: "tokens", hint: `Now ${formatTokens(governor.proposalThreshold, token.decimals)} ${token.symbol}. Whole or decimal tokens.` },
    ],
  },
  {
    kind: "updateQuorumNumerator",
    label: "Set the quorum",
    group: "Governor",
    fields: ({ governor }) => [
      {
        name: "percent",
        label: `Quorum (out of ${n(governor.quorumDenominator)})`,
        type: "uint",
        min: 0n,
        max: governor.quorumDenominator,
        hint: `Now ${n(governor.quorumNumerator)} of ${n(governor.quorumDenominator)} of the supply.`,
      },
    ],
  },
  {
    kind: "setLateQuorumVoteExtension",
    label: "Set the late-quorum extension",
    group: "Governor",
    fields: ({ governor }) => [durationField("seconds", "Extension", governor.lateQuorumVoteExtension, 0n, maxUint48)],
  },
  {
    kind: "setProposalGuardian",
    label: "Set the proposal guardian",
    group: "Governor",
    fields: ({ governor }) => [{ name: "guardian", label: "Guardian address", type: "address", hint: `Now ${governor.proposalGuardian} (the council's veto).` }],
  },
  {
    kind: "setVoteSource",
    label: "Appoint a chain's vote source",
    group: "Governor",
    fields: (context) => [
      { name: "chainId", label: "Chain", type: "select", options: memberOptions(context) },
      { name: "source", label: "Vote source address", type: "address" },
    ],
  },
];

/** The spec of one change kind. */
export function actionSpec(kind: ActionKind): ActionSpec {
  const spec = ACTION_SPECS.find((s) => s.kind === kind);
  if (!spec) throw new RangeError(`no form for action kind ${kind}`);
  return spec;
}

/**
 * The fields of a draft as its form shows them. For parameter changes the "now" hints follow the
 * chosen scope, so a voter sees the value in force for that chain.
 */
export function draftFields(draft: ActionDraft, context: ProposeContext): FieldSpec[] {
  const fields = actionSpec(draft.kind).fields(context);
  if (draft.kind !== "setParameters") return fields;
  const scope = /^\d+$/.test(draft.values.scope ?? "") ? BigInt(draft.values.scope!) : 0n;
  const scoped = new Map(parameterFields(context, scope).map((field) => [field.name, field]));
  return fields.map((field) => scoped.get(field.name) ?? field);
}

/** A new draft of `kind` with every select on its first option and every text field empty. */
export function emptyDraft(kind: ActionKind, context: ProposeContext, id: string): ActionDraft {
  const values: Record<string, string> = {};
  for (const field of actionSpec(kind).fields(context)) values[field.name] = field.type === "select" && !field.optional ? (field.options?.[0]?.value ?? "") : "";
  return { id, kind, values };
}
