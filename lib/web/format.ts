/** Options of {@link formatTokenAmount}. */
export interface FormatTokenOptions {
  /** Most digits after the decimal point (default 2, or 1 when compact). Cut, never rounded. */
  fractionDigits?: number;
  /** "33.9M" instead of "33,912,345.67": for bars and lists, where width matters more than digits. */
  compact?: boolean;
  /** Appended after a space ("SUP"). */
  symbol?: string;
}

const COMPACT_UNITS = [
  { suffix: "T", exponent: 12 },
  { suffix: "B", exponent: 9 },
  { suffix: "M", exponent: 6 },
  { suffix: "K", exponent: 3 },
] as const;

const grouped = (digits: string) => digits.replace(/\B(?=(\d{3})+(?!\d))/g, ",");

/** `value / 10^scale`, grouped, with at most `fractionDigits` decimals, truncated towards zero. */
function fixedPoint(value: bigint, scale: number, fractionDigits: number): string {
  const base = 10n ** BigInt(scale);
  const whole = value / base;
  const fraction = (value % base).toString().padStart(scale, "0").slice(0, Math.max(0, fractionDigits)).replace(/0+$/, "");
  return `${grouped(whole.toString())}${fraction ? `.${fraction}` : ""}`;
}

/**
 * A token amount (in base units) as whole tokens, exactly: the arithmetic stays in bigint (no
 * float, so no precision lost above 2^53) and extra digits are cut, never rounded up — a voter
 * with 99.999 tokens reads "99.99", never "100", and never sees more power than they have.
 * `compact` abbreviates with K / M / B / T and one decimal, cut the same way ("999.9K", not "1M").
 * The one token formatter of the web app: every page prints amounts through it.
 *
 * @example
 * formatTokenAmount(99_999n * 10n ** 15n, 18, { symbol: "SUP" }) // "99.99 SUP"
 * formatTokenAmount(33_950_000n * 10n ** 18n, 18, { compact: true }) // "33.9M"
 * formatTokenAmount(1_234_567n * 10n ** 15n, 18, { fractionDigits: 0 }) // "1,234"
 */
export function formatTokenAmount(amount: bigint, decimals: number, options: FormatTokenOptions = {}): string {
  if (!Number.isInteger(decimals) || decimals < 0) throw new RangeError(`Token decimals must be a non-negative integer, got ${decimals}.`);
  const { compact = false, symbol } = options;
  const fractionDigits = options.fractionDigits ?? (compact ? 1 : 2);
  const negative = amount < 0n;
  const magnitude = negative ? -amount : amount;
  let text = fixedPoint(magnitude, decimals, fractionDigits);
  if (compact) {
    const unit = COMPACT_UNITS.find(({ exponent }) => magnitude >= 10n ** BigInt(decimals + exponent));
    if (unit) text = `${fixedPoint(magnitude, decimals + unit.exponent, fractionDigits)}${unit.suffix}`;
  }
  const sign = negative && /[1-9]/.test(text) ? "-" : "";
  return `${sign}${text}${symbol ? ` ${symbol}` : ""}`;
}

/** `0x1234…cdef`: enough of a hash to tell two apart; the full value goes in a `title`. */
export function shortHex(hex: string, keep = 6, tail = keep): string {
  return hex.length <= 2 + keep + tail ? hex : `${hex.slice(0, 2 + keep)}…${hex.slice(-tail)}`;
}

/** `0x1234…abcd`, for tables on narrow screens (the full address stays in the title and link). */
export const shortAddress = (address: string): string => shortHex(address, 4);

/**
 * A proposal id (a 77-digit hash as a decimal) cut to `123456…654321`; short ids stay whole.
 *
 * @example
 * shortProposalId(7n) // "7"
 */
export function shortProposalId(id: bigint | string): string {
  const text = id.toString();
  return text.length > 14 ? `${text.slice(0, 6)}…${text.slice(-6)}` : text;
}
