import { Badge } from "./badge.tsx";

/**
 * The chain's pause state, prominent: a paused chain builds no blocks and admits no transactions,
 * which everyone on the page should see first. `runningPaused` is the sequencer's own flag
 * (`undefined` when unknown), so a pause the sequencer has not applied yet is visible too.
 */
export function PauseBanner({ name, paused, runningPaused }: { name: string; paused: boolean; runningPaused: boolean | undefined }) {
  if (!paused) {
    return (
      <p data-testid="pause-state" className="flex flex-wrap items-center gap-2 text-sm text-muted">
        <Badge tone="ok">Running</Badge>
        Sequencing of {name} is not paused{runningPaused === true ? ", but the sequencer still reports it paused" : ""}.
      </p>
    );
  }
  return (
    <div data-testid="pause-state" role="status" className="rounded-lg border-2 border-red-300 bg-red-50 p-4 text-red-900">
      <p className="font-semibold">Paused: sequencing of {name} is stopped by the Security Council.</p>
      <p className="mt-1 text-sm">
        No blocks are built and no transactions are admitted until the council or governance unpauses it
        {runningPaused === false ? ". The sequencer has not applied the pause yet." : "."}
      </p>
    </div>
  );
}
