import { formatUtc } from "@/lib/governance/codec/describe.ts";
import type { CouncilOverview } from "@/lib/web/council/overview.ts";

import { DecisionCard } from "./decision-card.tsx";
import { ProposalLink } from "./proposal-link.tsx";

/** Registry changes waiting for the council, each with its approve and reject transactions. */
export function AwaitingChanges({ overview }: { overview: CouncilOverview }) {
  const { changes, safe, chainId, state } = overview;
  const card = { safe, chainId, owners: state.owners, threshold: state.threshold };
  return (
    <section aria-labelledby="awaiting-changes" className="space-y-4">
      <h2 id="awaiting-changes" className="text-lg font-semibold">
        Changes awaiting the council
      </h2>
      {changes.length === 0 ? (
        <p className="card text-sm text-muted">No registry change is waiting for the council. Changes arrive here when a proposal that schedules one is executed.</p>
      ) : (
        changes.map((change) => (
          <article key={change.id.toString()} aria-labelledby={`change-${change.id}`} className="space-y-3" data-testid={`awaiting-change-${change.id}`}>
            <div className="card space-y-1">
              <h3 id={`change-${change.id}`} className="font-semibold">
                Change #{change.id.toString()}
              </h3>
              <p>{change.sentence}</p>
              <p className="text-sm text-muted">
                {change.proposalId === undefined ? (
                  "Not scheduled by a proposal · "
                ) : (
                  <>
                    Scheduled by{" "}
                    <ProposalLink proposalId={change.proposalId} />
                    {" · "}
                  </>
                )}
                expires {formatUtc(change.expiresAt)} unless the council decides
              </p>
            </div>
            <div className="space-y-2 sm:pl-4">
              <DecisionCard key={change.approve.instance} view={change.approve} {...card} />
              <DecisionCard key={change.reject.instance} view={change.reject} {...card} />
            </div>
          </article>
        ))
      )}
    </section>
  );
}
