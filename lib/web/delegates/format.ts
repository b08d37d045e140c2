import { formatUnits } from "viem";

const grouped = (digits: string) => digits.replace(/\B(?=(\d{3})+(?!\d))/g, ",");

/**
 * A token amount in whole tokens with thousands separators and at most `fractionDigits` decimals
 * (truncated, never rounded up: a voter must not see more power than they have).
 *
 * @example
 * formatTokens(33_000_000n * 10n ** 18n, 18) // "33,000,000"
 * formatTokens(1_234_567n * 10n ** 15n, 18) // "1,234.56"
 */
export function formatTokens(amount: bigint, decimals: number, fractionDigits = 2): string {
  const negative = amount < 0n;
  const [whole = "0", fraction = ""] = formatUnits(negative ? -amount : amount, decimals).split(".");
  const kept = fraction.slice(0, fractionDigits).replace(/0+$/, "");
  return `${negative ? "-" : ""}${grouped(whole)}${kept ? `.${kept}` : ""}`;
}

/**
 * `part` as a percentage of `whole` with two decimals, computed in integers (bigint supplies do
 * not fit a float's precision).
 *
 * @example
 * formatShare(33n, 1_000n) // "3.30%"
 */
export function formatShare(part: bigint, whole: bigint): string {
  if (whole <= 0n) return "0.00%";
  const basisPoints = (part * 10_000n) / whole;
  return `${basisPoints / 100n}.${(basisPoints % 100n).toString().padStart(2, "0")}%`;
}

/** `0x1234…abcd`, for tables on narrow screens (the full address stays in the title and link). */
export const shortAddress = (address: string) => `${address.slice(0, 6)}…${address.slice(-4)}`;
