import type { ReactNode } from "react";

export type BadgeTone = "ok" | "warn" | "bad" | "info" | "neutral";

const toneClass: Record<BadgeTone, string> = {
  ok: "border-emerald-300 bg-emerald-50 text-emerald-900",
  warn: "border-amber-300 bg-amber-50 text-amber-900",
  bad: "border-red-300 bg-red-50 text-red-900",
  info: "border-indigo-200 bg-accent-soft text-indigo-900",
  neutral: "border-line bg-canvas text-muted",
};

const toneMark: Record<BadgeTone, string> = { ok: "✓", warn: "!", bad: "✕", info: "•", neutral: "–" };

/** A short state in words with a matching mark; colour only reinforces the text. */
export function Badge({ tone, children, testId }: { tone: BadgeTone; children: ReactNode; testId?: string }) {
  return (
    <span
      data-testid={testId}
      className={`inline-flex items-center gap-1 whitespace-nowrap rounded-full border px-2 py-0.5 text-xs font-medium ${toneClass[tone]}`}
    >
      <span aria-hidden>{toneMark[tone]}</span>
      {children}
    </span>
  );
}
