import type { Address, Hash, Hex } from "viem";

import type { ProposalStateName, VoteTally } from "../../governance/votes.ts";

export { PROPOSAL_STATES, type ProposalStateName } from "../../governance/votes.ts";

/** A member chain's SpokeVoteAggregator `ProposalState`, in enum order, as the app names it. */
export const SPOKE_STATES = ["unknown", "pending", "active", "closed"] as const;
export type SpokeStateName = (typeof SPOKE_STATES)[number];

/** States that never change again: cached once read, never read again. */
export const TERMINAL_STATES: ReadonlySet<ProposalStateName> = new Set(["canceled", "defeated", "expired", "executed"]);

/** One proposal as its `ProposalCreated` log tells it: everything that never changes. */
export interface ProposalRecord {
  id: bigint;
  proposer: Address;
  targets: readonly Address[];
  values: readonly bigint[];
  calldatas: readonly Hex[];
  /** The snapshot: votes count as of this timestamp; voting opens just after it. */
  voteStart: bigint;
  /** The deadline as proposed (late quorum may extend it; the governor's `proposalDeadline` is authoritative). */
  voteEnd: bigint;
  description: string;
  title: string;
  blockNumber: bigint;
  transactionHash: Hash;
}

/** One chain's share of a proposal's votes. */
export interface ChainTally {
  chainId: number;
  name: string;
  role: "hub" | "member";
  tally: VoteTally;
}

/** What the list shows for one proposal. */
export interface ProposalSummary {
  id: bigint;
  title: string;
  proposer: Address;
  state: ProposalStateName;
  voteStart: bigint;
  deadline: bigint;
  /** Hub first, then each member chain in manifest order. */
  tallies: ChainTally[];
  totals: VoteTally;
  /** Votes needed (for + abstain) at the snapshot; undefined before the snapshot has passed. */
  quorum: bigint | undefined;
}

/** The votes token, to print amounts in tokens. */
export interface TokenInfo {
  symbol: string;
  decimals: number;
}
