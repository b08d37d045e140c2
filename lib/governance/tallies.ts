import { emptyTally, type VoteTally } from "./votes.ts";

/** One `ChainVotesCounted` event: weight a vote added to one chain's tally of one proposal. */
export interface ChainVotesCounted extends VoteTally {
  proposalId: bigint;
  chainId: bigint;
}

/** proposalId → chainId → tally. */
export type ChainTallies = Map<bigint, Map<bigint, VoteTally>>;

/**
 * Rebuilds every per-chain tally from `ChainVotesCounted` events alone: the governor emits one
 * per counted vote, so summing them per (proposal, chain) gives exactly `proposalVotesByChain`.
 * Pure and order-independent, so an indexer can feed it logs page by page.
 */
export function reduceChainVotes(events: Iterable<ChainVotesCounted>, into: ChainTallies = new Map()): ChainTallies {
  for (const event of events) {
    let byChain = into.get(event.proposalId);
    if (!byChain) into.set(event.proposalId, (byChain = new Map()));
    const tally = byChain.get(event.chainId) ?? emptyTally();
    tally.againstVotes += event.againstVotes;
    tally.forVotes += event.forVotes;
    tally.abstainVotes += event.abstainVotes;
    byChain.set(event.chainId, tally);
  }
  return into;
}

/** The sum of several tallies (for example every chain's, which equals the governor's totals). */
export function sumTallies(tallies: Iterable<VoteTally>): VoteTally {
  const total = emptyTally();
  for (const tally of tallies) {
    total.againstVotes += tally.againstVotes;
    total.forVotes += tally.forVotes;
    total.abstainVotes += tally.abstainVotes;
  }
  return total;
}
