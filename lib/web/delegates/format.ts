import { formatTokenAmount } from "../format.ts";

/**
 * A token amount in whole tokens with thousands separators and at most `fractionDigits` decimals
 * (truncated, never rounded up: a voter must not see more power than they have). Kept for the
 * delegates and propose pages; it is {@link formatTokenAmount}, the app's one token formatter.
 *
 * @example
 * formatTokens(33_000_000n * 10n ** 18n, 18) // "33,000,000"
 * formatTokens(1_234_567n * 10n ** 15n, 18) // "1,234.56"
 */
export function formatTokens(amount: bigint, decimals: number, fractionDigits = 2): string {
  return formatTokenAmount(amount, decimals, { fractionDigits });
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

/** A vote's `support` as a word: For, Against, Abstain, or Split for a fractional vote. */
export function supportWord(support: number): "For" | "Against" | "Abstain" | "Split" | "Unknown" {
  return support === 1 ? "For" : support === 0 ? "Against" : support === 2 ? "Abstain" : support === 255 ? "Split" : "Unknown";
}
