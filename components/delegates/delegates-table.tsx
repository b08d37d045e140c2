import type { Route } from "next";
import Link from "next/link";

import { formatShare, formatTokens } from "@/lib/web/delegates/format.ts";
import { shortAddress } from "@/lib/web/format.ts";
import type { DelegatesOverview } from "@/lib/web/delegates/loadDelegates.ts";
import { formatParticipation } from "@/lib/web/delegates/profileModel.ts";

import { TopicList } from "./statement-view.tsx";

const pageHref = (page: number) => (page <= 1 ? "/delegates" : `/delegates?page=${page}`) as Route;

/**
 * Delegates by voting power, with each one's share of the total supply and participation, one
 * page at a time; each links to its profile, and those with a signed statement are marked as
 * seeking delegation, with their topics.
 */
export function DelegatesTable({ overview }: { overview: DelegatesOverview }) {
  const { delegates, token, page, pageCount, delegateCount, delegatedVotes } = overview;
  return (
    <section aria-labelledby="delegates-title" className="space-y-3">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 id="delegates-title" className="text-lg font-semibold">
          Delegates by voting power
        </h2>
        <p className="text-sm text-muted">
          {delegateCount} delegate{delegateCount === 1 ? "" : "s"} hold {formatTokens(delegatedVotes, token.decimals)} {token.symbol} of votes,{" "}
          {formatShare(delegatedVotes, token.totalSupply)} of the supply.
        </p>
      </div>
      {delegates.length === 0 ? (
        <p className="card text-sm text-muted">Nobody has delegated yet: votes count only once tokens are delegated, to someone else or to oneself.</p>
      ) : (
        <div className="overflow-x-auto rounded-lg border border-line bg-surface" role="region" aria-label="Delegates table" tabIndex={0}>
          <table className="w-full min-w-[36rem] text-sm" data-testid="delegates-table">
            <caption className="sr-only">Delegates ranked by voting power, page {page} of {pageCount}</caption>
            <thead className="border-b border-line text-left text-muted">
              <tr>
                <th scope="col" className="px-3 py-2 font-medium">#</th>
                <th scope="col" className="px-3 py-2 font-medium">Delegate</th>
                <th scope="col" className="px-3 py-2 text-right font-medium">Voting power ({token.symbol})</th>
                <th scope="col" className="px-3 py-2 text-right font-medium">Share of supply</th>
                <th scope="col" className="px-3 py-2 font-medium">Participation</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-line">
              {delegates.map((delegate) => (
                <tr key={delegate.address} data-address={delegate.address}>
                  <td className="px-3 py-2 tabular-nums text-muted">{delegate.rank}</td>
                  <td className="space-y-1 px-3 py-2 font-mono">
                    <Link href={`/delegates/${delegate.address}` as Route} className="text-accent underline">
                      <span className="hidden md:inline">{delegate.address}</span>
                      <span className="md:hidden" title={delegate.address}>
                        {shortAddress(delegate.address)}
                      </span>
                    </Link>
                    {overview.labels[delegate.address] && (
                      <span className="block font-sans text-xs text-muted">{overview.labels[delegate.address]}</span>
                    )}
                    {overview.statements[delegate.address] && (
                      <div className="space-y-1 font-sans" data-testid="seeking-delegation">
                        <span className="inline-flex rounded-full bg-emerald-100 px-2 py-0.5 text-xs font-medium text-emerald-900 ring-1 ring-inset ring-emerald-300">
                          Seeking delegation
                        </span>
                        <TopicList topics={overview.statements[delegate.address]!} label={`Topics of ${shortAddress(delegate.address)}`} />
                      </div>
                    )}
                  </td>
                  <td className="px-3 py-2 text-right tabular-nums">{formatTokens(delegate.votes, token.decimals)}</td>
                  <td className="px-3 py-2 text-right tabular-nums">{formatShare(delegate.votes, token.totalSupply)}</td>
                  <td className="px-3 py-2 text-xs">{overview.participation[delegate.address] ? formatParticipation(overview.participation[delegate.address]!) : "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {pageCount > 1 && (
        <nav aria-label="Delegate pages" className="flex items-center justify-between gap-2 text-sm">
          {page > 1 ? <Link className="btn-secondary" href={pageHref(page - 1)}>Previous page</Link> : <span />}
          <span className="text-muted">
            Page {page} of {pageCount}
          </span>
          {page < pageCount ? <Link className="btn-secondary" href={pageHref(page + 1)}>Next page</Link> : <span />}
        </nav>
      )}
    </section>
  );
}
