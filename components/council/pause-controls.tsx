import type { CouncilOverview, CouncilPauseView } from "@/lib/web/council/overview.ts";

import { DecisionCard } from "./decision-card.tsx";

function stateText(pause: CouncilPauseView, allPaused: boolean): string {
  if (!pause.paused) return "Sequencing";
  if (pause.chainId === 0n) return "Paused (all chains)";
  return pause.pausedItself ? "Paused" : allPaused ? "Paused (all chains are paused)" : "Paused";
}

/** Emergency pause: each member chain and "all chains", its state now, and the decision that flips it. */
export function PauseControls({ overview }: { overview: CouncilOverview }) {
  const { pauses, safe, chainId, state } = overview;
  const allPaused = pauses.find((pause) => pause.chainId === 0n)?.paused ?? false;
  const card = { safe, chainId, owners: state.owners, threshold: state.threshold };
  return (
    <section aria-labelledby="emergency-pause" className="space-y-4">
      <div>
        <h2 id="emergency-pause" className="text-lg font-semibold">
          Emergency pause
        </h2>
        <p className="text-sm text-muted">A pause stops the shared sequencer from building blocks for the chain at once; the council or governance lifts it.</p>
      </div>
      <ul className="space-y-3">
        {pauses.map((pause) => (
          <li key={pause.chainId.toString()} className="space-y-2">
            <p className="flex flex-wrap items-center gap-2 font-medium">
              {pause.chainId === 0n ? "All chains" : `${pause.name} (chain ${pause.chainId})`}
              <span
                data-testid={`pause-state-${pause.chainId}`}
                className={`rounded-full px-2 py-0.5 text-xs ${pause.paused ? "bg-red-100 text-red-900" : "bg-emerald-100 text-emerald-900"}`}
              >
                {stateText(pause, allPaused)}
              </span>
            </p>
            <DecisionCard key={pause.decision.instance} view={pause.decision} {...card} />
          </li>
        ))}
      </ul>
    </section>
  );
}
