import type { Manifest } from "../../chains/index.ts";
import type { VoteTally } from "../../governance/index.ts";
import type { ChainTally } from "./types.ts";

type Triple = readonly [bigint, bigint, bigint];

const tally = ([againstVotes, forVotes, abstainVotes]: Triple): VoteTally => ({ againstVotes, forVotes, abstainVotes });

/**
 * Per-chain tallies, hub first, from the governor's `proposalVotes` and each member chain's
 * `proposalVotesByChain` (in manifest order). The governor stores only the member chains'
 * tallies; the hub's is the rest (DESIGN, "per-chain tallies are stored only for vote sources"),
 * so the chains always sum to the totals.
 */
export function chainTallies(manifest: Manifest, totals: Triple, members: readonly Triple[]): { totals: VoteTally; tallies: ChainTally[] } {
  const memberTallies = manifest.members.map(
    (member, i): ChainTally => ({ chainId: member.chainId, name: member.name, role: "member", tally: tally(members[i] ?? [0n, 0n, 0n]) }),
  );
  const total = tally(totals);
  const rest = (key: keyof VoteTally) => total[key] - memberTallies.reduce((sum, t) => sum + t.tally[key], 0n);
  const hub: ChainTally = {
    chainId: manifest.hub.chainId,
    name: manifest.hub.name,
    role: "hub",
    tally: { againstVotes: rest("againstVotes"), forVotes: rest("forVotes"), abstainVotes: rest("abstainVotes") },
  };
  return { totals: total, tallies: [hub, ...memberTallies] };
}
