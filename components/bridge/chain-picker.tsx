import type { Route } from "next";
import Link from "next/link";

import type { BridgeChain } from "@/lib/web/bridge/loadBridge.ts";

/**
 * The member chains to bridge with, as links (`/bridge?chain=<id>`): the choice lives in the URL,
 * so it survives a reload, can be shared, and works with the keyboard like any link.
 */
export function ChainPicker({ chains, selected }: { chains: readonly BridgeChain[]; selected: number }) {
  return (
    <nav aria-label="Member chain" className="flex flex-wrap items-center gap-2">
      <span className="text-sm font-medium text-muted">Member chain:</span>
      <ul className="flex flex-wrap gap-2">
        {chains.map((chain) => (
          <li key={chain.chainId}>
            <Link
              href={`/bridge?chain=${chain.chainId}` as Route}
              aria-current={chain.chainId === selected ? "page" : undefined}
              className="inline-flex rounded-md border border-line bg-surface px-3 py-1.5 text-sm font-medium hover:bg-line/60 aria-[current=page]:border-accent aria-[current=page]:bg-accent-soft aria-[current=page]:text-accent"
            >
              {chain.name} <span className="ml-1 text-muted">({chain.chainId})</span>
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
