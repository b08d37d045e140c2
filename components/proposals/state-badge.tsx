import type { ProposalStateName } from "@/lib/web/proposals/types.ts";

const STYLES: Record<ProposalStateName, string> = {
  pending: "bg-zinc-100 text-zinc-800 ring-zinc-300",
  active: "bg-sky-100 text-sky-900 ring-sky-300",
  succeeded: "bg-emerald-100 text-emerald-900 ring-emerald-300",
  queued: "bg-amber-100 text-amber-900 ring-amber-300",
  executed: "bg-indigo-100 text-indigo-900 ring-indigo-300",
  defeated: "bg-red-100 text-red-900 ring-red-300",
  canceled: "bg-zinc-200 text-zinc-800 ring-zinc-400",
  expired: "bg-zinc-200 text-zinc-800 ring-zinc-400",
};

/** A proposal's governor state as a coloured label (the word carries the meaning, not the colour). */
export function StateBadge({ state }: { state: ProposalStateName }) {
  return (
    <span data-state={state} className={`inline-flex shrink-0 items-center rounded-full px-2 py-0.5 text-xs font-medium capitalize ring-1 ring-inset ${STYLES[state]}`}>
      {state}
    </span>
  );
}
