import Form from "next/form";

import type { VoteChain } from "@/lib/web/server/proposalVotes.ts";
import { SUPPORT_FILTERS, VOTE_SORTS, type VoteListParams } from "@/lib/web/votes/params.ts";

const SORT_LABELS: Record<(typeof VOTE_SORTS)[number], string> = { newest: "Newest", oldest: "Oldest", weight: "Most votes" };

/**
 * Chain, support and order of the votes list as a GET form, so it works without JavaScript
 * (with it, `next/form` navigates client-side). Changing a filter starts again at page 1.
 */
export function VoteFilters({ proposalId, params, chains, perChain }: { proposalId: string; params: VoteListParams; chains: VoteChain[]; perChain: Map<number, number> }) {
  return (
    <Form action={`/proposals/${proposalId}`} scroll={false} className="grid gap-2 sm:grid-cols-[1fr_1fr_1fr_auto] sm:items-end" aria-label="Filter votes">
      <div>
        <label htmlFor="votes-chain" className="mb-1 block text-sm font-medium">
          Chain
        </label>
        <select id="votes-chain" name="chain" className="field" defaultValue={params.chain?.toString() ?? ""}>
          <option value="">All chains</option>
          {chains.map((chain) => (
            <option key={chain.chainId} value={chain.chainId}>
              {chain.name} ({perChain.get(chain.chainId) ?? 0})
            </option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor="votes-support" className="mb-1 block text-sm font-medium">
          Support
        </label>
        <select id="votes-support" name="support" className="field capitalize" defaultValue={params.support ?? ""}>
          <option value="">Any</option>
          {SUPPORT_FILTERS.map((support) => (
            <option key={support} value={support}>
              {support}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor="votes-sort" className="mb-1 block text-sm font-medium">
          Order
        </label>
        <select id="votes-sort" name="sort" className="field" defaultValue={params.sort ?? "newest"}>
          {VOTE_SORTS.map((sort) => (
            <option key={sort} value={sort}>
              {SORT_LABELS[sort]}
            </option>
          ))}
        </select>
      </div>
      <button type="submit" className="btn-primary">
        Apply
      </button>
    </Form>
  );
}
