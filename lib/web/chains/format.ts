import { formatDuration } from "../../governance/codec/describe.ts";

/** `formatDuration` cut to its two largest units: "5 days 22 hours", "1 minute 30 seconds". */
export function roughDuration(seconds: bigint): string {
  return (formatDuration(seconds).match(/[\d,]+ [a-z]+/g) ?? []).slice(0, 2).join(" ");
}

/**
 * How long ago a chain-time timestamp was, against a clock in seconds: "12 seconds ago",
 * "just now" within a second. Devnet chains run ahead of the wall clock after `time advance`, so
 * a timestamp in the future reads "ahead of this server's clock" rather than a negative age.
 *
 * @example
 * formatAge(100n, 112n) // "12 seconds ago"
 */
export function formatAge(timestamp: bigint, now: bigint): string {
  if (timestamp > now) return `${roughDuration(timestamp - now)} ahead of this server's clock`;
  if (now - timestamp < 1n) return "just now";
  return `${roughDuration(now - timestamp)} ago`;
}

/**
 * Time until a future moment, or since a past one: "in 10 minutes", "5 seconds ago".
 *
 * @example
 * formatRelative(700n, 100n) // "in 10 minutes"
 */
export function formatRelative(at: bigint, now: bigint): string {
  if (at === now) return "now";
  return at > now ? `in ${roughDuration(at - now)}` : `${roughDuration(now - at)} ago`;
}
