import type { VoteTally } from "@/lib/governance/index.ts";
import type { SpokeTallyView } from "@/lib/web/proposals/spokes.ts";
import type { ChainTally, SpokeStateName, TokenInfo } from "@/lib/web/proposals/types.ts";

import { ChainTime } from "./chain-time.tsx";
import { TallyLine } from "./tally-line.tsx";

const STATE_WORDS: Record<SpokeStateName, string> = {
  unknown: "not brought here yet",
  pending: "known; voting opens after the snapshot",
  active: "voting open",
  closed: "voting closed here",
};

function SpokeRow({ spoke, counted, token }: { spoke: SpokeTallyView; counted: VoteTally | undefined; token: TokenInfo }) {
  const { chainId, name, local, relayed, unrelayed } = spoke;
  return (
    <li className="space-y-1.5 py-3 text-xs first:pt-0 last:pb-0" data-testid={`spoke-${chainId}`}>
      <h3 className="text-sm font-medium text-ink">
        {name} <span className="font-normal text-muted">(chain {chainId})</span>
      </h3>
      <dl className="grid gap-x-4 gap-y-1 sm:grid-cols-[auto_1fr]">
        <dt className="text-muted">Counted on the hub</dt>
        <dd>{counted ? <TallyLine tally={counted} token={token} testId={`spoke-counted-${chainId}`} /> : "—"}</dd>
        <dt className="text-muted">Cast on {name}</dt>
        <dd data-testid={`spoke-local-state-${chainId}`}>
          {local === undefined ? (
            <span className="text-muted">{name} did not answer; its own tally is unknown right now.</span>
          ) : local.state === "unknown" ? (
            <span className="text-muted">None: the proposal was not brought to {name} yet.</span>
          ) : (
            <>
              <TallyLine tally={local.tally} token={token} testId={`spoke-local-${chainId}`} />{" "}
              <span className="text-muted">
                ({STATE_WORDS[local.state]}
                {local.state !== "closed" && local.votingClosesAt > 0n && (
                  <>
                    , closes <ChainTime at={local.votingClosesAt} />
                  </>
                )}
                )
              </span>
            </>
          )}
        </dd>
        <dt className="text-muted">Last relayed</dt>
        <dd data-testid={`spoke-relayed-${chainId}`}>
          {relayed ? (
            <>
              at <ChainTime at={relayed.relayedAt} /> (block {relayed.blockNumber.toString()} of {name})
            </>
          ) : (
            "never"
          )}
        </dd>
      </dl>
      {unrelayed && (
        <p className="rounded-md border border-amber-300 bg-amber-50 px-2 py-1 text-amber-900" data-testid={`spoke-unrelayed-${chainId}`}>
          <span className="font-medium">Not yet relayed:</span> <TallyLine tally={unrelayed} token={token} testId={`spoke-unrelayed-tally-${chainId}`} /> — reaches the hub with the next
          relay.
        </p>
      )}
    </li>
  );
}

/**
 * Each member chain with cross-chain voting: what the hub governor counts for it (proven relays
 * only), the chain's own tally, when it was last relayed, and a marker when votes cast there have
 * not reached the hub yet.
 */
export function SpokeTallies({ spokes, tallies, token }: { spokes: readonly SpokeTallyView[]; tallies: readonly ChainTally[]; token: TokenInfo }) {
  if (spokes.length === 0) return null;
  return (
    <div className="border-t border-line pt-4">
      <p className="mb-3 text-xs text-muted">
        Member-chain votes count on the hub once their chain&apos;s tally is relayed with a storage proof against the chain&apos;s committed output.
      </p>
      <ul className="divide-y divide-line" aria-label="Member-chain tallies and relays">
        {spokes.map((spoke) => (
          <SpokeRow key={spoke.chainId} spoke={spoke} counted={tallies.find((t) => t.chainId === spoke.chainId)?.tally} token={token} />
        ))}
      </ul>
    </div>
  );
}
