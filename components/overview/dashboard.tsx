import type { ReactNode } from "react";

import type { SequencerHealth } from "@/lib/web/chains/sequencerHealth.ts";
import type { Overview } from "@/lib/web/overview/readOverview.ts";

import { AwaitingCouncil } from "./awaiting-council.tsx";
import { ChainCard } from "./chain-card.tsx";
import { StatusPanel, type StatusItem } from "./status-panel.tsx";

function sequencerItems(sequencer: SequencerHealth): StatusItem[] {
  if (!sequencer.reachable) return [{ label: "Health endpoint", value: `unreachable: ${sequencer.reason}`, state: "down" }];
  const { release } = sequencer;
  return [
    { label: "Health endpoint", value: `reachable at ${sequencer.url}`, state: "ok" },
    { label: `Release ${release.version}`, value: `${release.state}: ${release.message}`, state: release.state === "ok" ? "ok" : release.state === "warn" ? "pending" : "down" },
  ];
}

/**
 * The dashboard below the intro: the shared sequencer, every member chain, then what is moving
 * through governance (`proposals` is the active-proposals section, rendered by the page).
 */
export function Dashboard({ overview, proposals }: { overview: Overview; proposals: ReactNode }) {
  return (
    <>
      <section aria-labelledby="members-title" className="space-y-3">
        <h2 id="members-title" className="text-lg font-semibold">
          Member chains
        </h2>
        {overview.chains.length === 0 ? (
          <p className="text-sm text-muted">The deployment lists no member chains.</p>
        ) : (
          <div className="grid gap-4 md:grid-cols-2">
            {overview.chains.map((chain) => (
              <ChainCard key={chain.chainId} chain={chain} sequencer={overview.sequencer} now={overview.now} />
            ))}
          </div>
        )}
      </section>
      <StatusPanel title="Shared sequencer" summary="One sequencer builds the blocks of every member chain." items={sequencerItems(overview.sequencer)} testId="sequencer-panel" />
      {proposals}
      <AwaitingCouncil changes={overview.awaitingCouncil} now={overview.now} />
    </>
  );
}
