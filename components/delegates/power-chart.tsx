import { ChainTime } from "@/components/proposals/chain-time.tsx";
import { formatUtc } from "@/lib/governance/index.ts";
import { powerChart } from "@/lib/web/delegates/chart.ts";
import { formatTokens } from "@/lib/web/delegates/format.ts";
import type { PowerPoint } from "@/lib/web/delegates/profileModel.ts";

const WIDTH = 640;
const HEIGHT = 160;

type Props = {
  history: readonly PowerPoint[];
  now: bigint;
  token: { symbol: string; decimals: number };
  chainName: (chainId: number) => string;
};

/**
 * A delegate's total voting power over time as an inline SVG step chart, with its text
 * alternative: a one-line summary as the image's name and every change in a table below.
 */
export function PowerChart({ history, now, token, chainName }: Props) {
  const chart = powerChart(history, now, { width: WIDTH, height: HEIGHT });
  if (!chart) return <p className="text-sm text-muted">No voting power has ever been delegated to this address.</p>;
  const amount = (value: bigint) => `${formatTokens(value, token.decimals)} ${token.symbol}`;
  const last = history.at(-1)!;
  const summary = `Voting power from ${formatUtc(chart.from)} to ${formatUtc(chart.to)}: ${history.length} change${history.length === 1 ? "" : "s"}, peak ${amount(chart.max)}, now ${amount(last.total)}.`;
  return (
    <figure className="space-y-2">
      <div className="flex justify-between text-xs text-muted tabular-nums" aria-hidden="true">
        <span>{amount(chart.max)}</span>
      </div>
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-labelledby="power-chart-summary" className="h-40 w-full text-accent" preserveAspectRatio="none" data-testid="power-chart">
        <path d={chart.area} className="fill-current opacity-10" />
        <path d={chart.line} className="stroke-current" fill="none" strokeWidth={2} vectorEffect="non-scaling-stroke" />
      </svg>
      <div className="flex justify-between gap-2 text-xs text-muted" aria-hidden="true">
        <span>{formatUtc(chart.from)}</span>
        <span>{formatUtc(chart.to)}</span>
      </div>
      <figcaption id="power-chart-summary" className="flex flex-wrap justify-between gap-2 text-xs text-muted">
        <span>{summary}</span>
      </figcaption>
      <details className="text-sm">
        <summary className="cursor-pointer font-medium text-accent">Every change as a table</summary>
        <div className="mt-2 overflow-x-auto" role="region" aria-label="Voting power changes" tabIndex={0}>
          <table className="w-full min-w-[26rem] text-left text-sm">
            <thead className="text-muted">
              <tr>
                <th scope="col" className="py-1 pr-3 font-medium">Time</th>
                <th scope="col" className="py-1 pr-3 font-medium">Chain</th>
                <th scope="col" className="py-1 pr-3 text-right font-medium">Power there</th>
                <th scope="col" className="py-1 text-right font-medium">Total</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-line">
              {[...history].reverse().map((point) => (
                <tr key={`${point.chainId}:${point.transactionHash}:${point.chainVotes}`}>
                  <td className="py-1 pr-3"><ChainTime at={point.timestamp} /></td>
                  <td className="py-1 pr-3">{chainName(point.chainId)}</td>
                  <td className="py-1 pr-3 text-right tabular-nums">{amount(point.chainVotes)}</td>
                  <td className="py-1 text-right tabular-nums">{amount(point.total)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </figure>
  );
}
