import type { Address, Hash } from "viem";

import type { VoteTally } from "../../governance/index.ts";

/**
 * One vote as its chain logged it: the hub governor's `VoteCast` / `VoteCastWithParams`, or a
 * member chain's SpokeVoteAggregator `VoteCast`. Plain data (bigints, no methods), so it
 * persists in the log cache and crosses into components as it is.
 */
export interface VoteRecord {
  proposalId: bigint;
  /** The chain the vote was cast on: the hub, or the member chain whose aggregator logged it. */
  chainId: number;
  voter: Address;
  /** 0 against, 1 for, 2 abstain; 255 a fractional (split) vote, see `split`. */
  support: number;
  weight: bigint;
  /** Fractional votes only: how the weight divides, from the vote's params. */
  split?: VoteTally;
  reason: string;
  blockNumber: bigint;
  logIndex: number;
  transactionHash: Hash;
  /** The block's time, Unix seconds. */
  timestamp: bigint;
  /**
   * Hub votes only: the member chain whose SpokeVotePool cast it. Such a vote is that chain's
   * tally relayed to the hub (what it adds since the last relay), not a person's vote.
   */
  relayedFrom?: number;
  /** With `relayedFrom`: the member-chain block the relayed tally was proven at (it counts that chain's votes up to there). */
  relayedBlock?: bigint;
}

/** Every vote of the deployment, and the chains whose votes are missing from it. */
export interface VoteReading {
  /** Newest first (by block time; then chain, block and log index). */
  votes: readonly VoteRecord[];
  /** Member chains that did not answer: the hub's relayed tallies still count them, their own votes are not listed. */
  unreachable: readonly { chainId: number; name: string }[];
}

/**
 * The votes cast on one proposal, in the order given.
 *
 * @example
 * votesOnProposal(reading.votes, 42n)
 */
export const votesOnProposal = (votes: readonly VoteRecord[], proposalId: bigint): VoteRecord[] => votes.filter((vote) => vote.proposalId === proposalId);

/**
 * The votes one account cast, on any chain and proposal, in the order given (addresses compare
 * case-insensitively).
 *
 * @example
 * votesByVoter(reading.votes, "0xf39f…")
 */
export function votesByVoter(votes: readonly VoteRecord[], voter: Address | string): VoteRecord[] {
  const wanted = voter.toLowerCase();
  return votes.filter((vote) => vote.voter.toLowerCase() === wanted);
}

/** Whether the vote is a member chain's relayed tally (cast on the hub by its pool), not a person's. */
export const isRelayedTally = (vote: VoteRecord): boolean => vote.relayedFrom !== undefined;

/**
 * Newest first: by block time, then chain id, block and log index (descending), so the order is
 * total and the same on every load.
 */
export function newestFirst(a: VoteRecord, b: VoteRecord): number {
  if (a.timestamp !== b.timestamp) return a.timestamp < b.timestamp ? 1 : -1;
  if (a.chainId !== b.chainId) return b.chainId - a.chainId;
  if (a.blockNumber !== b.blockNumber) return a.blockNumber < b.blockNumber ? 1 : -1;
  return b.logIndex - a.logIndex;
}
