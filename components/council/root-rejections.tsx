import { RootStatusBadge } from "@/components/chains/roots-table.tsx";
import { formatUtc } from "@/lib/governance/codec/describe.ts";
import type { CouncilOverview } from "@/lib/web/council/overview.ts";
import { shortHex } from "@/lib/web/format.ts";

import { DecisionCard } from "./decision-card.tsx";

/**
 * Roots in their challenge window, by the chain the council's Safe rejects them on: member
 * chains' outputs on the hub, hub states on each member chain. Each with its rejection as a Safe
 * transaction on that chain (signed and executed there, at that Safe's nonce).
 */
export function RootRejections({ overview }: { overview: CouncilOverview }) {
  const { roots, safe } = overview;
  const offered = roots.reduce((sum, group) => sum + group.offers.length, 0);
  return (
    <section aria-labelledby="root-rejections" className="space-y-4">
      <div>
        <h2 id="root-rejections" className="text-lg font-semibold">
          Roots in their challenge window
        </h2>
        <p className="text-sm text-muted">
          A posted root is usable by proofs only after its challenge window. Until then the council can reject it, and with it every root posted after
          it, if it is not the chain&apos;s real state.
        </p>
      </div>
      {offered === 0 && <p className="card text-sm text-muted">No root is in its challenge window now.</p>}
      {roots.map((group) =>
        group.state === null ? (
          <p key={group.chainId} className="card text-sm text-muted" data-testid={`root-group-${group.chainId}`}>
            {group.name} (chain {group.chainId}) did not answer: its roots cannot be checked now.
          </p>
        ) : group.offers.length === 0 ? null : (
          <div key={group.chainId} className="space-y-3" data-testid={`root-group-${group.chainId}`}>
            <h3 className="font-semibold">
              On {group.name} (chain {group.chainId}) <span className="text-sm font-normal text-muted">· Safe nonce {group.state.nonce.toString()} there</span>
            </h3>
            <ul className="space-y-3">
              {group.offers.map(({ root, now, decision }) => (
                <li key={decision.key} className="space-y-2">
                  <p className="flex flex-wrap items-center gap-2 text-sm">
                    <span className="font-medium">
                      {root.feed === "output" ? `Output of chain ${root.chainId}, block #${root.blockNumber}` : `Hub state of hub block #${root.blockNumber}`}
                    </span>
                    <span className="font-mono text-xs" title={root.stateRoot}>
                      {shortHex(root.stateRoot)}
                    </span>
                    <span className="text-muted">posted {formatUtc(root.postedAt)}</span>
                    <RootStatusBadge root={root} now={now} />
                  </p>
                  <DecisionCard
                    key={decision.instance}
                    view={decision}
                    safe={safe}
                    chainId={group.chainId}
                    owners={group.state!.owners}
                    threshold={group.state!.threshold}
                  />
                </li>
              ))}
            </ul>
          </div>
        ),
      )}
    </section>
  );
}
