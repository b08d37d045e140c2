import type { Route } from "next";
import Link from "next/link";

import { Badge } from "@/components/chains/badge.tsx";
import { PausedBadge } from "@/components/chains/chains-table.tsx";
import { DriftBadge } from "@/components/chains/config-comparison.tsx";
import { leaderOf } from "@/components/chains/replicas-table.tsx";
import { PARAMETER_LABELS, type ParameterName } from "@/lib/governance/parameters.ts";
import { formatAge } from "@/lib/web/chains/format.ts";
import type { ChainSummary } from "@/lib/web/chains/readChainSummaries.ts";
import type { SequencerHealth } from "@/lib/web/chains/sequencerHealth.ts";

/** The parameters a dashboard reader checks first; the chain page has all of them. */
const KEY_PARAMETERS: readonly ParameterName[] = ["blockTimeMs", "maxTxPerBlock", "orderingPolicy", "minPriorityFeeWei"];

const releaseTone = { ok: "ok", warn: "warn", halt: "bad" } as const;

function SequencerRows({ chain, sequencer, now }: { chain: ChainSummary; sequencer: SequencerHealth; now: bigint }) {
  if (!sequencer.reachable) {
    return (
      <div className="flex flex-wrap items-center justify-between gap-2 py-1.5">
        <dt className="text-muted">Sequencer</dt>
        <dd>
          <Badge tone="bad">unreachable</Badge>
        </dd>
      </div>
    );
  }
  const running = chain.running;
  const state = sequencer.release.state as keyof typeof releaseTone;
  return (
    <>
      <div className="flex flex-wrap items-center justify-between gap-2 py-1.5">
        <dt className="text-muted">Sequencer</dt>
        <dd className="flex flex-wrap gap-1">
          {running === undefined || running === null ? <Badge tone="warn">does not serve this chain</Badge> : <Badge tone="ok">reachable</Badge>}
          <Badge tone={releaseTone[state] ?? "neutral"}>{`release ${sequencer.release.version}: ${sequencer.release.state}`}</Badge>
        </dd>
      </div>
      <div className="flex flex-wrap items-center justify-between gap-2 py-1.5">
        <dt className="text-muted">Last block</dt>
        <dd data-testid="last-block">
          {chain.lastBlock === undefined ? "none yet" : `#${chain.lastBlock.number} · ${formatAge(chain.lastBlock.timestamp, now)}`}
        </dd>
      </div>
      {sequencer.replication && (
        <div className="flex flex-wrap items-center justify-between gap-2 py-1.5">
          <dt className="text-muted">Leader replica</dt>
          <dd data-testid="leader-replica">
            {leaderOf(sequencer.replication, chain.chainId)}{" "}
            <span className="text-muted">of {sequencer.replication.replicas.length}</span>
          </dd>
        </div>
      )}
      {running !== undefined && running !== null && (
        <div className="flex flex-wrap items-center justify-between gap-2 py-1.5">
          <dt className="text-muted">Hub</dt>
          <dd>{running.hubReachable ? <Badge tone="ok">reachable from the sequencer</Badge> : <Badge tone="bad">unreachable from the sequencer</Badge>}</dd>
        </div>
      )}
    </>
  );
}

/** One member chain on the dashboard: configuration in force, pause, sequencer health. */
export function ChainCard({ chain, sequencer, now }: { chain: ChainSummary; sequencer: SequencerHealth; now: bigint }) {
  const headingId = `chain-${chain.chainId}-title`;
  return (
    <section aria-labelledby={headingId} className="card space-y-3" data-testid={`chain-card-${chain.chainId}`}>
      <div className="flex flex-wrap items-start justify-between gap-2">
        <h3 id={headingId} className="font-semibold">
          <Link href={`/chains/${chain.chainId}` as Route} className="text-accent hover:underline">
            {chain.name}
          </Link>{" "}
          <span className="text-sm font-normal text-muted">chain {chain.chainId}</span>
        </h3>
        <div className="flex flex-wrap gap-1" data-testid="chain-state">
          <PausedBadge paused={chain.governed.paused} />
          <DriftBadge comparison={chain.comparison} />
        </div>
      </div>
      <dl className="divide-y divide-line text-sm">
        <div className="flex flex-wrap items-center justify-between gap-2 py-1.5">
          <dt className="text-muted">Configuration</dt>
          <dd className="font-mono text-xs">v{chain.governed.version.toString()}</dd>
        </div>
        {KEY_PARAMETERS.map((name) => (
          <div key={name} className="flex flex-wrap items-center justify-between gap-2 py-1.5">
            <dt className="text-muted first-letter:uppercase">{PARAMETER_LABELS[name].label}</dt>
            <dd>{PARAMETER_LABELS[name].format(chain.governed.parameters[name])}</dd>
          </div>
        ))}
        <SequencerRows chain={chain} sequencer={sequencer} now={now} />
      </dl>
    </section>
  );
}
