import { Pagination } from "@/components/pagination.tsx";
import type { TokenInfo } from "@/lib/web/proposals/types.ts";
import type { ProposalVotesView } from "@/lib/web/server/proposalVotes.ts";
import { votesCsvHref, votesHref } from "@/lib/web/votes/params.ts";

import { VoteFilters } from "./vote-filters.tsx";
import { VoteRowView, type VoteRowContext } from "./vote-row.tsx";

/**
 * Every vote on the proposal, on the hub and each member chain: filters, the page's rows, pages
 * and the CSV of the filtered list. A member chain's relayed tally lists the votes it carried.
 */
export function VoteList({ view, token }: { view: ProposalVotesView; token: TokenInfo }) {
  const names = new Map(view.chains.map((chain) => [chain.chainId, chain.name]));
  const context: VoteRowContext = {
    proposalId: view.proposalId.toString(),
    token,
    chainName: (chainId) => names.get(chainId) ?? `chain ${chainId}`,
    ...(view.params.chain === undefined ? {} : { chain: view.params.chain }),
  };
  const { rows, total, count } = view.page;
  const filtered = view.params.chain !== undefined || view.params.support !== undefined;
  return (
    <div className="card space-y-4">
      <VoteFilters proposalId={context.proposalId} params={view.params} chains={view.chains} perChain={view.page.perChain} />
      {view.errors.length > 0 && (
        <p role="alert" className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900">
          Ignored in the address: {view.errors.join("; ")}.
        </p>
      )}
      {view.unreachable.length > 0 && (
        <p role="status" className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900">
          {view.unreachable.map((chain) => chain.name).join(", ")} did not answer: votes cast there are missing below (their relayed tallies are not).
        </p>
      )}
      <div className="flex flex-wrap items-center justify-between gap-2 text-sm">
        <p className="text-muted" data-testid="vote-count">
          {filtered ? `${total} of ${count} votes match` : `${count} vote${count === 1 ? "" : "s"}`}
        </p>
        <a href={votesCsvHref(context.proposalId, view.params)} download className="btn-secondary">
          Download CSV
        </a>
      </div>
      {rows.length === 0 ? (
        <p className="text-sm text-muted">{count === 0 ? "Nobody has voted yet." : "No vote matches these filters."}</p>
      ) : (
        <ol className="divide-y divide-line" aria-label="Votes">
          {rows.map((row) => (
            <VoteRowView key={`${row.vote.chainId}:${row.vote.transactionHash}:${row.vote.logIndex}`} row={row} context={context} />
          ))}
        </ol>
      )}
      <Pagination
        page={view.page.page}
        pageCount={view.page.pageCount}
        href={(target) => votesHref(view.proposalId, { ...view.params, page: target })}
        label="Pages of votes"
        scroll={false}
      />
    </div>
  );
}
