import type { Address, Hex } from "viem";

import type { PendingTransaction } from "../types.ts";
import { MempoolConflictError, MempoolError, type MempoolCheck, type MempoolRejection } from "./errors.ts";
import { Heap } from "./heap.ts";
import { HEAD_ORDER, effectiveTip, payable, type Head, type SelectOptions } from "./ordering.ts";

export interface MempoolOptions {
  /** Pending transactions this chain's mempool holds at most; beyond it new ones are refused. */
  maxPendingTotal: number;
}

/** The governed limits and the chain state `check` needs for one transaction. */
export interface CheckOptions {
  /** The sender's nonce on chain (its next transaction to be included). */
  accountNonce: bigint;
  maxPendingPerSender: number;
}

/** Percentage both fee fields of a replacement must rise by (geth's default `--txpool.pricebump`). */
export const REPLACEMENT_PRICE_BUMP = 10n;

interface Sender {
  address: Address;
  byNonce: Map<bigint, PendingTransaction>;
}

/** A head in `select`'s heap, with its sender's queue to find the next nonce. */
interface SenderHead extends Head {
  byNonce: Map<bigint, PendingTransaction>;
}

const key = (value: string): string => value.toLowerCase();

/**
 * One member chain's pending transactions, in memory. Pure: no I/O and no clock; the caller passes
 * chain state (account nonces, base fee) and governed limits in, admits with `check` → durable
 * store → `insert`, and removes what it put in a block.
 *
 * Transactions are kept per sender by nonce, so a gapped nonce is held until the gap fills and a
 * sender's transactions always leave in nonce order.
 */
export class Mempool {
  readonly maxPendingTotal: number;
  readonly #byHash = new Map<string, PendingTransaction>();
  readonly #senders = new Map<string, Sender>();

  constructor({ maxPendingTotal }: MempoolOptions) {
    if (!Number.isSafeInteger(maxPendingTotal) || maxPendingTotal < 0) {
      throw new MempoolError(`maxPendingTotal must be a non-negative integer, not ${maxPendingTotal}.`);
    }
    this.maxPendingTotal = maxPendingTotal;
  }

  get size(): number {
    return this.#byHash.size;
  }

  has(hash: Hex): boolean {
    return this.#byHash.has(key(hash));
  }

  get(hash: Hex): PendingTransaction | undefined {
    return this.#byHash.get(key(hash));
  }

  /** Pending transactions of `sender`, gapped and stale ones included. */
  senderCount(sender: Address): number {
    return this.#senders.get(key(sender))?.byNonce.size ?? 0;
  }

  /**
   * Whether `tx` may be admitted, and which pending transaction it replaces. Gapped nonces are
   * admitted (held until the gap fills); the reasons are tested in `MEMPOOL_REJECTION_REASONS` order.
   */
  check(tx: PendingTransaction, { accountNonce, maxPendingPerSender }: CheckOptions): MempoolCheck {
    if (this.#byHash.has(key(tx.hash))) {
      return reject("alreadyKnown", `Transaction ${tx.hash} is already known.`);
    }
    if (tx.nonce < accountNonce) {
      return reject("nonceTooLow", `Nonce too low: the sender's next nonce is ${accountNonce}, the transaction has ${tx.nonce}.`);
    }
    const sender = this.#senders.get(key(tx.sender));
    const occupant = sender?.byNonce.get(tx.nonce);
    if (occupant) {
      const feeCap = bumped(occupant.maxFeePerGas);
      const tip = bumped(occupant.maxPriorityFeePerGas);
      if (!outbids(tx.maxFeePerGas, occupant.maxFeePerGas) || !outbids(tx.maxPriorityFeePerGas, occupant.maxPriorityFeePerGas)) {
        return reject(
          "replacementUnderpriced",
          `Replacement transaction underpriced: replacing nonce ${tx.nonce} needs maxFeePerGas ≥ ${feeCap} and ` +
            `maxPriorityFeePerGas ≥ ${tip} (${REPLACEMENT_PRICE_BUMP}% above the pending ${occupant.hash}).`,
        );
      }
      return { ok: true, replaces: occupant.hash };
    }
    const pending = sender?.byNonce.size ?? 0;
    if (pending >= maxPendingPerSender) {
      return reject("senderLimit", `Sender ${tx.sender} already has ${pending} pending transactions, the limit per sender.`);
    }
    if (this.#byHash.size >= this.maxPendingTotal) {
      return reject("mempoolFull", `The mempool is full (${this.#byHash.size} pending transactions); try again later.`);
    }
    return { ok: true };
  }

  /**
   * Adds `tx` (already checked and durably stored), evicting `replaces` (from `check`). Throws
   * `MempoolConflictError` when the slot changed since `check`; limits are not re-checked.
   */
  insert(tx: PendingTransaction, replaces?: Hex): void {
    if (this.#byHash.has(key(tx.hash))) throw new MempoolConflictError({ hash: tx.hash, reason: "already pending" });
    const senderKey = key(tx.sender);
    let sender = this.#senders.get(senderKey);
    const occupant = sender?.byNonce.get(tx.nonce);
    if (replaces === undefined) {
      if (occupant) {
        throw new MempoolConflictError({ hash: tx.hash, reason: `nonce ${tx.nonce} of ${tx.sender} is taken by ${occupant.hash}` });
      }
    } else if (!occupant || key(occupant.hash) !== key(replaces)) {
      throw new MempoolConflictError({ hash: tx.hash, reason: `${replaces} is not the pending transaction at nonce ${tx.nonce} of ${tx.sender}` });
    } else {
      this.#byHash.delete(key(occupant.hash));
    }
    if (!sender) {
      sender = { address: tx.sender, byNonce: new Map() };
      this.#senders.set(senderKey, sender);
    }
    sender.byNonce.set(tx.nonce, tx);
    this.#byHash.set(key(tx.hash), tx);
  }

  /** Forgets these transactions (unknown hashes are ignored); returns the ones it held. */
  remove(hashes: Iterable<Hex>): PendingTransaction[] {
    const removed: PendingTransaction[] = [];
    for (const hash of hashes) {
      const tx = this.#byHash.get(key(hash));
      if (!tx) continue;
      this.#byHash.delete(key(hash));
      const senderKey = key(tx.sender);
      const sender = this.#senders.get(senderKey);
      if (sender) {
        sender.byNonce.delete(tx.nonce);
        if (sender.byNonce.size === 0) this.#senders.delete(senderKey);
      }
      removed.push(tx);
    }
    return removed;
  }

  /**
   * The nonce `sender` should use next: `accountNonce` plus the contiguous run of pending nonces
   * from it (gapped ones don't count). Answers `eth_getTransactionCount(sender, "pending")`.
   */
  pendingNonce(sender: Address, accountNonce: bigint): bigint {
    const byNonce = this.#senders.get(key(sender))?.byNonce;
    let nonce = accountNonce;
    if (byNonce) while (byNonce.has(nonce)) nonce++;
    return nonce;
  }

  /**
   * The next block's transactions, in block order; removes nothing. Only executable transactions
   * (contiguous from the account nonce) are eligible and each sender's leave in nonce order; among
   * the senders' heads the policy picks (fifo: lowest sequence; priorityFee: highest effective tip,
   * then lowest sequence). A transaction that would pass `maxGas` is skipped with its sender's later
   * nonces while others keep filling. O(senders + k log senders) for k selected.
   */
  select({ policy, maxTransactions, maxGas, accountNonce, baseFee }: SelectOptions): PendingTransaction[] {
    const selected: PendingTransaction[] = [];
    if (maxTransactions <= 0) return selected;
    const heads: SenderHead[] = [];
    for (const { address, byNonce } of this.#senders.values()) {
      const tx = byNonce.get(accountNonce(address));
      if (tx) heads.push({ tx, tip: effectiveTip(tx, baseFee), byNonce });
    }
    const heap = new Heap<SenderHead>(HEAD_ORDER[policy], heads);
    let gas = 0n;
    while (selected.length < maxTransactions) {
      const head = heap.pop();
      if (!head) break;
      const { tx, byNonce } = head;
      if (gas + tx.gas > maxGas || !payable(tx, baseFee)) continue; // the sender is done for this block
      selected.push(tx);
      gas += tx.gas;
      const next = byNonce.get(tx.nonce + 1n);
      if (next) heap.push({ tx: next, tip: effectiveTip(next, baseFee), byNonce });
    }
    return selected;
  }

  /** Drops and returns `sender`'s pending transactions below `accountNonce` (used on chain), by nonce. */
  evictStale(sender: Address, accountNonce: bigint): PendingTransaction[] {
    const entry = this.#senders.get(key(sender));
    if (!entry) return [];
    const stale = [...entry.byNonce.values()].filter((tx) => tx.nonce < accountNonce).sort((a, b) => compare(a.nonce, b.nonce));
    this.remove(stale.map((tx) => tx.hash));
    return stale;
  }

  /** Every pending transaction in sequence (admission) order. */
  all(): PendingTransaction[] {
    return [...this.#byHash.values()].sort((a, b) => compare(a.sequence, b.sequence));
  }
}

function reject(reason: MempoolRejection["reason"], message: string): MempoolRejection {
  return { ok: false, reason, message };
}

/** The least a replacement must pay where the pending transaction pays `old` (geth's rounding). */
function bumped(old: bigint): bigint {
  return (old * (100n + REPLACEMENT_PRICE_BUMP)) / 100n;
}

/** geth: strictly more than the old price, and at least the bumped threshold. */
function outbids(offered: bigint, old: bigint): boolean {
  return offered > old && offered >= bumped(old);
}

function compare(a: bigint, b: bigint): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
