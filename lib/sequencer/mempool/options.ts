import { MempoolError } from "./errors.ts";

/**
 * The txpool's own limits: sequencer options (not governed), validated once at start by
 * {@link checkTxpoolOptions}. The governed limits (`maxPendingPerSender`, `minPriorityFeeWei`, …)
 * come from the on-chain configuration instead. Defaults follow geth's legacypool where it has one.
 */
export interface TxpoolOptions {
  /** Executable transactions (contiguous nonces from the account's) a chain holds, operators' aside. */
  maxPendingTotal: number;
  /** Gapped (future-nonce) transactions one sender may have queued. geth: AccountQueue 64. */
  maxQueuedPerSender: number;
  /** Gapped transactions a chain holds in all. geth: GlobalQueue 1024. */
  maxQueuedTotal: number;
  /** Executable slots only the chain's operator may use (its hub-state posts), beyond `maxPendingTotal`. */
  operatorReserve: number;
  /** A transaction still unincluded this long after admission is evicted. geth: Lifetime 3 h. */
  lifetimeMs: number;
  /** A transaction whose fee cap stays under the base fee for this many consecutive blocks is evicted. */
  baseFeeGraceBlocks: number;
  /** Account states (nonce, balance) cached per block; older entries are forgotten first. */
  accountCacheSize: number;
  /**
   * How long an account read is carried across blocks: a block's own senders are carried forward
   * by what the block did (next nonce, balance less each included transaction's maximum cost — a
   * lower bound, read afresh before it refuses anything), accounts a block paid keep their old balance (a lower bound too),
   * the others keep their state. Senders seen again and the unfunded keys of a flood then cost the
   * execution client one read each, not one per block. A transfer from inside a contract call is
   * the one change the sequencer cannot see: for at most this long it may refuse a newly funded
   * account as `insufficientFunds`. 0 reads every account afresh at every block.
   */
  accountStateTtlMs: number;
  /** Senders re-validated per block beyond those the block touched (round robin over the pool). */
  revalidatePerBlock: number;
  /**
   * Admissions that may wait for a slot, ordered by what they pay; when full, the lowest bid is
   * refused with `busy` (-32005). Bounds the memory and the waiting time of a flood.
   */
  admissionQueueSize: number;
  /** Admissions recovered, checked and written at once (the work a flood can make the sequencer do concurrently). */
  admissionConcurrency: number;
}

export const DEFAULT_TXPOOL_OPTIONS: Readonly<TxpoolOptions> = {
  maxPendingTotal: 100_000,
  maxQueuedPerSender: 64,
  maxQueuedTotal: 1_024,
  operatorReserve: 64,
  lifetimeMs: 3 * 60 * 60 * 1_000,
  baseFeeGraceBlocks: 64,
  accountCacheSize: 16_384,
  accountStateTtlMs: 2_000,
  revalidatePerBlock: 256,
  admissionQueueSize: 256,
  admissionConcurrency: 256,
};

/** An option out of range; names the option and what it must be. */
export class TxpoolOptionsError extends MempoolError {
  override name = "TxpoolOptionsError";
  readonly option: keyof TxpoolOptions;
  constructor(option: keyof TxpoolOptions, value: unknown, rule: string) {
    super(`Invalid txpool option ${option}: ${String(value)}.`, { details: `It must be ${rule}.` });
    this.option = option;
  }
}

const RULES: Record<keyof TxpoolOptions, { min: number; rule: string }> = {
  maxPendingTotal: { min: 1, rule: "a positive integer" },
  maxQueuedPerSender: { min: 0, rule: "a non-negative integer" },
  maxQueuedTotal: { min: 0, rule: "a non-negative integer" },
  operatorReserve: { min: 0, rule: "a non-negative integer" },
  lifetimeMs: { min: 1, rule: "a positive integer number of milliseconds" },
  baseFeeGraceBlocks: { min: 1, rule: "a positive integer number of blocks" },
  accountCacheSize: { min: 1, rule: "a positive integer" },
  accountStateTtlMs: { min: 0, rule: "a non-negative integer number of milliseconds" },
  revalidatePerBlock: { min: 0, rule: "a non-negative integer" },
  admissionQueueSize: { min: 0, rule: "a non-negative integer" },
  admissionConcurrency: { min: 1, rule: "a positive integer" },
};

/**
 * The defaults overlaid with `given`, each value checked; throws {@link TxpoolOptionsError} for the
 * first bad one. Cross-field rule: `maxQueuedPerSender` ≤ `maxQueuedTotal`.
 *
 * @example
 * const options = checkTxpoolOptions({ maxPendingTotal: 20_000, lifetimeMs: 600_000 });
 */
export function checkTxpoolOptions(given: Partial<TxpoolOptions> = {}): TxpoolOptions {
  const options: TxpoolOptions = { ...DEFAULT_TXPOOL_OPTIONS };
  for (const name of Object.keys(RULES) as (keyof TxpoolOptions)[]) {
    const value: unknown = given[name];
    if (value === undefined) continue;
    const { min, rule } = RULES[name];
    if (typeof value !== "number" || !Number.isSafeInteger(value) || value < min) throw new TxpoolOptionsError(name, value, rule);
    options[name] = value;
  }
  if (options.maxQueuedPerSender > options.maxQueuedTotal) {
    throw new TxpoolOptionsError("maxQueuedPerSender", options.maxQueuedPerSender, `at most maxQueuedTotal (${options.maxQueuedTotal})`);
  }
  return options;
}
