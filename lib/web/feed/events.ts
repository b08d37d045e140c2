import type { Address } from "viem";

import { formatUtc } from "../../governance/index.ts";
import { shortProposalId } from "../format.ts";
import type { AtomEntry } from "./atom.ts";
import { stableUrn } from "./atom.ts";

/** Something that happened in governance, as the feed tells it; `at` is Unix seconds, chain time. */
export type FeedEvent =
  | { kind: "proposalCreated"; at: bigint; proposalId: bigint; title: string; proposer: Address; voteStart: bigint; voteEnd: bigint }
  | { kind: "proposalQueued"; at: bigint; proposalId: bigint; title: string; eta: bigint }
  | { kind: "proposalExecuted" | "proposalCanceled"; at: bigint; proposalId: bigint; title: string }
  | { kind: "votingClosed"; at: bigint; proposalId: bigint; title: string; outcome: "succeeded" | "defeated" }
  | { kind: "changeAwaitingCouncil"; at: bigint; change: FeedChange; expiresAt: bigint }
  | { kind: "changeApproved"; at: bigint; change: FeedChange; activatesAt: bigint }
  | { kind: "changeRejected" | "changeCancelled" | "changeExpired"; at: bigint; change: FeedChange }
  | { kind: "inForce"; at: bigint; change: FeedChange; chainId: number; chainName: string };

/** A registry change as an entry names it. */
export interface FeedChange {
  id: bigint;
  proposalId?: bigint;
  /** `describeAction` of the change. */
  sentence: string;
}

/** How many entries the feed carries: the newest only, as feed readers poll. */
export const FEED_LIMIT = 100;

/**
 * The newest `limit` events, newest first. Events of the same second keep a lifecycle order
 * (created before queued before executed…) reversed, so a reader lists the later step on top.
 */
export function newestEvents(events: readonly FeedEvent[], limit = FEED_LIMIT): FeedEvent[] {
  const rank = (event: FeedEvent) => KIND_ORDER.indexOf(event.kind);
  return [...events]
    .sort((a, b) => (a.at === b.at ? rank(b) - rank(a) : a.at < b.at ? 1 : -1))
    .slice(0, Math.max(0, Math.trunc(limit)));
}

const KIND_ORDER: readonly FeedEvent["kind"][] = [
  "proposalCreated",
  "votingClosed",
  "proposalCanceled",
  "proposalQueued",
  "proposalExecuted",
  "changeAwaitingCouncil",
  "changeApproved",
  "changeRejected",
  "changeCancelled",
  "changeExpired",
  "inForce",
];

const proposalLabel = (id: bigint) => `Proposal ${shortProposalId(id)}`;

/** What an entry says, without where it lives. */
function describe(event: FeedEvent): { title: string; summary: string; path: string; category: string; key: string } {
  switch (event.kind) {
    case "proposalCreated":
      return {
        title: `New proposal: ${event.title}`,
        summary: `${proposalLabel(event.proposalId)} by ${event.proposer}. Voting opens ${formatUtc(event.voteStart)} and closes ${formatUtc(event.voteEnd)}.`,
        ...proposalPlace(event.proposalId, "created"),
      };
    case "votingClosed":
      return {
        title: `${event.outcome === "succeeded" ? "Succeeded" : "Defeated"}: ${event.title}`,
        summary: `Voting on ${proposalLabel(event.proposalId)} closed: ${event.outcome === "succeeded" ? "quorum and majority reached" : "quorum or majority not reached"}.`,
        ...proposalPlace(event.proposalId, `voting:${event.outcome}`),
      };
    case "proposalQueued":
      return {
        title: `Queued: ${event.title}`,
        summary: `${proposalLabel(event.proposalId)} is queued in the timelock; executable from ${formatUtc(event.eta)}.`,
        ...proposalPlace(event.proposalId, "queued"),
      };
    case "proposalExecuted":
      return { title: `Executed: ${event.title}`, summary: `${proposalLabel(event.proposalId)} was executed.`, ...proposalPlace(event.proposalId, "executed") };
    case "proposalCanceled":
      return {
        title: `Canceled: ${event.title}`,
        summary: `${proposalLabel(event.proposalId)} was canceled by its proposer or the council's guardian.`,
        ...proposalPlace(event.proposalId, "canceled"),
      };
    case "changeAwaitingCouncil":
      return changeEntry(event.change, "awaiting", `Awaiting the council: ${event.change.sentence}`, `The council must approve or reject it by ${formatUtc(event.expiresAt)}.`, "/council");
    case "changeApproved":
      return changeEntry(event.change, "approved", `Approved by the council: ${event.change.sentence}`, `It activates ${formatUtc(event.activatesAt)}.`);
    case "changeRejected":
      return changeEntry(event.change, "rejected", `Rejected by the council: ${event.change.sentence}`, "It will not take effect.");
    case "changeCancelled":
      return changeEntry(event.change, "cancelled", `Withdrawn by governance: ${event.change.sentence}`, "It will not take effect.");
    case "changeExpired":
      return changeEntry(event.change, "expired", `Expired without the council's approval: ${event.change.sentence}`, "It will not take effect.");
    case "inForce":
      return {
        title: `In force on ${event.chainName}: ${event.change.sentence}`,
        summary: `Change ${event.change.id} is in force on the shared sequencer for ${event.chainName}.`,
        path: `/chains/${event.chainId}`,
        category: "activation",
        key: `change:${event.change.id}:inForce:${event.chainId}`,
      };
  }
}

function proposalPlace(id: bigint, step: string) {
  return { path: `/proposals/${id}`, category: "proposal", key: `proposal:${id}:${step}` };
}

/** A change's entry links to the proposal that scheduled it, else to `fallback` (the council page). */
function changeEntry(change: FeedChange, step: string, title: string, detail: string, fallback = "/council") {
  const origin = change.proposalId === undefined ? "" : ` Scheduled by proposal ${shortProposalId(change.proposalId)}.`;
  return {
    title,
    summary: `Change ${change.id} of the sequencer registry.${origin} ${detail}`,
    path: change.proposalId === undefined ? fallback : `/proposals/${change.proposalId}`,
    category: "change",
    key: `change:${change.id}:${step}`,
  };
}

/**
 * The Atom entry of an event: its page under `baseUrl` (absolute, no trailing slash) and an id
 * that stays the same for the same event of the same deployment (`scope`) on every load.
 *
 * @example
 * toAtomEntry(event, { baseUrl: "https://gov.example", scope: "devnet:…:0xGovernor" })
 */
export function toAtomEntry(event: FeedEvent, { baseUrl, scope }: { baseUrl: string; scope: string }): AtomEntry {
  const { title, summary, path, category, key } = describe(event);
  return { id: stableUrn(`${scope}:${key}`), title, updated: event.at, link: `${baseUrl}${path}`, summary, category };
}
