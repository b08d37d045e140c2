import { formatUnits } from "viem";

import { formatDuration } from "../../governance/codec/describe.ts";
import type { VoteTally } from "../../governance/votes.ts";
import type { TokenInfo } from "./types.ts";

const compact = new Intl.NumberFormat("en-US", { notation: "compact", maximumFractionDigits: 1 });
const full = new Intl.NumberFormat("en-US", { maximumFractionDigits: 2 });

/**
 * A vote amount in whole tokens, compact for bars and lists ("33M SUP") or in full for the
 * voter's own weight ("33,000,000 SUP").
 */
export function formatVotes(amount: bigint, token: TokenInfo, style: "compact" | "full" = "compact"): string {
  const value = Number(formatUnits(amount, token.decimals));
  return `${(style === "compact" ? compact : full).format(value)} ${token.symbol}`;
}

/**
 * How long until `until`, to the two largest units ("1 day 3 hours", "12 minutes 5 seconds"),
 * or undefined once it has passed. Chain time, not the wall clock: devnet time jumps.
 */
export function timeLeft(until: bigint, now: bigint): string | undefined {
  if (until <= now) return undefined;
  const seconds = until - now;
  const unit = seconds >= 86_400n ? 3_600n : seconds >= 3_600n ? 60n : 1n;
  return formatDuration((seconds / unit) * unit);
}

/** Votes that count towards quorum under the governor's counting: for and abstain. */
export const quorumVotes = (tally: VoteTally): bigint => tally.forVotes + tally.abstainVotes;

/** Share of `part` in `whole` as a percentage with one decimal (0 when `whole` is 0). */
export function percent(part: bigint, whole: bigint): number {
  if (whole <= 0n) return 0;
  return Number((part * 1000n) / whole) / 10;
}
