import type { SequencerStatus } from "@/lib/operator/sequencerStatus.ts";

import { Badge } from "./badge.tsx";
import { ScrollRegion } from "./scroll-region.tsx";

/** The leader of the chain as every answering replica reports it, in words. */
export function leaderOf(replication: SequencerStatus, chainId: number): string {
  const chain = replication.chains.find((entry) => entry.chainId === chainId);
  if (chain?.leader) return chain.leader;
  return chain?.disagreement ? `disputed (${chain.disagreement.join(" vs ")})` : "none";
}

/** A replicated sequencer's replicas: each one's RPC, its etcd lease, and which of them leads this chain. */
export function ReplicasTable({ replication, chainId }: { replication: SequencerStatus; chainId: number }) {
  const leader = replication.chains.find((chain) => chain.chainId === chainId)?.leader;
  return (
    <section aria-labelledby="replicas-title" className="space-y-3">
      <h2 id="replicas-title" className="text-lg font-semibold">
        Sequencer replicas
      </h2>
      <p className="text-sm text-muted">
        Any replica takes transactions for this chain and commits them to etcd before answering; only the leader builds its blocks.
        {leader === undefined ? " No replica leads this chain right now." : ` ${leader} leads it.`}
      </p>
      <ScrollRegion labelledBy="replicas-title">
        <table className="w-full min-w-[36rem] text-left text-sm" data-testid="replicas">
          <thead className="border-b border-line bg-canvas text-xs uppercase tracking-wide text-muted">
            <tr>
              <th scope="col" className="px-3 py-2 font-medium">Replica</th>
              <th scope="col" className="px-3 py-2 font-medium">RPC</th>
              <th scope="col" className="px-3 py-2 font-medium">State</th>
              <th scope="col" className="px-3 py-2 font-medium">This chain</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-line">
            {replication.replicas.map((replica) => (
              <tr key={replica.id ?? replica.url} data-testid={`replica-${replica.id ?? replica.url}`}>
                <td className="px-3 py-2 font-mono">{replica.id ?? "unknown"}</td>
                <td className="px-3 py-2 font-mono text-xs">{replica.url}</td>
                <td className="px-3 py-2">
                  {replica.error !== undefined ? (
                    <Badge tone="bad">unreachable</Badge>
                  ) : replica.leaseValidForMs === undefined ? (
                    <Badge tone="neutral">not asked</Badge>
                  ) : replica.etcdReachable ? (
                    <Badge tone={replica.paused ? "warn" : "ok"}>{replica.paused ? "paused" : "etcd reachable"}</Badge>
                  ) : (
                    <Badge tone="bad">etcd unreachable</Badge>
                  )}
                </td>
                <td className="px-3 py-2">{replica.id !== undefined && replica.id === leader ? <Badge tone="info">leader</Badge> : <span className="text-muted">follower</span>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollRegion>
    </section>
  );
}
