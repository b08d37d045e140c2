/** Percentage both fee fields of a replacement must rise by (geth's default `--txpool.pricebump`). */
export const REPLACEMENT_PRICE_BUMP = 10n;

/** The least a replacement must pay where the pending transaction pays `old` (geth's rounding). */
export function bumped(old: bigint): bigint {
  return (old * (100n + REPLACEMENT_PRICE_BUMP)) / 100n;
}

/** geth: strictly more than the old price, and at least the bumped threshold. */
export function outbids(offered: bigint, old: bigint): boolean {
  return offered > old && offered >= bumped(old);
}
