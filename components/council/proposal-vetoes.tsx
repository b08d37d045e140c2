import { StateBadge } from "@/components/proposals/state-badge.tsx";
import type { CouncilOverview } from "@/lib/web/council/overview.ts";

import { DecisionCard } from "./decision-card.tsx";
import { ProposalLink } from "./proposal-link.tsx";

/** The anchor of a proposal's veto on `/council`, so the proposal page can link straight to it. */
export const vetoAnchor = (proposalId: bigint | string) => `veto-${proposalId}`;

/**
 * Proposals the council can still veto — pending, in voting, succeeded or queued — each with its
 * veto as a Safe transaction calling the governor's `cancel` from the Safe (the proposal guardian).
 */
export function ProposalVetoes({ overview }: { overview: CouncilOverview }) {
  const { vetoes, safe, chainId, state } = overview;
  const card = { safe, chainId, owners: state.owners, threshold: state.threshold };
  return (
    <section aria-labelledby="proposal-vetoes" className="space-y-4">
      <div>
        <h2 id="proposal-vetoes" className="text-lg font-semibold">
          Veto a proposal
        </h2>
        <p className="text-sm text-muted">
          The council&apos;s Safe is the governor&apos;s proposal guardian: it can cancel any proposal before it is executed, whatever the vote. A queued
          proposal&apos;s timelock operation is canceled with it.
        </p>
      </div>
      {vetoes.length === 0 ? (
        <p className="card text-sm text-muted">No proposal can be vetoed now: every proposal is executed, canceled, defeated or expired.</p>
      ) : (
        <ul className="space-y-3">
          {vetoes.map((veto) => (
            <li key={veto.proposalId.toString()} id={vetoAnchor(veto.proposalId)} className="scroll-mt-4 space-y-2" data-testid={`veto-${veto.proposalId}`}>
              <p className="flex flex-wrap items-center gap-2 text-sm">
                <StateBadge state={veto.state} />
                <span className="min-w-0 font-medium break-words">{veto.title}</span>
                <ProposalLink proposalId={veto.proposalId} />
              </p>
              <DecisionCard key={veto.decision.instance} view={veto.decision} {...card} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
