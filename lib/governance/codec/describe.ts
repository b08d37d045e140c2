import { formatEther, formatUnits } from "viem";

import { PARAMETER_LABELS, PARAMETER_NAMES, type SequencerParameters } from "../parameters.ts";
import type { DecodedAction } from "./types.ts";

export interface DescribeContext {
  /** A member chain's name (from the deployment manifest or the MemberChainRegistry). */
  chainName?: (chainId: bigint) => string | undefined;
  /** The parameters in force now for a scope (0n = the global default), to show before → after. */
  currentParameters?: (chainId: bigint) => SequencerParameters | undefined;
  /** The votes token, to show amounts in tokens rather than base units. */
  token?: { symbol: string; decimals: number };
}

const integer = new Intl.NumberFormat("en-US");

/** `2026-12-01 12:00 UTC` */
export function formatUtc(unixSeconds: bigint): string {
  const iso = new Date(Number(unixSeconds) * 1000).toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}

/** `1 day 2 hours`, `90 seconds` → `1 minute 30 seconds`. */
export function formatDuration(seconds: bigint): string {
  if (seconds === 0n) return "0 seconds";
  const units: Array<[string, bigint]> = [
    ["day", 86_400n],
    ["hour", 3_600n],
    ["minute", 60n],
    ["second", 1n],
  ];
  const parts: string[] = [];
  let rest = seconds;
  for (const [name, size] of units) {
    const count = rest / size;
    rest %= size;
    if (count > 0n) parts.push(`${integer.format(count)} ${name}${count === 1n ? "" : "s"}`);
  }
  return parts.join(" ");
}

function chainLabel(chainId: bigint, context: DescribeContext): string {
  const name = context.chainName?.(chainId);
  return name ? `${name} (chain ${chainId})` : `chain ${chainId}`;
}

function activation(requested: bigint): string {
  return requested === 0n ? "activating as soon as the council's approval allows" : `activating ${formatUtc(requested)}`;
}

function listJoin(items: string[]): string {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} and ${items.at(-1)}`;
}

/**
 * One plain sentence saying what an action does, with before → after values when the current
 * configuration is known: "Set base-local block time 2,000 ms → 1,000 ms, activating 2026-12-01 12:00 UTC".
 */
export function describeAction(action: DecodedAction, context: DescribeContext = {}): string {
  switch (action.kind) {
    case "setParameters": {
      const before = context.currentParameters?.(action.chainId);
      const scope =
        action.chainId === 0n ? "the default (all chains)" : (context.chainName?.(action.chainId) ?? `chain ${action.chainId}`);
      const changes = PARAMETER_NAMES.flatMap((name) => {
        const after = action.changes[name];
        if (after === undefined) return [];
        const { label, format } = PARAMETER_LABELS[name];
        return before ? [`${label} ${format(before[name])} → ${format(after)}`] : [`${label} to ${format(after)}`];
      });
      return `Set ${scope} ${listJoin(changes)}, ${activation(action.requestedActivation)}`;
    }
    case "approveRelease": {
      const { major, minor, patch, kind, digest } = action.release;
      return `Approve sequencer release ${major}.${minor}.${patch} (${kind}, sha-256 ${digest}), ${activation(action.requestedActivation)}`;
    }
    case "replaceCouncil":
      return `Replace the Security Council with ${action.council}, ${activation(action.requestedActivation)}`;
    case "replaceOperator":
      return `Replace the operator of ${chainLabel(action.chainId, context)} with ${action.operator}, ${activation(action.requestedActivation)}`;
    case "cancelChange":
      return `Withdraw sequencer change #${action.changeId} before the council decides`;
    case "unpause":
      return action.chainId === 0n
        ? "Resume sequencing of all chains"
        : `Resume sequencing of ${chainLabel(action.chainId, context)}`;
    case "updateMinActivationDelay":
      return `Set the minimum delay between council approval and activation to ${formatDuration(action.seconds)}`;
    case "updateApprovalWindow":
      return `Give the council ${formatDuration(action.seconds)} to approve a change before it expires`;
    case "addChain":
      return `Add member chain ${action.name} (chain ${action.chainId}) with operator ${action.operator}, ${activation(action.requestedActivation)}`;
    case "removeChain":
      return `Remove member chain ${chainLabel(action.chainId, context)}, ${activation(action.requestedActivation)}; deposits stop once the council approves, withdrawals stay open`;
    case "setVotingDelay":
      return `Set the voting delay to ${formatDuration(action.seconds)}`;
    case "setVotingPeriod":
      return `Set the voting period to ${formatDuration(action.seconds)}`;
    case "setProposalThreshold": {
      const token = context.token ?? { symbol: "tokens", decimals: 18 };
      return `Set the proposal threshold to ${integer.format(Number(formatUnits(action.amount, token.decimals)))} ${token.symbol}`;
    }
    case "updateQuorumNumerator":
      return `Set the quorum to ${action.percent}% of the token supply`;
    case "setLateQuorumVoteExtension":
      return `Extend voting by at least ${formatDuration(action.seconds)} when quorum is reached late`;
    case "setProposalGuardian":
      return `Make ${action.guardian} the proposal guardian (the council's veto)`;
    case "setVoteSource":
      return `Appoint ${action.source} to cast the votes of ${chainLabel(action.chainId, context)}`;
    case "unknown": {
      const value = action.value > 0n ? `, sending ${formatEther(action.value)} ETH` : "";
      if (action.selector === "0x") return `Call ${action.target} with no data${value}`;
      const args = `${action.words.length} argument word${action.words.length === 1 ? "" : "s"}`;
      return `Call ${action.target} (unrecognised function ${action.selector}, ${args})${value}`;
    }
  }
}
