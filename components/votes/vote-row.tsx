import Link from "next/link";
import type { Route } from "next";

import { ChainTime } from "@/components/proposals/chain-time.tsx";
import { TallyLine } from "@/components/proposals/tally-line.tsx";
import { shortAddress, shortHex } from "@/lib/web/format.ts";
import { supportLabel } from "@/lib/web/proposals/ballot.ts";
import { formatVotes } from "@/lib/web/proposals/format.ts";
import type { TokenInfo } from "@/lib/web/proposals/types.ts";
import { RELAY_PREVIEW, type VoteRow } from "@/lib/web/votes/list.ts";
import { votesHref } from "@/lib/web/votes/params.ts";
import type { VoteRecord } from "@/lib/web/votes/types.ts";

const SUPPORT_STYLES: Record<string, string> = {
  For: "bg-emerald-100 text-emerald-900 ring-emerald-300",
  Against: "bg-red-100 text-red-900 ring-red-300",
  Abstain: "bg-zinc-100 text-zinc-800 ring-zinc-300",
  Split: "bg-indigo-100 text-indigo-900 ring-indigo-300",
};

/** The vote's choice as a label (the word carries the meaning, not the colour). */
export function SupportBadge({ support }: { support: number }) {
  const label = supportLabel(support);
  return <span className={`inline-flex shrink-0 items-center rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${SUPPORT_STYLES[label] ?? SUPPORT_STYLES.Abstain}`}>{label}</span>;
}

/** A delegate's profile link, the address shortened on screen and whole for assistive technology. */
export function VoterLink({ voter }: { voter: string }) {
  return (
    <Link href={`/delegates/${voter}` as Route} className="font-mono text-sm font-medium text-accent hover:underline" title={voter}>
      <span aria-hidden="true">{shortAddress(voter)}</span>
      <span className="sr-only">{voter}</span>
    </Link>
  );
}

/** A transaction hash, shortened, whole on hover and for copying. */
const TxHash = ({ hash }: { hash: string }) => (
  <span className="font-mono" title={hash}>
    {shortHex(hash)}
  </span>
);

export interface VoteRowContext {
  proposalId: string;
  token: TokenInfo;
  chainName: (chainId: number) => string;
  /** The chain the list is filtered to, if any. */
  chain?: number;
}

/** Where a member-chain vote stands on the hub: carried by a relay, or not yet. */
function RelayStatus({ countedBy }: { countedBy: VoteRecord | null }) {
  if (countedBy === null) return <span className="text-amber-900">Not relayed to the hub yet</span>;
  return (
    <span>
      Counted on the hub by the relay in <TxHash hash={countedBy.transactionHash} />
    </span>
  );
}

/** The member-chain votes a relay carried, a few listed in place and all one link away. */
function RelayCovers({ vote, covers, context }: { vote: VoteRecord; covers: VoteRecord[]; context: VoteRowContext }) {
  const chain = context.chainName(vote.relayedFrom!);
  if (covers.length === 0) return <p className="text-xs text-muted">Carries votes cast on {chain}.</p>;
  return (
    <details className="text-sm">
      <summary className="cursor-pointer text-accent">
        Carries {covers.length} vote{covers.length === 1 ? "" : "s"} cast on {chain}
      </summary>
      <ul className="mt-2 space-y-1 border-l-2 border-line pl-3">
        {covers.slice(0, RELAY_PREVIEW).map((covered) => (
          <li key={`${covered.transactionHash}:${covered.logIndex}`} className="flex flex-wrap items-center gap-x-2 gap-y-1">
            <VoterLink voter={covered.voter} />
            <SupportBadge support={covered.support} />
            <span>{formatVotes(covered.weight, context.token)}</span>
          </li>
        ))}
      </ul>
      {context.chain !== vote.relayedFrom && (
        <Link href={votesHref(context.proposalId, { chain: vote.relayedFrom! })} className="mt-1 inline-block text-accent hover:underline">
          All votes on {chain} →
        </Link>
      )}
    </details>
  );
}

/** One vote of the list: who, where, how, how much, why, when and in which transaction. */
export function VoteRowView({ row, context }: { row: VoteRow; context: VoteRowContext }) {
  const { vote } = row;
  const relayed = vote.relayedFrom !== undefined;
  return (
    <li className="space-y-1.5 py-3" data-testid="vote-row" data-chain={vote.chainId} data-voter={vote.voter}>
      <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
        {relayed ? (
          <span className="text-sm font-medium">
            {context.chainName(vote.relayedFrom!)} tally, relayed <span className="font-normal text-muted">(by its pool <span className="font-mono">{shortAddress(vote.voter)}</span>)</span>
          </span>
        ) : (
          <VoterLink voter={vote.voter} />
        )}
        <span className="rounded-md bg-accent-soft px-1.5 py-0.5 text-xs font-medium text-accent">{context.chainName(vote.chainId)}</span>
        <SupportBadge support={vote.support} />
        <span className="ml-auto text-sm font-semibold tabular-nums">{formatVotes(vote.weight, context.token)}</span>
      </div>
      {vote.split && (
        <p className="text-xs text-muted">
          <TallyLine tally={vote.split} token={context.token} />
        </p>
      )}
      {vote.reason && <p className="text-sm break-words whitespace-pre-wrap">{vote.reason}</p>}
      <p className="flex flex-wrap gap-x-3 gap-y-1 text-xs text-muted">
        <ChainTime at={vote.timestamp} />
        <span>
          tx <TxHash hash={vote.transactionHash} />
        </span>
        {row.countedBy !== undefined && <RelayStatus countedBy={row.countedBy} />}
      </p>
      {row.covers && <RelayCovers vote={vote} covers={row.covers} context={context} />}
    </li>
  );
}
