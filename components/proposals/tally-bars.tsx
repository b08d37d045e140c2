import { formatVotes, percent, quorumVotes, totalVotes } from "@/lib/web/proposals/format.ts";
import type { ChainTally, TokenInfo } from "@/lib/web/proposals/types.ts";
import type { VoteTally } from "@/lib/governance/index.ts";

import { TallyLine } from "./tally-line.tsx";

function Segment({ value, scale, className }: { value: bigint; scale: bigint; className: string }) {
  if (value === 0n || scale === 0n) return null;
  return <span className={`block h-full ${className}`} style={{ width: `${Math.max(percent(value, scale), 1)}%` }} />;
}

/**
 * For / against / abstain of the hub and each member chain. Bars share one scale (all votes of
 * the proposal), so a chain's bar length shows its share; the numbers are text, the bars decoration.
 */
export function TallyBars({ tallies, token, compact = false }: { tallies: readonly ChainTally[]; token: TokenInfo; compact?: boolean }) {
  const scale = tallies.reduce((total, chain) => total + totalVotes(chain.tally), 0n);
  return (
    <ul className={compact ? "space-y-1.5" : "space-y-3"} aria-label="Votes per chain">
      {tallies.map(({ chainId, name, role, tally }) => (
        <li key={chainId} data-testid={`tally-${chainId}`} className="text-xs">
          <div className="flex flex-wrap items-baseline justify-between gap-x-3">
            <span className="font-medium text-ink">
              {name} <span className="font-normal text-muted">({role === "hub" ? `hub, chain ${chainId}` : `chain ${chainId}`})</span>
            </span>
            <span className="text-muted">
              <TallyLine tally={tally} token={token} />
            </span>
          </div>
          <div aria-hidden className={`mt-1 flex overflow-hidden rounded-full bg-zinc-100 ${compact ? "h-1.5" : "h-2"}`}>
            <Segment value={tally.forVotes} scale={scale} className="bg-emerald-600" />
            <Segment value={tally.againstVotes} scale={scale} className="bg-red-600" />
            <Segment value={tally.abstainVotes} scale={scale} className="bg-zinc-400" />
          </div>
        </li>
      ))}
    </ul>
  );
}

/** For + abstain against the quorum at the snapshot. */
export function QuorumProgress({ totals, quorum, token }: { totals: VoteTally; quorum: bigint | undefined; token: TokenInfo }) {
  if (quorum === undefined) {
    return <p className="text-xs text-muted">Quorum is fixed at the snapshot, when voting opens.</p>;
  }
  const counted = quorumVotes(totals);
  const share = percent(counted, quorum);
  const reached = counted >= quorum;
  return (
    <div className="text-xs" data-testid="quorum">
      <p className="flex flex-wrap justify-between gap-x-3">
        <span className="font-medium text-ink">Quorum {reached ? "reached" : "not reached"}</span>
        <span className="text-muted">
          {formatVotes(counted, token)} of {formatVotes(quorum, token)} ({share}%)
        </span>
      </p>
      <div aria-hidden className="mt-1 h-1.5 overflow-hidden rounded-full bg-zinc-100">
        <span className={`block h-full ${reached ? "bg-emerald-600" : "bg-accent"}`} style={{ width: `${Math.min(share, 100)}%` }} />
      </div>
    </div>
  );
}
