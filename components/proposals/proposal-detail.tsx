import type { ReactNode } from "react";

import { timeLeft } from "@/lib/web/proposals/format.ts";
import type { ProposalDetail } from "@/lib/web/proposals/detail.ts";

import { ActionList } from "./action-list.tsx";
import { CancelOrVeto } from "./cancel-or-veto.tsx";
import { ChainTime } from "./chain-time.tsx";
import { LifecycleActions } from "./lifecycle-actions.tsx";
import { ProposalMarkdown } from "./markdown.tsx";
import { SpokeTallies } from "./spoke-tallies.tsx";
import { StateBadge } from "./state-badge.tsx";
import { QuorumProgress, TallyBars } from "./tally-bars.tsx";
import { Timeline } from "./timeline.tsx";
import { VotePanel } from "./vote-panel.tsx";

function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section aria-labelledby={id} className="space-y-3">
      <h2 id={id} className="text-lg font-semibold">
        {title}
      </h2>
      {children}
    </section>
  );
}

function VotingWindow({ proposal }: { proposal: ProposalDetail }) {
  if (proposal.state === "pending") {
    return (
      <>
        Opens <ChainTime at={proposal.voteStart} />
      </>
    );
  }
  if (proposal.state === "active") {
    const left = timeLeft(proposal.deadline, proposal.now);
    return (
      <>
        Closes <ChainTime at={proposal.deadline} />
        {left && <span className="font-medium text-sky-900"> ({left} left)</span>}
      </>
    );
  }
  return (
    <>
      Closed <ChainTime at={proposal.deadline} />
    </>
  );
}

/** The whole proposal page: description, decoded actions, votes per chain, voting, timeline. */
export function ProposalDetailView({ proposal, voteList }: { proposal: ProposalDetail; voteList?: ReactNode }) {
  return (
    <article className="space-y-8">
      <header className="space-y-2">
        <StateBadge state={proposal.state} />
        <h1 className="text-2xl font-semibold tracking-tight break-words">{proposal.title}</h1>
        <dl className="grid gap-x-6 gap-y-1 text-xs text-muted sm:grid-cols-[auto_1fr]">
          <dt>Proposal id</dt>
          <dd className="font-mono break-all text-ink">{proposal.id.toString()}</dd>
          <dt>Proposer</dt>
          <dd className="font-mono break-all text-ink">{proposal.proposer}</dd>
          <dt>Voting</dt>
          <dd className="text-ink">
            <VotingWindow proposal={proposal} />
          </dd>
        </dl>
      </header>

      <div className="grid gap-8 lg:grid-cols-[3fr_2fr]">
        <div className="min-w-0 space-y-8">
          <Section id="description" title="Description">
            <ProposalMarkdown source={proposal.body} />
          </Section>
          <Section id="actions" title={`What it does (${proposal.actions.length} action${proposal.actions.length === 1 ? "" : "s"})`}>
            <ActionList actions={proposal.actions} />
          </Section>
          <Section id="votes" title="Votes per chain">
            <div className="card space-y-4">
              <TallyBars tallies={proposal.tallies} token={proposal.token} />
              <QuorumProgress totals={proposal.totals} quorum={proposal.quorum} token={proposal.token} />
              <SpokeTallies spokes={proposal.spokes} tallies={proposal.tallies} token={proposal.token} />
            </div>
          </Section>
        </div>
        <div className="min-w-0 space-y-8">
          <Section id="vote" title="Vote">
            <div className="card">
              <VotePanel
                proposalId={proposal.id.toString()}
                snapshot={proposal.voteStart.toString()}
                governorDeployBlock={proposal.governorDeployBlock.toString()}
                state={proposal.state}
                token={proposal.token}
              />
            </div>
          </Section>
          <LifecycleActions state={proposal.state} eta={proposal.eta} now={proposal.now} call={proposal.call} />
          <CancelOrVeto proposalId={proposal.id} state={proposal.state} proposer={proposal.proposer} call={proposal.call} />
          <Section id="timeline" title="Timeline">
            <div className="card">
              <Timeline steps={proposal.timeline} />
            </div>
          </Section>
        </div>
      </div>
      {voteList && (
        <Section id="vote-list" title="Who voted">
          {voteList}
        </Section>
      )}
    </article>
  );
}
