import { formatUtc } from "@/lib/governance/codec/describe.ts";
import { PARAMETER_LABELS } from "@/lib/governance/parameters.ts";
import { formatRelative } from "@/lib/web/chains/format.ts";
import type { ConfigEntryState, ConfigHistoryEntry } from "@/lib/web/chains/history.ts";

import { Badge, type BadgeTone } from "./badge.tsx";
import { ScrollRegion } from "./scroll-region.tsx";

const stateBadge: Record<ConfigEntryState, { tone: BadgeTone; text: string }> = {
  inForce: { tone: "ok", text: "in force" },
  scheduled: { tone: "info", text: "scheduled" },
  past: { tone: "neutral", text: "past" },
  superseded: { tone: "neutral", text: "superseded" },
};

function changeText(entry: ConfigHistoryEntry): string {
  if (entry.changed.length === 0) return entry.source === "default" ? "initial default configuration" : "no effective change";
  return entry.changed.map((name) => `${PARAMETER_LABELS[name].label} ${PARAMETER_LABELS[name].format(entry.parameters[name])}`).join(", ");
}

/**
 * The chain's configuration versions, newest first, from the registry's events: when each took
 * (or takes) effect, whether it came from the default for all chains or from this chain, and
 * what it changed.
 */
export function ConfigHistory({ entries, now }: { entries: readonly ConfigHistoryEntry[]; now: bigint }) {
  return (
    <section aria-labelledby="history-title" className="space-y-3">
      <h2 id="history-title" className="text-lg font-semibold">
        Configuration history
      </h2>
      {entries.length === 0 ? (
        <p className="text-sm text-muted">No configuration has been recorded for this chain.</p>
      ) : (
        <ScrollRegion labelledBy="history-title">
          <table className="w-full min-w-[36rem] text-left text-sm" data-testid="config-history">
            <thead className="border-b border-line bg-canvas text-xs uppercase tracking-wide text-muted">
              <tr>
                <th scope="col" className="px-3 py-2 font-medium">Version</th>
                <th scope="col" className="px-3 py-2 font-medium">Activation</th>
                <th scope="col" className="px-3 py-2 font-medium">Scope</th>
                <th scope="col" className="px-3 py-2 font-medium">Changed</th>
                <th scope="col" className="px-3 py-2 font-medium">State</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-line">
              {entries.map((entry) => (
                <tr key={entry.pointVersion.toString()} data-testid={`history-v${entry.pointVersion}`}>
                  <td className="px-3 py-2 font-mono text-xs">v{entry.version.toString()}</td>
                  <td className="px-3 py-2">
                    <span className="block">{formatUtc(entry.activatesAt)}</span>
                    <span className="block text-xs text-muted">{formatRelative(entry.activatesAt, now)}</span>
                  </td>
                  <td className="px-3 py-2">{entry.source === "default" ? "all chains (default)" : "this chain"}</td>
                  <td className="px-3 py-2">{changeText(entry)}</td>
                  <td className="px-3 py-2">
                    <Badge tone={stateBadge[entry.state].tone}>{stateBadge[entry.state].text}</Badge>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      )}
    </section>
  );
}
