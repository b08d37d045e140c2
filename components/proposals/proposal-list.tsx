import Link from "next/link";

import { shortProposalId } from "@/lib/web/format.ts";
import { timeLeft } from "@/lib/web/proposals/format.ts";
import { proposalHref } from "@/lib/web/proposals/params.ts";
import type { ProposalSummary, TokenInfo } from "@/lib/web/proposals/types.ts";

import { ChainTime } from "./chain-time.tsx";
import { StateBadge } from "./state-badge.tsx";
import { QuorumProgress, TallyBars } from "./tally-bars.tsx";


function When({ proposal, now }: { proposal: ProposalSummary; now: bigint }) {
  if (proposal.state === "active") {
    const left = timeLeft(proposal.deadline, now);
    return <span className="font-medium text-sky-900">{left ? `${left} left` : "Voting closing"}</span>;
  }
  if (proposal.state === "pending") {
    return (
      <span>
        Voting opens <ChainTime at={proposal.voteStart} />
      </span>
    );
  }
  return (
    <span>
      Voting closed <ChainTime at={proposal.deadline} />
    </span>
  );
}

/** One proposal of the list: title, state, time, per-chain tallies and quorum. */
export function ProposalRow({ proposal, now, token, headingLevel = 2 }: { proposal: ProposalSummary; now: bigint; token: TokenInfo; headingLevel?: 2 | 3 }) {
  const Heading = headingLevel === 2 ? "h2" : "h3";
  return (
    <li className="card space-y-3" data-testid="proposal-row" data-proposal-id={proposal.id.toString()}>
      <div className="flex items-start justify-between gap-3">
        <Heading className="min-w-0 text-base font-semibold leading-snug">
          <Link href={proposalHref(proposal.id)} className="break-words hover:text-accent hover:underline">
            {proposal.title}
          </Link>
        </Heading>
        <StateBadge state={proposal.state} />
      </div>
      <p className="flex flex-wrap gap-x-4 gap-y-1 text-xs text-muted">
        <span title={proposal.id.toString()}>#{shortProposalId(proposal.id)}</span>
        <When proposal={proposal} now={now} />
      </p>
      <div className="grid gap-3 sm:grid-cols-[2fr_1fr]">
        <TallyBars tallies={proposal.tallies} token={token} compact />
        <QuorumProgress totals={proposal.totals} quorum={proposal.quorum} token={token} />
      </div>
    </li>
  );
}

/** A page of proposals, or what to do when there are none. */
export function ProposalList({ proposals, now, token, filtered }: { proposals: readonly ProposalSummary[]; now: bigint; token: TokenInfo; filtered: boolean }) {
  if (proposals.length === 0) {
    return (
      <div className="card text-sm text-muted" role="status">
        {filtered ? "No proposal matches these filters." : "No proposals yet. A delegate with enough voting power can create the first one."}
      </div>
    );
  }
  return (
    <ul className="space-y-3" aria-label="Proposals">
      {proposals.map((proposal) => (
        <ProposalRow key={proposal.id.toString()} proposal={proposal} now={now} token={token} />
      ))}
    </ul>
  );
}
