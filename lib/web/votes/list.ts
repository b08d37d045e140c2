import { VoteType } from "../../governance/votes.ts";
import { pageWindow } from "../proposals/params.ts";
import type { SupportFilter, VoteListParams } from "./params.ts";
import { VOTES_PAGE_SIZE } from "./params.ts";
import { newestFirst, type VoteRecord } from "./types.ts";

/** How many member-chain votes a relay row lists beside itself; the rest are one link away (the chain filter). */
export const RELAY_PREVIEW = 5;

/** One row of the votes list: a vote, and how it relates to the relays between its chain and the hub. */
export interface VoteRow {
  vote: VoteRecord;
  /**
   * Member-chain votes: the hub relay that counted it (`null`: not relayed yet, so the hub does not
   * count it). Hub votes: undefined.
   */
  countedBy?: VoteRecord | null;
  /** Relays (hub votes by a member chain's pool): the member-chain votes whose tally it carried, oldest first. */
  covers?: VoteRecord[];
}

/**
 * Pairs each member-chain vote (any vote not cast on `hubChainId`) with the relay that carried
 * it to the hub: the first relay of that chain proven at or after the vote's block (a relay
 * counts the chain's whole tally up to its proven block, and the hub adds what changed since the
 * last one). Rows come in the order given.
 *
 * @example
 * const rows = relayRows(votesOnProposal(votes, id), manifest.hub.chainId)
 */
export function relayRows(votes: readonly VoteRecord[], hubChainId: number): VoteRow[] {
  const relaysOf = new Map<number, VoteRecord[]>();
  for (const vote of votes) {
    if (vote.relayedFrom === undefined || vote.relayedBlock === undefined) continue;
    const list = relaysOf.get(vote.relayedFrom);
    if (list) list.push(vote);
    else relaysOf.set(vote.relayedFrom, [vote]);
  }
  for (const list of relaysOf.values()) list.sort((a, b) => (a.relayedBlock! < b.relayedBlock! ? -1 : a.relayedBlock! > b.relayedBlock! ? 1 : 0));
  const covers = new Map<VoteRecord, VoteRecord[]>();
  const countedBy = new Map<VoteRecord, VoteRecord | null>();
  for (const vote of votes) {
    if (vote.chainId === hubChainId) continue;
    const relay = relaysOf.get(vote.chainId)?.find((r) => r.relayedBlock! >= vote.blockNumber) ?? null;
    countedBy.set(vote, relay);
    const list = relay && covers.get(relay);
    if (list) list.push(vote);
    else if (relay) covers.set(relay, [vote]);
  }
  return votes.map((vote) => {
    const row: VoteRow = { vote };
    if (countedBy.has(vote)) row.countedBy = countedBy.get(vote)!;
    if (vote.relayedFrom !== undefined) row.covers = (covers.get(vote) ?? []).sort((a, b) => newestFirst(b, a));
    return row;
  });
}

/** Whether a vote counts towards `support`: its own choice, or a share of a split vote. */
export function matchesSupport(vote: VoteRecord, support: SupportFilter): boolean {
  if (support === "split") return vote.support === VoteType.Fractional;
  const key = support === "for" ? "forVotes" : support === "against" ? "againstVotes" : "abstainVotes";
  if (vote.support === VoteType.Fractional) return (vote.split?.[key] ?? 0n) > 0n;
  return vote.support === (support === "for" ? VoteType.For : support === "against" ? VoteType.Against : VoteType.Abstain);
}

/**
 * Whether a row belongs in the list filtered to `chain`: votes cast there, and for a member
 * chain also its relays to the hub (cast on the hub, but carrying that chain's votes).
 */
export const onChain = (vote: VoteRecord, chain: number): boolean => vote.chainId === chain || vote.relayedFrom === chain;

const byWeight = (a: VoteRow, b: VoteRow): number => (a.vote.weight === b.vote.weight ? newestFirst(a.vote, b.vote) : a.vote.weight < b.vote.weight ? 1 : -1);

/**
 * The rows `params` selects (chain, support), in its order: newest first (the default), oldest
 * first, or heaviest first (ties newest first). Every row, for the CSV; {@link pageOfVotes} cuts a page.
 */
export function selectVotes(votes: readonly VoteRecord[], params: VoteListParams, hubChainId: number): VoteRow[] {
  const rows = relayRows(votes, hubChainId).filter(
    ({ vote }) => (params.chain === undefined || onChain(vote, params.chain)) && (params.support === undefined || matchesSupport(vote, params.support)),
  );
  switch (params.sort) {
    case "weight":
      return rows.sort(byWeight);
    case "oldest":
      return rows.sort((a, b) => newestFirst(b.vote, a.vote));
    default:
      return rows.sort((a, b) => newestFirst(a.vote, b.vote));
  }
}

/** One page of a proposal's votes, and the counts the list's header and filters show. */
export interface VotePage {
  rows: VoteRow[];
  /** Rows matching the filters. */
  total: number;
  /** Every vote on the proposal, relays included. */
  count: number;
  /** Votes per chain they were cast on. */
  perChain: Map<number, number>;
  page: number;
  pageCount: number;
  pageSize: number;
}

/**
 * The page of votes `params` asks for, in memory: a page past the end shows the last one.
 *
 * @example
 * pageOfVotes(votesOnProposal(votes, id), { sort: "weight", page: 2 }, manifest.hub.chainId)
 */
export function pageOfVotes(votes: readonly VoteRecord[], params: VoteListParams, hubChainId: number, pageSize = VOTES_PAGE_SIZE): VotePage {
  const rows = selectVotes(votes, params, hubChainId);
  const window = pageWindow(rows.length, params.page, pageSize);
  const perChain = new Map<number, number>();
  for (const vote of votes) perChain.set(vote.chainId, (perChain.get(vote.chainId) ?? 0) + 1);
  return { rows: rows.slice(window.start, window.end), total: rows.length, count: votes.length, perChain, page: window.page, pageCount: window.pageCount, pageSize: window.pageSize };
}
