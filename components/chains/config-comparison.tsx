import type { ConfigComparison } from "@/lib/web/chains/compare.ts";

import { Badge } from "./badge.tsx";
import { ScrollRegion } from "./scroll-region.tsx";

const reasonText: Record<NonNullable<ConfigComparison["reason"]>, string> = {
  unreachable: "the sequencer did not answer",
  notServed: "the sequencer does not serve this chain",
  notLoaded: "the sequencer has not loaded a configuration for this chain yet",
};

/** A one-word verdict of governed vs running, in text and colour. */
export function DriftBadge({ comparison }: { comparison: ConfigComparison }) {
  if (comparison.status === "match") return <Badge tone="ok">match</Badge>;
  if (comparison.status === "drift") {
    return (
      <Badge tone="bad">
        drift ({comparison.differences} {comparison.differences === 1 ? "difference" : "differences"})
      </Badge>
    );
  }
  return <Badge tone="neutral">unknown</Badge>;
}

/**
 * Every value governed on the hub next to the value the sequencer reports. A differing row is
 * marked in words ("differs") and with a tinted background, never by colour alone.
 */
export function ConfigComparisonTable({ comparison }: { comparison: ConfigComparison }) {
  return (
    <section aria-labelledby="compare-title" className="space-y-3">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 id="compare-title" className="text-lg font-semibold">
          Governed vs running configuration
        </h2>
        <DriftBadge comparison={comparison} />
      </div>
      {comparison.reason !== undefined && (
        <p className="text-sm text-muted">Only the governed side is shown: {reasonText[comparison.reason]}.</p>
      )}
      <ScrollRegion labelledBy="compare-title">
        <table className="w-full min-w-[36rem] text-left text-sm" data-testid="config-comparison">
          <thead className="border-b border-line bg-canvas text-xs uppercase tracking-wide text-muted">
            <tr>
              <th scope="col" className="px-3 py-2 font-medium">Parameter</th>
              <th scope="col" className="px-3 py-2 font-medium">Governed (hub)</th>
              <th scope="col" className="px-3 py-2 font-medium">Running (sequencer)</th>
              <th scope="col" className="px-3 py-2 font-medium">Compared</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-line">
            {comparison.rows.map((row) => (
              <tr key={row.key} data-testid={`compare-${row.key}`} data-differs={row.differs} className={row.differs ? "bg-amber-50" : undefined}>
                <th scope="row" className="px-3 py-2 font-medium first-letter:uppercase">
                  {row.label}
                </th>
                <td className="px-3 py-2 font-mono text-xs" data-testid="governed-value">
                  {row.governed}
                </td>
                <td className="px-3 py-2 font-mono text-xs" data-testid="running-value">
                  {row.running ?? <span className="font-sans text-muted">not known</span>}
                </td>
                <td className="px-3 py-2">
                  {row.running === undefined ? (
                    <span className="text-muted">–</span>
                  ) : row.differs ? (
                    <span className="font-semibold text-red-800">≠ differs</span>
                  ) : (
                    <span className="text-muted">= same</span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollRegion>
    </section>
  );
}
