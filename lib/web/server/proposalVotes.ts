import { allChains } from "../../chains/index.ts";
import type { LocatedProposal } from "../proposals/detail.ts";
import { pageOfVotes, type VotePage } from "../votes/list.ts";
import { parseVoteParams, type VoteListParams } from "../votes/params.ts";
import { votesOnProposal } from "../votes/types.ts";
import type { Deployment } from "./deployment.ts";
import { readVotes } from "./readVotes.ts";

/** A chain as the votes list names it. */
export interface VoteChain {
  chainId: number;
  name: string;
  role: "hub" | "member";
}

/** Everything the votes list on `/proposals/[id]` shows. */
export interface ProposalVotesView {
  proposalId: bigint;
  /** The filters in force (bad values left out). */
  params: VoteListParams;
  /** What was wrong with the URL's filters, shown above the list (the list still renders). */
  errors: string[];
  page: VotePage;
  chains: VoteChain[];
  /** Member chains that did not answer: their own votes are missing (their relayed tallies are not). */
  unreachable: readonly { chainId: number; name: string }[];
}

/**
 * The proposal page's votes list: every vote on the proposal ({@link readVotes}, read at the
 * page's hub head), filtered, sorted and paged in memory by the URL's params — so the page's
 * requests do not grow with the votes.
 *
 * @example
 * const view = await readProposalVotes(deployment, located, await searchParams)
 */
export async function readProposalVotes(deployment: Deployment, located: LocatedProposal, search: Record<string, string | string[] | undefined>): Promise<ProposalVotesView> {
  const { manifest } = deployment;
  const chains = allChains(manifest).map(({ chainId, name, role }) => ({ chainId, name, role }));
  const parsed = parseVoteParams(search, chains.map((chain) => chain.chainId));
  const { votes, unreachable } = await readVotes(deployment, { hubHead: located.head });
  return {
    proposalId: located.record.id,
    params: parsed.params,
    errors: parsed.ok ? [] : parsed.errors,
    page: pageOfVotes(votesOnProposal(votes, located.record.id), parsed.params, manifest.hub.chainId),
    chains,
    unreachable,
  };
}
