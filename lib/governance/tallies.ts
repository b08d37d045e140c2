import type { Address, Hex } from "viem";

import { emptyTally, splitVote, type VoteTally } from "./votes.ts";

/**
 * The governor logs a tally is rebuilt from, in viem's decoded shape: every vote (`VoteCast`,
 * `VoteCastWithParams`) and every vote source's attribution to its chain (`ChainVotesCounted`).
 */
export type TallyLog =
  | {
      eventName: "VoteCast";
      args: { voter: Address; proposalId: bigint; support: number; weight: bigint };
    }
  | {
      eventName: "VoteCastWithParams";
      args: { voter: Address; proposalId: bigint; support: number; weight: bigint; params: Hex };
    }
  | {
      eventName: "ChainVotesCounted";
      args: { proposalId: bigint; chainId: bigint; againstVotes: bigint; forVotes: bigint; abstainVotes: bigint };
    };

/** proposalId → chainId → tally. */
export type ChainTallies = Map<bigint, Map<bigint, VoteTally>>;

function add(into: VoteTally, tally: VoteTally): void {
  into.againstVotes += tally.againstVotes;
  into.forVotes += tally.forVotes;
  into.abstainVotes += tally.abstainVotes;
}

/**
 * Rebuilds every per-chain tally from the governor's logs alone, as `proposalVotesByChain`
 * answers it: a member chain's tally is the sum of its `ChainVotesCounted` events; the hub's is
 * every vote cast minus the member chains'. Order-independent, so logs may arrive in any order.
 *
 * @example
 * const tallies = reduceChainTallies(logs, 900n)
 * tallies.get(proposalId)?.get(901n) // base-local's { againstVotes, forVotes, abstainVotes }
 */
export function reduceChainTallies(logs: Iterable<TallyLog>, hubChainId: bigint): ChainTallies {
  const totals = new Map<bigint, VoteTally>();
  const tallies: ChainTallies = new Map();
  const chainsOf = (proposalId: bigint) => {
    let byChain = tallies.get(proposalId);
    if (!byChain) tallies.set(proposalId, (byChain = new Map()));
    return byChain;
  };

  for (const log of logs) {
    if (log.eventName === "ChainVotesCounted") {
      const byChain = chainsOf(log.args.proposalId);
      const tally = byChain.get(log.args.chainId) ?? emptyTally();
      add(tally, log.args);
      byChain.set(log.args.chainId, tally);
    } else {
      const { proposalId, support, weight } = log.args;
      const total = totals.get(proposalId) ?? emptyTally();
      add(total, splitVote(support, weight, log.eventName === "VoteCastWithParams" ? log.args.params : "0x"));
      totals.set(proposalId, total);
    }
  }

  for (const [proposalId, total] of totals) {
    const byChain = chainsOf(proposalId);
    const members = sumTallies([...byChain].filter(([chainId]) => chainId !== hubChainId).map(([, t]) => t));
    byChain.set(hubChainId, {
      againstVotes: total.againstVotes - members.againstVotes,
      forVotes: total.forVotes - members.forVotes,
      abstainVotes: total.abstainVotes - members.abstainVotes,
    });
  }
  return tallies;
}

/** The sum of several tallies (for example every chain's, which equals the governor's totals). */
export function sumTallies(tallies: Iterable<VoteTally>): VoteTally {
  const total = emptyTally();
  for (const tally of tallies) add(total, tally);
  return total;
}
