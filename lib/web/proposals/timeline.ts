import type { Hash } from "viem";

import type { ChangeKind, ChangeStatus } from "../../governance/index.ts";
import type { Cancellation } from "./cancellation.ts";
import type { ProposalStateName } from "./types.ts";
import { sequencerApplied } from "../inForce.ts";

export type StepState = "done" | "current" | "upcoming" | "failed";

/** One step of a proposal's life, from creation to "in force on the sequencer". */
export interface TimelineStep {
  key: "created" | "voting" | "outcome" | "canceled" | "queued" | "executed" | "council" | "decision" | "activation" | "inForce";
  label: string;
  state: StepState;
  /** Unix seconds; `expected` when it lies ahead (a deadline or a planned time), not a record. */
  at?: bigint;
  expected?: boolean;
  /** How the time reads ("closes", "executable from"); "expected at" when expected and unset. */
  timeLabel?: string;
  detail?: string;
  /** The transaction that recorded the step, when it is a record of one. */
  tx?: Hash;
}

/** A registry change the proposal's execution scheduled, as far as the timeline reads it. */
export interface TimelineChange {
  id: bigint;
  kind: ChangeKind;
  chainId: bigint;
  status: ChangeStatus;
  scheduledAt: bigint;
  expiresAt: bigint;
  approvedAt: bigint;
  activatesAt: bigint;
  requestedActivation: bigint;
}

/** What the running sequencer reports: each member chain's configuration activation time. */
export type SequencerView =
  | { reachable: true; chains: ReadonlyArray<{ chainId: number; activatedAt: bigint | undefined }> }
  | { reachable: false; reason: string };

/** Everything the timeline is built from; gathered by the detail loader, pure from here on. */
export interface TimelineInput {
  /** The hub's latest block timestamp. */
  now: bigint;
  state: ProposalStateName;
  createdAt: bigint | undefined;
  voteStart: bigint;
  deadline: bigint;
  queuedAt?: bigint | undefined;
  /** The timelock's eta once queued, else 0n. */
  eta: bigint;
  executedAt?: bigint | undefined;
  canceledAt?: bigint | undefined;
  /** Who canceled it and in which transaction, once canceled (see `cancelerOf`). */
  cancellation?: Cancellation | undefined;
  /** Whether executing the proposal schedules registry changes (sequencer, release, council, operator). */
  schedulesChanges: boolean;
  /** The changes its execution scheduled (empty before execution). */
  changes: readonly TimelineChange[];
  /** Member chains, for global (chain 0) parameter changes. */
  memberChainIds: readonly number[];
  memberName?: (chainId: number) => string;
  /** Only needed once a parameter change is active; undefined when not asked. */
  sequencer?: SequencerView | undefined;
}

const REJECTED: Partial<Record<ChangeStatus, string>> = {
  rejected: "Rejected by the council",
  expired: "Expired without the council's approval",
  cancelled: "Withdrawn by governance",
};

const maxOf = (values: readonly bigint[]) => values.reduce((a, b) => (b > a ? b : a), 0n);

/** The canceled step's words: the proposer's own cancel and the council's veto read differently. */
function cancelStep(cancellation: Cancellation | undefined): Pick<TimelineStep, "label" | "detail" | "tx"> {
  const tx = cancellation ? { tx: cancellation.tx } : {};
  switch (cancellation?.by) {
    case "proposer":
      return { label: "Canceled by the proposer", detail: "The proposer withdrew it before voting opened", ...tx };
    case "council":
      return { label: "Vetoed by the Security Council", detail: "The council's Safe canceled it as the governor's proposal guardian", ...tx };
    case "other":
      return { label: "Canceled", detail: "Canceled by the governor's proposal guardian", ...tx };
    default:
      return { label: "Canceled", detail: "Canceled by the proposer or the council's guardian" };
  }
}

function votingSteps(input: TimelineInput): TimelineStep[] {
  const { state, voteStart, deadline } = input;
  const created: TimelineStep = { key: "created", label: "Created", state: "done", ...(input.createdAt === undefined ? {} : { at: input.createdAt }) };
  if (state === "canceled") {
    const at = input.canceledAt;
    const votingOver = at !== undefined && at > deadline;
    return [
      created,
      votingOver
        ? { key: "voting", label: "Voting", state: "done", at: deadline, timeLabel: "closed" }
        : at !== undefined && at <= voteStart
          ? { key: "voting", label: "Voting", state: "failed", at: voteStart, timeLabel: "was to open", detail: "Never opened" }
          : { key: "voting", label: "Voting", state: "failed", at: voteStart, detail: "Stopped before voting ended" },
      { key: "canceled", state: "failed", ...(at === undefined ? {} : { at }), ...cancelStep(input.cancellation) },
    ];
  }
  const voting: TimelineStep =
    state === "pending"
      ? { key: "voting", label: "Voting", state: "upcoming", at: voteStart, expected: true, timeLabel: "opens" }
      : state === "active"
        ? { key: "voting", label: "Voting", state: "current", at: deadline, expected: true, timeLabel: "closes", detail: "Open: votes count as of the snapshot" }
        : { key: "voting", label: "Voting", state: "done", at: deadline, timeLabel: "closed" };
  const outcome: TimelineStep =
    state === "pending" || state === "active"
      ? { key: "outcome", label: "Succeeded or defeated", state: "upcoming", at: deadline, expected: true }
      : state === "defeated"
        ? { key: "outcome", label: "Defeated", state: "failed", at: deadline, detail: "Quorum or majority not reached" }
        : { key: "outcome", label: "Succeeded", state: "done", at: deadline };
  return [created, voting, outcome];
}

function executionSteps(input: TimelineInput): TimelineStep[] {
  const { state, eta, now } = input;
  if (state === "expired") return [{ key: "queued", label: "Expired", state: "failed", detail: "Not executed in time" }];
  const queued: TimelineStep =
    state === "succeeded"
      ? { key: "queued", label: "Queued in the timelock", state: "current", detail: "Anyone may queue it now" }
      : state === "queued" || state === "executed"
        ? { key: "queued", label: "Queued in the timelock", state: "done", ...(input.queuedAt === undefined ? {} : { at: input.queuedAt }) }
        : { key: "queued", label: "Queued in the timelock", state: "upcoming" };
  const executed: TimelineStep =
    state === "executed"
      ? { key: "executed", label: "Executed", state: "done", ...(input.executedAt === undefined ? {} : { at: input.executedAt }) }
      : state === "queued"
        ? eta <= now
          ? { key: "executed", label: "Executed", state: "current", at: eta, timeLabel: "executable since", detail: "The timelock delay has passed: anyone may execute it" }
          : { key: "executed", label: "Executed", state: "upcoming", at: eta, expected: true, timeLabel: "executable from" }
        : { key: "executed", label: "Executed", state: "upcoming" };
  return [queued, executed];
}

function inForceStep(input: TimelineInput, changes: readonly TimelineChange[], at: bigint): TimelineStep {
  const label = "In force on the sequencer";
  const parameterChanges = changes.filter((change) => change.kind === "setParameters");
  if (parameterChanges.length === 0) {
    return { key: "inForce", label: "In force", state: "done", at, detail: "In force in the registry from its activation time" };
  }
  const { sequencer } = input;
  if (sequencer === undefined) return { key: "inForce", label, state: "current", detail: "Waiting for the sequencer's report" };
  if (!sequencer.reachable) return { key: "inForce", label, state: "current", detail: `The sequencer did not report: ${sequencer.reason}` };
  const name = input.memberName ?? ((chainId: number) => `chain ${chainId}`);
  const waiting = new Set<number>();
  for (const change of parameterChanges) {
    const chains = change.chainId === 0n ? input.memberChainIds : [Number(change.chainId)];
    for (const chainId of chains) {
      const running = sequencer.chains.find((chain) => chain.chainId === chainId)?.activatedAt;
      if (!sequencerApplied(running, change.activatesAt)) waiting.add(chainId);
    }
  }
  if (waiting.size === 0) return { key: "inForce", label, state: "done", at, detail: "The sequencer reports this configuration (or a later one) in force" };
  return { key: "inForce", label, state: "current", detail: `Waiting for the sequencer to apply it on ${[...waiting].map(name).join(", ")}` };
}

function councilSteps(input: TimelineInput): TimelineStep[] {
  const { changes, now } = input;
  const council: TimelineStep = { key: "council", label: "Awaiting the council", state: "upcoming", detail: "Execution schedules the change for the Security Council" };
  const decision: TimelineStep = { key: "decision", label: "Approved by the council", state: "upcoming" };
  const activation: TimelineStep = { key: "activation", label: "Activation", state: "upcoming" };
  const inForce: TimelineStep = { key: "inForce", label: "In force on the sequencer", state: "upcoming" };
  const requested = maxOf(changes.length > 0 ? changes.map((c) => c.requestedActivation) : []);
  if (changes.length === 0) return [council, decision, activation, inForce];

  const failed = changes.find((change) => REJECTED[change.status] !== undefined);
  const awaiting = changes.filter((change) => change.status === "awaitingCouncil");
  const scheduledAt = maxOf(changes.map((c) => c.scheduledAt));
  const many = changes.length > 1 ? ` (${changes.length} changes)` : "";

  if (awaiting.length > 0 && !failed) {
    const expiresAt = maxOf(awaiting.map((c) => c.expiresAt));
    return [
      { ...council, state: "current", at: scheduledAt, timeLabel: "scheduled", detail: `Scheduled in the sequencer registry${many}; the council must approve or reject it` },
      { ...decision, label: "Approved or rejected", at: expiresAt, expected: true, timeLabel: "expires unless approved by" },
      requested > 0n ? { ...activation, at: requested, expected: true, timeLabel: "requested for" } : { ...activation, detail: "After approval and the minimum activation delay" },
      inForce,
    ];
  }
  const done: TimelineStep = { ...council, state: "done", at: scheduledAt, detail: `Scheduled in the sequencer registry${many}` };
  if (failed) {
    const reason = REJECTED[failed.status] ?? "Not approved";
    return [done, { key: "decision", label: reason, state: "failed", ...(failed.status === "expired" ? { at: failed.expiresAt } : {}) }];
  }
  const approvedAt = maxOf(changes.map((c) => c.approvedAt));
  const activatesAt = maxOf(changes.map((c) => c.activatesAt));
  const active = changes.every((change) => change.status === "active") && activatesAt <= now;
  return [
    done,
    { ...decision, state: "done", at: approvedAt },
    active ? { ...activation, state: "done", at: activatesAt } : { ...activation, state: "current", at: activatesAt, expected: true, timeLabel: "activates" },
    active ? inForceStep(input, changes, activatesAt) : inForce,
  ];
}

/**
 * The one timeline of a proposal, from creation through voting, the timelock and the council to
 * "in force on the sequencer", each step done, current, upcoming or failed with its time (a
 * record, or the time it is expected). It ends at the first failed step: a defeated proposal
 * has no "executed" ahead of it. Pure, so every branch is tested without a chain.
 *
 * @example
 * buildTimeline({ now, state: "active", createdAt, voteStart, deadline, eta: 0n, schedulesChanges: true, changes: [], memberChainIds: [901, 902] })
 */
export function buildTimeline(input: TimelineInput): TimelineStep[] {
  const steps = votingSteps(input);
  if (steps.some((step) => step.state === "failed")) return steps;
  steps.push(...executionSteps(input));
  if (steps.some((step) => step.state === "failed")) return steps;
  if (input.schedulesChanges || input.changes.length > 0) steps.push(...councilSteps(input));
  else if (input.state === "executed") steps.push({ key: "inForce", label: "In force", state: "done", ...(input.executedAt === undefined ? {} : { at: input.executedAt }), detail: "Took effect on execution" });
  else steps.push({ key: "inForce", label: "In force", state: "upcoming", detail: "Takes effect on execution" });
  return steps;
}
