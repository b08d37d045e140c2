import type { Route } from "next";
import Link from "next/link";

import { formatUtc } from "@/lib/governance/codec/describe.ts";
import type { ChainChange, ChangeStage } from "@/lib/web/chains/changes.ts";
import { formatRelative } from "@/lib/web/chains/format.ts";
import { shortProposalId } from "@/lib/web/format.ts";
import { proposalHref } from "@/lib/web/proposals/params.ts";

import { Badge, type BadgeTone } from "./badge.tsx";

export type ChainChangeItem = ChainChange & { sentence: string };

function stageBadge(item: ChainChangeItem): { tone: BadgeTone; text: string } {
  const stages: Record<ChangeStage, { tone: BadgeTone; text: string }> = {
    awaitingCouncil: { tone: "warn", text: "awaiting the council" },
    scheduled: { tone: "info", text: "scheduled" },
    activeOnHub: { tone: "warn", text: "active on the hub, not yet on the sequencer" },
    inForce: { tone: "ok", text: item.change.kind === "setParameters" ? "in force on the sequencer" : "in force" },
  };
  return stages[item.stage];
}

function when(item: ChainChangeItem, now: bigint): string {
  const { change, stage } = item;
  if (stage === "awaitingCouncil") return `The council has until ${formatUtc(change.expiresAt)} (${formatRelative(change.expiresAt, now)}) to decide.`;
  const verb = change.activatesAt > now ? "Activates" : "Activated";
  return `${verb} ${formatUtc(change.activatesAt)} (${formatRelative(change.activatesAt, now)}).`;
}

/**
 * Registry changes for this chain or all chains on their way to the sequencer: waiting for the
 * council, scheduled with their activation time, then active and, for parameters, confirmed by
 * the sequencer's own report.
 */
export function ChainChanges({ items, now }: { items: readonly ChainChangeItem[]; now: bigint }) {
  return (
    <section aria-labelledby="changes-title" className="space-y-3">
      <h2 id="changes-title" className="text-lg font-semibold">
        Upcoming and recent changes
      </h2>
      {items.length === 0 ? (
        <p className="text-sm text-muted">No change for this chain is waiting for the council or for its activation.</p>
      ) : (
        <ul className="space-y-2">
          {items.map((item) => {
            const badge = stageBadge(item);
            return (
              <li key={item.change.id.toString()} data-testid={`change-${item.change.id}`} data-stage={item.stage} className="card space-y-1 text-sm">
                <div className="flex flex-wrap items-center justify-between gap-2">
                  <span className="font-medium">
                    Change #{item.change.id.toString()}
                    {item.change.chainId === 0n ? " · all chains" : ""}
                  </span>
                  <Badge tone={badge.tone}>{badge.text}</Badge>
                </div>
                <p>{item.sentence}</p>
                <p className="text-muted" data-testid="change-when">
                  {when(item, now)}
                </p>
                {(item.change.proposalId !== undefined || item.stage === "awaitingCouncil") && (
                  <p className="flex flex-wrap gap-x-4 gap-y-1">
                    {item.change.proposalId !== undefined && (
                      <Link href={proposalHref(item.change.proposalId)} className="font-medium text-accent hover:underline">
                        From proposal {shortProposalId(item.change.proposalId)}
                      </Link>
                    )}
                    {item.stage === "awaitingCouncil" && (
                      <Link href={"/council" as Route} className="font-medium text-accent hover:underline">
                        Review in the council
                      </Link>
                    )}
                  </p>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
