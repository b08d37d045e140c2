import {
  BaseError,
  ContractFunctionRevertedError,
  decodeErrorResult,
  formatEther,
  UserRejectedRequestError,
  type Abi,
  type Hex,
} from "viem";

import { contractErrorsAbi } from "../contracts/generated/errors.ts";
import { CHANGE_STATUSES } from "../governance/codec/changes.ts";
import { PROPOSAL_STATES } from "./proposals/types.ts";

/** A failure as a person reads it: the custom error's name and one plain sentence. */
export interface ExplainedError {
  name: string;
  sentence: string;
}

/** The registry's ChangeStatus enum as words (same order as `CHANGE_STATUSES`). */
const CHANGE_STATUS_WORDS: Record<(typeof CHANGE_STATUSES)[number], string> = {
  unknown: "unknown",
  awaitingCouncil: "awaiting the council",
  approved: "approved",
  rejected: "rejected",
  cancelled: "cancelled",
  expired: "expired",
  active: "already active",
};

/** Token amounts (18 decimals) in whole tokens: "100,000 tokens", never base units. */
const tokens = (value: unknown) => (typeof value === "bigint" ? `${Number(formatEther(value)).toLocaleString("en-US")} tokens` : String(value));
const fmt = (value: unknown) => (typeof value === "bigint" ? value.toString() : String(value));

function wordsForStatus(status: unknown): string {
  const key = CHANGE_STATUSES[Number(status)];
  return key === undefined ? `in status ${fmt(status)}` : CHANGE_STATUS_WORDS[key];
}

/** Sentences for the errors people meet in the app; others fall back to their name and arguments. */
const SENTENCES: Record<string, (args: readonly unknown[]) => string> = {
  GovernorAlreadyCastVote: () => "This account has already voted on this proposal.",
  GovernorInsufficientProposerVotes: ([, votes, threshold]) =>
    `Your voting power (${tokens(votes)}) is below the proposal threshold (${tokens(threshold)}); get more delegated to you first.`,
  GovernorNonexistentProposal: () => "No proposal with this id exists on the governor.",
  GovernorUnexpectedProposalState: ([, current]) =>
    `The proposal is ${PROPOSAL_STATES[Number(current)] ?? `in state ${fmt(current)}`}, so this step is not possible now.`,
  GovernorExceedRemainingWeight: ([, used, remaining]) => `That would use ${fmt(used)} votes but only ${fmt(remaining)} remain.`,
  GovernorInvalidVoteType: () => "The vote must be for, against or abstain.",
  GovernorInvalidSignature: () => "The vote signature does not belong to the voter.",
  GovernorOnlyExecutor: () => "Only the timelock can do this.",
  GovernorUnableToCancel: () => "Only the proposer can cancel, and only before voting starts.",
  GovernorRestrictedProposer: () => "This proposal's description restricts who may propose it.",
  GovernorInvalidProposalLength: () => "The proposal's targets, values and calldatas do not have the same length.",
  TimelockUnexpectedOperationState: () => "The timelock operation is not ready for this step yet.",
  TimelockUnexecutedPredecessor: () => "An earlier timelock operation must execute first.",
  AccessControlUnauthorizedAccount: ([account]) => `${fmt(account)} does not hold the role this needs.`,
  SequencerConfigOnlyCouncil: () => "Only the Security Council Safe can do this.",
  SequencerConfigOnlyGovernance: () => "Only governance (the timelock) can do this.",
  SequencerConfigOnlyGovernanceOrCouncil: () => "Only governance or the Security Council can do this.",
  SequencerConfigParameterOutOfBounds: ([, value, min, max]) => `The value ${fmt(value)} is outside the allowed range ${fmt(min)}–${fmt(max)}.`,
  SequencerConfigSettingOutOfBounds: ([value, min, max]) => `The value ${fmt(value)} is outside the allowed range ${fmt(min)}–${fmt(max)}.`,
  SequencerConfigChangeNotAwaiting: ([, status]) => `The change is ${wordsForStatus(status)}, not awaiting the council.`,
  SequencerConfigUnknownChange: () => "No scheduled change has this id.",
  SequencerConfigUnknownChain: ([chainId]) => `Chain ${fmt(chainId)} is not a member chain.`,
  SequencerConfigChainNotActive: ([chainId]) => `Chain ${fmt(chainId)} is not an active member chain.`,
  SequencerConfigAlreadyPaused: ([chainId]) => `Chain ${fmt(chainId)} is already paused.`,
  SequencerConfigNotPaused: ([chainId]) => `Chain ${fmt(chainId)} is not paused.`,
  SequencerConfigActivationTooFar: () => "The requested activation time is too far in the future.",
  SequencerConfigInvalidRelease: () => "The release must name a version and a non-zero digest.",
  SequencerConfigInvalidMask: () => "The change must set at least one known parameter.",
  ERC20InsufficientBalance: ([, balance, needed]) => `The balance (${fmt(balance)}) is smaller than the ${fmt(needed)} needed.`,
  ERC5805FutureLookup: () => "That moment has not happened yet on this chain.",
  VotesExpiredSignature: () => "The delegation signature has expired.",
  MemberChainRegistryChainExists: ([chainId]) => `Chain ${fmt(chainId)} is already a member, or its addition is already approved.`,
  MemberChainRegistryChainNotActive: ([chainId]) => `Chain ${fmt(chainId)} is not an active member, or its removal is already approved.`,
  MemberChainRegistryInvalidChainId: ([chainId]) => `Chain id ${fmt(chainId)} must be between 1 and 2^64 - 1.`,
  MemberChainRegistryInvalidName: () => "A chain's name must be 1 to 32 bytes.",
  MemberChainRegistryInvalidOperator: () => "A chain's operator must be a non-zero address.",
  OutputOracleNotOperator: ([chainId]) => `Only chain ${fmt(chainId)}'s registered operator can post its outputs.`,
  RootInChallengeWindow: ([blockNumber, usableAt]) =>
    `The root committed for block ${fmt(blockNumber)} is still in its challenge window; proofs can use it from ${new Date(Number(usableAt) * 1000).toISOString()}.`,
  RootRejected: ([blockNumber]) => `The Security Council rejected the root committed for block ${fmt(blockNumber)}; wait for a newer one.`,
  RootUnknown: ([blockNumber]) => `No root was committed for block ${fmt(blockNumber)}.`,
  RootOracleNotCouncil: () => "Only the Security Council can reject committed roots.",
  SpokeTokenDepositAlreadyFinalized: ([id]) => `Deposit ${fmt(id)} was already finalized on this chain.`,
  SpokeTokenDepositMismatch: ([id]) => `The proof does not show deposit ${fmt(id)} with that recipient and amount.`,
  SpokeTokenZeroAmount: () => "The amount must be more than zero.",
  SpokeTokenInvalidRecipient: () => "The recipient must be a non-zero address.",
  SpokeVotePoolChainNotListed: ([chainId]) => `Chain ${fmt(chainId)} is being removed or was removed: deposits to it are closed, withdrawals stay open.`,
  SpokeVotePoolZeroAmount: () => "The amount must be more than zero.",
  SpokeVotePoolInvalidRecipient: () => "The recipient must be a non-zero address.",
  SpokeVotePoolWithdrawalAlreadyFinalized: ([id]) => `Withdrawal ${fmt(id)} was already released on the hub.`,
  SpokeVotePoolWithdrawalMismatch: ([id]) => `The proof does not show withdrawal ${fmt(id)} with that recipient and amount.`,
  SpokeVotePoolNotVoteSource: ([chainId]) => `Governance has not appointed this pool to cast chain ${fmt(chainId)}'s votes.`,
  SpokeVotePoolNotBound: () => "This pool is not connected to its member chain's contracts yet.",
  SpokeVotePoolTallyMismatch: ([id]) => `The proof does not show that tally for proposal ${fmt(id)}.`,
  SpokeVotePoolStaleTally: ([id]) => `The proven tally for proposal ${fmt(id)} is older than the one the hub already counted.`,
  SpokeVotePoolTallyUnchanged: ([id]) => `The hub already counted this tally for proposal ${fmt(id)}; nothing new to relay.`,
  SpokeVoteAggregatorProposalAlreadyKnown: () => "This chain already knows the proposal.",
  SpokeVoteAggregatorProposalCanceled: () => "The proposal was canceled on the hub.",
  SpokeVoteAggregatorUnknownProposal: () => "This chain does not know the proposal yet: bring it here first.",
  SpokeVoteAggregatorVotingNotStarted: () => "Voting on this proposal has not started yet.",
  SpokeVoteAggregatorVotingClosed: () => "Voting on this chain has closed (it closes before the hub's deadline so the tally can be relayed).",
  SpokeVoteAggregatorInvalidSupport: () => "The vote must be for, against or abstain.",
  SpokeVoteAggregatorAlreadyVoted: () => "This account has already voted on this proposal on this chain.",
  SpokeVoteAggregatorNoVotingPower: () => "This account had no voting power on this chain at the proposal's snapshot.",
  SpokeVoteAggregatorInvalidSignature: () => "The vote signature does not belong to the voter.",
};

/** Safe 1.4.1 reverts with short codes instead of custom errors. */
const SAFE_CODES: Record<string, string> = {
  GS013: "The Safe transaction failed (safeTxGas and gasPrice were 0, so the inner call's revert is passed on).",
  GS020: "The signatures are too short for the Safe's threshold.",
  GS025: "Not enough approvals yet: the Safe needs more owner signatures.",
  GS026: "A signature does not come from a current owner, or the signatures are not sorted by owner.",
  GS030: "Only an owner can approve a hash.",
  GS031: "Only an owner can do this.",
};

function named(name: string, args: readonly unknown[]): ExplainedError {
  const sentence = SENTENCES[name]?.(args) ?? `The contract refused with ${name}${args.length ? `(${args.map(fmt).join(", ")})` : ""}.`;
  return { name, sentence };
}

/** Decodes raw revert data against every known custom error. */
export function explainRevertData(data: Hex): ExplainedError {
  try {
    const decoded = decodeErrorResult({ abi: contractErrorsAbi as Abi, data });
    if (decoded.errorName === "Error") {
      const reason = String(decoded.args?.[0] ?? "");
      if (SAFE_CODES[reason]) return { name: reason, sentence: SAFE_CODES[reason] };
      return { name: "Error", sentence: reason || "The call reverted." };
    }
    return named(decoded.errorName, (decoded.args ?? []) as readonly unknown[]);
  } catch {
    return { name: "UnknownRevert", sentence: `The call reverted with data the app does not recognise (${data.slice(0, 10)}…).` };
  }
}

/**
 * Any failure of a read, a simulation or a write, as a name and a sentence: custom errors by
 * name, Safe's GS codes, wallet rejections; never a raw hex blob.
 */
export function explainError(error: unknown): ExplainedError {
  if (error instanceof BaseError) {
    const rejected = error.walk((e) => e instanceof UserRejectedRequestError);
    if (rejected) return { name: "UserRejectedRequest", sentence: "You declined the request in your wallet." };
    const reverted = error.walk((e) => e instanceof ContractFunctionRevertedError) as ContractFunctionRevertedError | null;
    if (reverted) {
      if (reverted.data?.errorName && reverted.data.errorName !== "Error") return named(reverted.data.errorName, (reverted.data.args ?? []) as readonly unknown[]);
      if (reverted.raw) return explainRevertData(reverted.raw);
      const reason = reverted.reason ?? "";
      if (SAFE_CODES[reason]) return { name: reason, sentence: SAFE_CODES[reason] };
      return { name: "Reverted", sentence: reason ? `The call reverted: ${reason}.` : "The call reverted without a reason." };
    }
    const withData = error.walk((e) => typeof (e as { data?: unknown }).data === "string" && String((e as { data: string }).data).startsWith("0x")) as { data?: Hex } | null;
    if (withData?.data && withData.data.length >= 10) return explainRevertData(withData.data);
    return { name: error.name.replace(/Error$/, "") || "Error", sentence: error.shortMessage };
  }
  if (error instanceof Error) return { name: error.name, sentence: error.message };
  return { name: "Error", sentence: String(error) };
}
