import type { Route } from "next";
import Link from "next/link";

import { formatUtc } from "@/lib/governance/codec/describe.ts";
import { formatRelative } from "@/lib/web/chains/format.ts";
import { proposalHref } from "@/lib/web/proposals/params.ts";

/** What the dashboard needs of a proposal open for voting. */
export interface ActiveProposalItem {
  id: bigint;
  title: string;
  /** Unix seconds: the voting deadline (the governor's clock is the timestamp). */
  endsAt: bigint;
}

function Heading() {
  return (
    <div className="flex flex-wrap items-baseline justify-between gap-2">
      <h2 id="active-proposals-title" className="text-lg font-semibold">
        Active proposals
      </h2>
      <Link href={"/proposals" as Route} className="text-sm font-medium text-accent hover:underline">
        See all proposals
      </Link>
    </div>
  );
}

/** Proposals open for voting, each with the time left to vote. */
export function ActiveProposals({ proposals, now }: { proposals: readonly ActiveProposalItem[]; now: bigint }) {
  return (
    <section aria-labelledby="active-proposals-title" className="space-y-3" data-testid="active-proposals">
      <Heading />
      {proposals.length === 0 ? (
        <p className="text-sm text-muted">No proposal is open for voting.</p>
      ) : (
        <ul className="divide-y divide-line rounded-lg border border-line bg-surface text-sm">
          {proposals.map((proposal) => (
            <li key={proposal.id.toString()} className="flex flex-wrap items-baseline justify-between gap-x-4 gap-y-1 px-4 py-3">
              <Link href={proposalHref(proposal.id)} className="font-medium text-accent hover:underline">
                {proposal.title}
              </Link>
              <span className="text-muted">
                {proposal.endsAt > now ? `ends ${formatRelative(proposal.endsAt, now)}` : "voting closed"} · {formatUtc(proposal.endsAt)}
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
