import Link from "next/link";

import { formatAge } from "@/lib/web/chains/format.ts";
import type { ChainDetail } from "@/lib/web/chains/readChainDetail.ts";

import { Badge } from "./badge.tsx";
import { ChainChanges } from "./chain-changes.tsx";
import { PausedBadge } from "./chains-table.tsx";
import { CommitmentsTable } from "./commitments-table.tsx";
import { ConfigComparisonTable } from "./config-comparison.tsx";
import { ConfigHistory } from "./config-history.tsx";
import { PauseBanner } from "./pause-banner.tsx";
import { ReleasesTable } from "./releases-table.tsx";
import { ReplicasTable } from "./replicas-table.tsx";
import { ChainRoots } from "./roots-table.tsx";
import { SequencerUnreachable } from "./sequencer-unreachable.tsx";

/** The sequencer's own report for the chain in one line: last block and whether it reaches the hub. */
function SequencerLine({ detail }: { detail: ChainDetail }) {
  const { running, lastBlock, sequencer } = detail;
  if (!sequencer.reachable) return null;
  if (running === undefined || running === null) {
    return <p className="text-sm text-muted">The sequencer at {sequencer.url} does not serve this chain.</p>;
  }
  return (
    <p className="flex flex-wrap items-center gap-x-3 gap-y-1 text-sm" data-testid="sequencer-line">
      <span>
        Sequencer: {lastBlock === undefined ? "no block built yet" : `last block #${lastBlock.number} (${formatAge(lastBlock.timestamp, detail.now)})`}
      </span>
      {running.hubReachable ? <Badge tone="ok">reaches the hub</Badge> : <Badge tone="bad">cannot reach the hub</Badge>}
    </p>
  );
}

/** Everything known about one member chain, governed side first, sequencer side next to it. */
export function ChainDetailView({ detail }: { detail: ChainDetail }) {
  const runningPaused = detail.running === null || detail.running === undefined ? undefined : detail.running.paused;
  return (
    <article className="space-y-8">
      <header className="space-y-3">
        <Link href="/chains" className="text-sm font-medium text-accent hover:underline">
          ← All chains
        </Link>
        <div className="flex flex-wrap items-center gap-3">
          <h1 className="text-2xl font-semibold tracking-tight">{detail.name}</h1>
          <span className="text-sm text-muted">chain {detail.chainId}</span>
          <PausedBadge paused={detail.governed.paused} />
          <Badge tone="info">{`v${detail.governed.version} in force`}</Badge>
        </div>
        <PauseBanner name={detail.name} paused={detail.governed.paused} runningPaused={runningPaused} />
        {!detail.sequencer.reachable && <SequencerUnreachable url={detail.sequencer.url} reason={detail.sequencer.reason} />}
        <SequencerLine detail={detail} />
      </header>
      {detail.sequencer.reachable && detail.sequencer.replication && <ReplicasTable replication={detail.sequencer.replication} chainId={detail.chainId} />}
      <ConfigComparisonTable comparison={detail.comparison} />
      <ChainChanges items={detail.changes} now={detail.now} />
      <ConfigHistory entries={detail.history} now={detail.now} />
      <ReleasesTable releases={detail.releases} />
      <CommitmentsTable commitments={detail.commitments} />
      <ChainRoots outputs={detail.roots.outputs} hubStates={detail.roots.hubStates} />
    </article>
  );
}
