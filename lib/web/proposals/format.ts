import { formatDuration } from "../../governance/codec/describe.ts";
import type { VoteTally } from "../../governance/votes.ts";
import { formatTokenAmount } from "../format.ts";
import type { TokenInfo } from "./types.ts";

/**
 * A vote amount in the governance token, compact for bars and lists ("33.9M SUP") or in full
 * for the voter's own weight ("33,912,345.67 SUP"). Truncated, never rounded up, with the
 * token's own decimals: see {@link formatTokenAmount}.
 */
export function formatVotes(amount: bigint, token: TokenInfo, style: "compact" | "full" = "compact"): string {
  return formatTokenAmount(amount, token.decimals, { compact: style === "compact", symbol: token.symbol });
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

/** Every vote cast: for, against and abstain. */
export const totalVotes = (tally: VoteTally): bigint => tally.forVotes + tally.againstVotes + tally.abstainVotes;

/** Share of `part` in `whole` as a percentage with one decimal (0 when `whole` is 0). */
export function percent(part: bigint, whole: bigint): number {
  if (whole <= 0n) return 0;
  return Number((part * 1000n) / whole) / 10;
}
