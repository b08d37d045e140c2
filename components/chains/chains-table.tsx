import type { Route } from "next";
import Link from "next/link";

import { formatUtc } from "@/lib/governance/codec/describe.ts";
import type { ChainSummary } from "@/lib/web/chains/readChainSummaries.ts";

import { Badge } from "./badge.tsx";
import { DriftBadge } from "./config-comparison.tsx";
import { ScrollRegion } from "./scroll-region.tsx";

/** Sequencing state of a chain in a word: the hub's pause flag decides. */
export function PausedBadge({ paused }: { paused: boolean }) {
  return paused ? <Badge tone="bad">paused</Badge> : <Badge tone="ok">running</Badge>;
}

/** Every member chain in one table: version, pause, governed vs running, newest commitment. */
export function ChainsTable({ chains, commitmentsAvailable, labelledBy }: { chains: readonly ChainSummary[]; commitmentsAvailable: boolean; labelledBy: string }) {
  return (
    <ScrollRegion labelledBy={labelledBy}>
      <table className="w-full min-w-[40rem] text-left text-sm" data-testid="chains-table">
        <thead className="border-b border-line bg-canvas text-xs uppercase tracking-wide text-muted">
          <tr>
            <th scope="col" className="px-3 py-2 font-medium">Chain</th>
            <th scope="col" className="px-3 py-2 font-medium">Version</th>
            <th scope="col" className="px-3 py-2 font-medium">Sequencing</th>
            <th scope="col" className="px-3 py-2 font-medium">Running vs governed</th>
            <th scope="col" className="px-3 py-2 font-medium">Last commitment</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-line">
          {chains.map((chain) => (
            <tr key={chain.chainId} data-testid={`chain-row-${chain.chainId}`}>
              <th scope="row" className="px-3 py-2 font-medium">
                <Link href={`/chains/${chain.chainId}` as Route} className="text-accent hover:underline">
                  {chain.name}
                </Link>
                <span className="block text-xs font-normal text-muted">chain {chain.chainId}</span>
              </th>
              <td className="px-3 py-2 font-mono text-xs">v{chain.governed.version.toString()}</td>
              <td className="px-3 py-2">
                <PausedBadge paused={chain.governed.paused} />
              </td>
              <td className="px-3 py-2">
                <DriftBadge comparison={chain.comparison} />
              </td>
              <td className="px-3 py-2">
                {!commitmentsAvailable ? (
                  <span className="text-muted">no OutputOracle</span>
                ) : chain.lastCommitment === undefined ? (
                  <span className="text-muted">none yet</span>
                ) : (
                  <>
                    <span className="block">
                      block #{chain.lastCommitment.blockNumber.toString()}, v{chain.lastCommitment.configVersion.toString()}
                      {!chain.lastCommitment.ok && " (not the governed version)"}
                    </span>
                    <span className="block text-xs text-muted">{formatUtc(chain.lastCommitment.blockTimestamp)}</span>
                  </>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollRegion>
  );
}
