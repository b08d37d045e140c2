import { formatUtc } from "@/lib/governance/codec/describe.ts";
import { formatRelative } from "@/lib/web/chains/format.ts";
import { shortHex } from "@/lib/web/format.ts";
import type { RootFeedView, RootView } from "@/lib/web/roots/readRoots.ts";

import { Badge } from "./badge.tsx";
import { ScrollRegion } from "./scroll-region.tsx";

/** A root's state in words: "in challenge window (usable at …)", "usable", "rejected". */
export function RootStatusBadge({ root, now }: { root: RootView; now: bigint }) {
  if (root.status === "rejected") return <Badge tone="bad" testId="root-status">rejected</Badge>;
  if (root.status === "usable") return <Badge tone="ok" testId="root-status">usable</Badge>;
  const at = root.usableAt ?? 0n;
  // The time beside the badge, not in it: a badge does not wrap, and this must fit a phone.
  return (
    <span data-testid="root-status">
      <Badge tone="warn">in challenge window</Badge> <span className="text-xs">{`(usable at ${formatUtc(at)}, ${formatRelative(at, now)})`}</span>
    </span>
  );
}

const TEXT = {
  output: { title: "Outputs on the hub", none: "No output of this chain has been posted to the hub yet.", block: "Block" },
  hubState: { title: "Hub states on this chain", none: "No hub state has been posted to this chain yet.", block: "Hub block" },
} as const;

/**
 * One root feed of a chain, newest first: each root's block, state root, post time and state.
 * `undefined`: the deployment has no such oracle; `null`: its chain did not answer.
 */
export function RootsTable({ feed, kind }: { feed: RootFeedView | undefined | null; kind: keyof typeof TEXT }) {
  const text = TEXT[kind];
  const id = `roots-${kind}-title`;
  return (
    <section aria-labelledby={id} className="space-y-3">
      <h3 id={id} className="font-semibold">
        {text.title}
      </h3>
      {feed === undefined ? (
        <p className="text-sm text-muted">This deployment has no oracle for these roots.</p>
      ) : feed === null ? (
        <p className="text-sm text-muted">The chain did not answer; its roots cannot be shown now.</p>
      ) : feed.roots.length === 0 ? (
        <p className="text-sm text-muted">{text.none}</p>
      ) : (
        <>
          <p className="text-sm text-muted">
            {feed.posted === 1 ? "1 root" : `${feed.posted} roots`} posted to {shortHex(feed.oracle)} on chain {feed.oracleChainId}
            {feed.posted > feed.roots.length ? `; the newest ${feed.roots.length} shown` : ""}.
          </p>
          <ScrollRegion labelledBy={id}>
            <table className="w-full min-w-[40rem] text-left text-sm" data-testid={`roots-${kind}`}>
              <thead className="border-b border-line bg-canvas text-xs uppercase tracking-wide text-muted">
                <tr>
                  <th scope="col" className="px-3 py-2 font-medium">{text.block}</th>
                  <th scope="col" className="px-3 py-2 font-medium">State root</th>
                  <th scope="col" className="px-3 py-2 font-medium">Posted</th>
                  <th scope="col" className="px-3 py-2 font-medium">State</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-line">
                {feed.roots.map((root) => (
                  <tr key={`${root.index}-${root.blockNumber}-${root.stateRoot}`} data-testid={`root-${root.blockNumber}`}>
                    <td className="px-3 py-2 font-mono text-xs">#{root.blockNumber.toString()}</td>
                    <td className="px-3 py-2 font-mono text-xs" title={root.stateRoot}>
                      {shortHex(root.stateRoot)}
                    </td>
                    <td className="px-3 py-2">{formatUtc(root.postedAt)}</td>
                    <td className="px-3 py-2">
                      <RootStatusBadge root={root} now={feed.now} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollRegion>
        </>
      )}
    </section>
  );
}

/** Both root feeds of a member chain, under one heading. */
export function ChainRoots({ outputs, hubStates }: { outputs: RootFeedView | undefined; hubStates: RootFeedView | undefined | null }) {
  return (
    <section aria-labelledby="roots-title" className="space-y-4">
      <div className="space-y-1">
        <h2 id="roots-title" className="text-lg font-semibold">
          Committed roots
        </h2>
        <p className="text-sm text-muted">
          Each root waits out a challenge window before proofs may use it; within it the Security Council can reject it, and every root posted after it.
        </p>
      </div>
      <RootsTable feed={outputs} kind="output" />
      <RootsTable feed={hubStates} kind="hubState" />
    </section>
  );
}
