import { shortHex } from "@/lib/web/format.ts";
import type { StepState, TimelineStep } from "@/lib/web/proposals/timeline.ts";

import { ChainTime } from "./chain-time.tsx";

const MARKS: Record<StepState, { icon: string; className: string; word: string }> = {
  done: { icon: "✓", className: "bg-emerald-600 text-white", word: "done" },
  current: { icon: "●", className: "bg-accent text-white", word: "current" },
  upcoming: { icon: "○", className: "border border-zinc-400 bg-surface text-zinc-600", word: "upcoming" },
  failed: { icon: "✕", className: "bg-red-700 text-white", word: "failed" },
};

/** The proposal's one timeline, from creation to "in force on the sequencer". */
export function Timeline({ steps }: { steps: readonly TimelineStep[] }) {
  return (
    <ol className="relative space-y-4 border-l border-line pl-6">
      {steps.map((step) => {
        const mark = MARKS[step.state];
        return (
          <li key={step.key} className="relative" data-step={step.key} data-step-state={step.state} aria-current={step.state === "current" ? "step" : undefined}>
            <span aria-hidden className={`absolute -left-[2.1rem] top-0.5 flex size-5 items-center justify-center rounded-full text-[0.65rem] ${mark.className}`}>
              {mark.icon}
            </span>
            <p className="text-sm font-medium">
              {step.label} <span className="sr-only">({mark.word})</span>
              <span aria-hidden className="ml-2 text-xs font-normal text-muted">
                {mark.word}
              </span>
            </p>
            <p className="text-xs text-muted">
              {step.at !== undefined && (
                <>
                  {step.timeLabel ?? (step.expected ? "expected at" : "")} <ChainTime at={step.at} />
                </>
              )}
              {step.at !== undefined && step.detail && " · "}
              {step.detail}
              {step.tx && (
                <>
                  {" · tx "}
                  <span className="font-mono" title={step.tx} data-step-tx={step.tx}>
                    {shortHex(step.tx, 8, 6)}
                  </span>
                </>
              )}
            </p>
          </li>
        );
      })}
    </ol>
  );
}
