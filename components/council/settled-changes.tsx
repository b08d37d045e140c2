import { formatUtc } from "@/lib/governance/codec/describe.ts";
import type { ChangeStatus } from "@/lib/governance/index.ts";
import type { CouncilOverview } from "@/lib/web/council/overview.ts";

import { ProposalLink } from "./proposal-link.tsx";

const STATUS: Partial<Record<ChangeStatus, { label: string; tone: string }>> = {
  approved: { label: "Approved", tone: "bg-emerald-100 text-emerald-900" },
  active: { label: "In force", tone: "bg-emerald-100 text-emerald-900" },
  rejected: { label: "Rejected", tone: "bg-red-100 text-red-900" },
  expired: { label: "Expired", tone: "bg-zinc-200 text-zinc-900" },
  cancelled: { label: "Cancelled", tone: "bg-zinc-200 text-zinc-900" },
};

/** The newest changes already settled, so a decision just executed is seen to have landed. */
export function SettledChanges({ overview }: { overview: CouncilOverview }) {
  if (overview.settled.length === 0) return null;
  return (
    <section aria-labelledby="settled-changes" className="space-y-3">
      <h2 id="settled-changes" className="text-lg font-semibold">
        Recently settled changes
      </h2>
      <ul className="card divide-y divide-line p-0 text-sm">
        {overview.settled.map((change) => {
          const status = STATUS[change.status] ?? { label: change.status, tone: "bg-zinc-200 text-zinc-900" };
          return (
            <li key={change.id.toString()} className="space-y-1 p-4" data-testid={`settled-change-${change.id}`}>
              <p className="flex flex-wrap items-center gap-2">
                <span className="font-medium">Change #{change.id.toString()}</span>
                <span className={`rounded-full px-2 py-0.5 text-xs ${status.tone}`} data-testid="settled-status">
                  {status.label}
                </span>
              </p>
              <p>{change.sentence}</p>
              <p className="text-muted">
                {change.approvedAt > 0n && `Approved ${formatUtc(change.approvedAt)}, in force from ${formatUtc(change.activatesAt)}`}
                {change.proposalId !== undefined && (
                  <>
                    {change.approvedAt > 0n && " · "}
                    Scheduled by <ProposalLink proposalId={change.proposalId} />
                  </>
                )}
              </p>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
