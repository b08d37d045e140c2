import type { Address, Hex } from "viem";

import type { PendingTransaction } from "../types.ts";
import { MempoolConflictError, type MempoolAdmission, type MempoolCheck, type MempoolRejection, type MempoolSlot } from "./errors.ts";
import { checkTxpoolOptions, type TxpoolOptions } from "./options.ts";
import { effectiveTip, maxCost, type SelectOptions } from "./ordering.ts";
import { PricedIndex } from "./priced.ts";
import { bumped, outbids, REPLACEMENT_PRICE_BUMP } from "./replacement.ts";
import { selectBlock } from "./select.ts";
import { SenderList } from "./senderList.ts";

export type MempoolLimits = Pick<TxpoolOptions, "maxPendingTotal" | "maxQueuedPerSender" | "maxQueuedTotal" | "operatorReserve">;

export interface MempoolOptions extends Partial<MempoolLimits> {
  /** The chain's operator accounts: their transactions use `operatorReserve` and are never evicted for price. */
  operators?: Iterable<Address>;
}

/** The governed limits and the chain state `check` needs for one transaction. */
export interface CheckOptions {
  /** The sender's nonce on chain (its next transaction to be included). */
  accountNonce: bigint;
  maxPendingPerSender: number;
}

/** `check`'s admitting verdict (replaces, evicts, slot), and the sender's nonce on chain as `check` was given it. */
export interface InsertOptions extends Partial<Omit<MempoolAdmission, "ok">> {
  accountNonce?: bigint;
}

const key = (value: string): string => value.toLowerCase();

/**
 * One member chain's transaction pool, in memory, with geth's economics. Pure: no I/O and no
 * clock; the caller passes chain state (account nonces and balances, the base fee) and governed
 * limits in, admits with `check` → durable store → `insert`, and removes what left the pool.
 *
 * A sender's transactions are kept by nonce and split like geth's legacypool: *pending* (the
 * contiguous run from its account nonce, executable now) and *queued* (gapped, future nonces).
 * Pending capacity (`maxPendingTotal`) counts only executable transactions, the operator's aside
 * in their own reserve; queued ones are bounded per sender and overall. When pending capacity is
 * full, a transaction paying a higher effective tip evicts the cheapest executable one of another
 * sender (with that sender's later nonces, which could no longer execute); a gapped transaction
 * only ever displaces another gapped one.
 *
 * By role: each sender's transactions live in a {@link SenderList}, eviction candidates in a
 * {@link PricedIndex}, block selection is {@link selectBlock}, the replacement rule `replacement.ts`.
 */
export class Mempool {
  readonly limits: MempoolLimits;
  readonly #operators: Set<string>;
  readonly #byHash = new Map<string, PendingTransaction>();
  readonly #senders = new Map<string, SenderList>();
  readonly #queuedSenders = new Set<SenderList>();
  readonly #priced = new PricedIndex();
  #pending = 0;
  #operatorPending = 0;
  /** Capacity held by admitting verdicts not yet inserted or released. */
  readonly #reserved: Record<MempoolSlot, number> = { pending: 0, operator: 0, queued: 0 };
  /** Victims named by such verdicts: no other admission may count on evicting them. */
  readonly #evicting = new Set<PendingTransaction>();

  constructor({ operators = [], ...limits }: MempoolOptions = {}) {
    const { maxPendingTotal, maxQueuedPerSender, maxQueuedTotal, operatorReserve } = checkTxpoolOptions(limits);
    this.limits = { maxPendingTotal, maxQueuedPerSender, maxQueuedTotal, operatorReserve };
    this.#operators = new Set([...operators].map(key));
  }

  get size(): number {
    return this.#byHash.size;
  }

  /** Executable transactions (operators' included). */
  get pendingCount(): number {
    return this.#pending + this.#operatorPending;
  }

  /** Gapped (or not yet pruned stale) transactions. */
  get queuedCount(): number {
    return this.#byHash.size - this.pendingCount;
  }

  has(hash: Hex): boolean {
    return this.#byHash.has(key(hash));
  }

  get(hash: Hex): PendingTransaction | undefined {
    return this.#byHash.get(key(hash));
  }

  /** Transactions of `sender`, gapped and stale ones included. */
  senderCount(sender: Address): number {
    return this.#senders.get(key(sender))?.size ?? 0;
  }

  /** What `sender`'s transactions may cost at most in all, less the one at `exceptNonce` (being replaced). */
  senderCost(sender: Address, exceptNonce?: bigint): bigint {
    const entry = this.#senders.get(key(sender));
    if (!entry) return 0n;
    const replaced = exceptNonce === undefined ? undefined : entry.byNonce.get(exceptNonce);
    return entry.cost - (replaced ? maxCost(replaced) : 0n);
  }

  /** Every sender with a transaction here (for round-robin re-validation). */
  senders(): IterableIterator<Address> {
    return (function* (senders: Map<string, SenderList>) {
      for (const sender of senders.values()) yield sender.address;
    })(this.#senders);
  }

  isOperator(sender: Address): boolean {
    return this.#operators.has(key(sender));
  }

  /** The next block's base fee: eviction compares effective tips at it. */
  setBaseFee(baseFee: bigint): void {
    this.#priced.setBaseFee(baseFee);
  }

  /**
   * Whether `tx` may be admitted, what it replaces and what it evicts. Reasons are tested in
   * `MEMPOOL_REJECTION_REASONS` order. The caller checks funds (see `senderCost`).
   */
  check(tx: PendingTransaction, { accountNonce, maxPendingPerSender }: CheckOptions): MempoolCheck {
    if (this.#byHash.has(key(tx.hash))) return reject("alreadyKnown", `Transaction ${tx.hash} is already known.`);
    if (tx.nonce < accountNonce) {
      return reject("nonceTooLow", `Nonce too low: the sender's next nonce is ${accountNonce}, the transaction has ${tx.nonce}.`);
    }
    const sender = this.#senders.get(key(tx.sender));
    const occupant = sender?.byNonce.get(tx.nonce);
    if (occupant) {
      if (!outbids(tx.maxFeePerGas, occupant.maxFeePerGas) || !outbids(tx.maxPriorityFeePerGas, occupant.maxPriorityFeePerGas)) {
        return reject(
          "replacementUnderpriced",
          `Replacement transaction underpriced: replacing nonce ${tx.nonce} needs maxFeePerGas ≥ ${bumped(occupant.maxFeePerGas)} and ` +
            `maxPriorityFeePerGas ≥ ${bumped(occupant.maxPriorityFeePerGas)} (${REPLACEMENT_PRICE_BUMP}% above the pending ${occupant.hash}).`,
        );
      }
      return { ok: true, replaces: occupant.hash };
    }
    const count = sender?.size ?? 0;
    if (count >= maxPendingPerSender) {
      return reject("senderLimit", `Sender ${tx.sender} already has ${count} pending transactions, the governed limit per sender.`);
    }
    const next = this.pendingNonce(tx.sender, accountNonce);
    return tx.nonce === next ? this.#checkExecutable(tx) : this.#checkGapped(tx, sender, next);
  }

  /** Gives back what an admitting verdict held, when its transaction will not be inserted. */
  release(verdict: MempoolCheck): void {
    if (!verdict.ok) return;
    if (verdict.slot) this.#reserved[verdict.slot] -= 1;
    for (const tx of verdict.evicts ?? []) this.#evicting.delete(tx);
  }

  #hold(slot: MempoolSlot, evicts?: PendingTransaction[]): MempoolAdmission {
    this.#reserved[slot] += 1;
    for (const tx of evicts ?? []) this.#evicting.add(tx);
    return evicts ? { ok: true, evicts, slot } : { ok: true, slot };
  }

  #checkExecutable(tx: PendingTransaction): MempoolCheck {
    if (this.isOperator(tx.sender)) {
      if (this.#operatorPending + this.#reserved.operator < this.limits.operatorReserve) return this.#hold("operator");
      return reject("mempoolFull", `The operator's reserve of ${this.limits.operatorReserve} pending transactions is full.`);
    }
    if (this.#pending + this.#reserved.pending < this.limits.maxPendingTotal) return this.#hold("pending");
    const tip = effectiveTip(tx, this.#priced.baseFee);
    const victim = this.#priced.cheapest(
      () => this.#byHash.values(),
      (t) => this.#byHash.get(key(t.hash)) === t,
      (t) => key(t.sender) !== key(tx.sender) && !this.#evicting.has(t) && this.#executable(t) && !this.isOperator(t.sender),
      this.#byHash.size,
    );
    if (!victim || victim.tip >= tip) {
      return reject(
        "underpriced",
        `The mempool is full (${this.#pending} executable transactions) and this one's effective tip ${tip} wei does not beat the cheapest pending (${victim?.tip ?? "none evictable"}).`,
      );
    }
    const victimSender = this.#senders.get(key(victim.tx.sender));
    const victims = victimSender ? victimSender.fromNonce(victim.tx) : [victim.tx];
    return this.#hold("pending", victims.filter((t) => !this.#evicting.has(t)));
  }

  #checkGapped(tx: PendingTransaction, sender: SenderList | undefined, next: bigint): MempoolCheck {
    const queued = sender?.queued ?? 0;
    if (queued >= this.limits.maxQueuedPerSender) {
      return reject("queuedLimit", `Sender ${tx.sender} already has ${queued} gapped transactions queued (nonce ${next} is missing), the limit per sender.`);
    }
    if (this.queuedCount + this.#reserved.queued < this.limits.maxQueuedTotal) return this.#hold("queued");
    const tip = effectiveTip(tx, this.#priced.baseFee);
    let victim: { tx: PendingTransaction; tip: bigint } | undefined;
    for (const other of this.#queuedSenders) {
      if (other === sender || other.operator) continue;
      const tail = other.highest();
      if (!tail || this.#executable(tail) || this.#evicting.has(tail)) continue;
      const tailTip = effectiveTip(tail, this.#priced.baseFee);
      if (!victim || tailTip < victim.tip) victim = { tx: tail, tip: tailTip };
    }
    if (!victim || victim.tip >= tip) {
      return reject("mempoolFull", `The queue of gapped transactions is full (${this.queuedCount}); send nonce ${next} first.`);
    }
    return this.#hold("queued", [victim.tx]);
  }

  /**
   * Adds `tx` (already checked and durably stored), after removing `evicts` and `replaces` and
   * taking over the `slot` `check` held. Throws `MempoolConflictError` when the nonce slot changed
   * since `check` (the verdict is then still held: `release` it).
   */
  insert(tx: PendingTransaction, { accountNonce, replaces, evicts = [], slot }: InsertOptions = {}): void {
    if (this.#byHash.has(key(tx.hash))) throw new MempoolConflictError({ hash: tx.hash, reason: "already pending" });
    const occupant = this.#senders.get(key(tx.sender))?.byNonce.get(tx.nonce);
    if (replaces === undefined) {
      if (occupant) throw new MempoolConflictError({ hash: tx.hash, reason: `nonce ${tx.nonce} of ${tx.sender} is taken by ${occupant.hash}` });
    } else if (!occupant || key(occupant.hash) !== key(replaces)) {
      throw new MempoolConflictError({ hash: tx.hash, reason: `${replaces} is not the pending transaction at nonce ${tx.nonce} of ${tx.sender}` });
    }
    this.release({ ok: true, evicts, ...(slot ? { slot } : {}) });
    const senderKey = key(tx.sender);
    const known = this.#senders.get(senderKey)?.nonce;
    this.remove([...evicts.map((t) => t.hash), ...(replaces ? [replaces] : [])]);
    let sender = this.#senders.get(senderKey);
    if (!sender) {
      sender = new SenderList(tx.sender, accountNonce ?? known ?? 0n, this.#operators.has(senderKey));
      this.#senders.set(senderKey, sender);
    } else if (accountNonce !== undefined) {
      sender.learnNonce(accountNonce);
    }
    sender.add(tx);
    this.#byHash.set(key(tx.hash), tx);
    this.#priced.add(tx);
    this.#refresh(sender);
  }

  /** Forgets these transactions (unknown hashes are ignored); returns the ones it held. Later nonces stay, queued. */
  remove(hashes: Iterable<Hex>): PendingTransaction[] {
    const removed: PendingTransaction[] = [];
    const touched = new Set<SenderList>();
    for (const hash of hashes) {
      const tx = this.#byHash.get(key(hash));
      if (!tx) continue;
      this.#byHash.delete(key(hash));
      const sender = this.#senders.get(key(tx.sender));
      if (sender?.delete(tx)) touched.add(sender);
      removed.push(tx);
    }
    for (const sender of touched) this.#refresh(sender);
    return removed;
  }

  /**
   * Learns `sender`'s state on chain and returns what can no longer execute, without removing it:
   * `stale` (nonce used) and `unfunded` (from the first nonce whose cumulative maximum cost exceeds
   * the balance, every later one too).
   */
  unexecutable(sender: Address, account: { nonce: bigint; balance: bigint }): { stale: PendingTransaction[]; unfunded: PendingTransaction[] } {
    const entry = this.#senders.get(key(sender));
    if (!entry) return { stale: [], unfunded: [] };
    if (entry.learnNonce(account.nonce)) this.#refresh(entry);
    return entry.unexecutable(account);
  }

  /** Transactions admitted before `cutoffMs` (wall clock), oldest first. */
  expired(cutoffMs: number): PendingTransaction[] {
    const found: PendingTransaction[] = [];
    for (const tx of this.#byHash.values()) {
      if (tx.receivedAt >= cutoffMs) break; // insertion order is admission order
      found.push(tx);
    }
    return found;
  }

  /** Transactions whose fee cap is below `baseFee`. O(n): called when the base fee floor rises. */
  feeCapBelow(baseFee: bigint): PendingTransaction[] {
    return [...this.#byHash.values()].filter((tx) => tx.maxFeePerGas < baseFee);
  }

  /**
   * The nonce `sender` should use next: `accountNonce` plus the contiguous run of pending nonces
   * from it (gapped ones don't count). Answers `eth_getTransactionCount(sender, "pending")`.
   */
  pendingNonce(sender: Address, accountNonce: bigint): bigint {
    return this.#senders.get(key(sender))?.pendingNonce(accountNonce) ?? accountNonce;
  }

  /**
   * The next block's transactions, in block order; removes nothing (see {@link selectBlock}: only
   * executable transactions, each sender's in nonce order, the senders' heads by `policy`).
   */
  select(options: SelectOptions): PendingTransaction[] {
    return selectBlock(this.#senders.values(), options);
  }

  /** Every pending transaction in sequence (admission) order. */
  all(): PendingTransaction[] {
    return [...this.#byHash.values()].sort((a, b) => compare(a.sequence, b.sequence));
  }

  #executable(tx: PendingTransaction): boolean {
    return this.#senders.get(key(tx.sender))?.isExecutable(tx) ?? false;
  }

  /** Recounts `sender`'s executable run after a change, and the pool's totals with it. */
  #refresh(sender: SenderList): void {
    const delta = sender.recount();
    if (sender.operator) this.#operatorPending += delta;
    else this.#pending += delta;
    if (sender.queued > 0) this.#queuedSenders.add(sender);
    else this.#queuedSenders.delete(sender);
    if (sender.size === 0) this.#senders.delete(key(sender.address));
  }
}

/** `insert`'s options from `check`'s verdict (nothing for a refusal). */
export function admitted(verdict: MempoolCheck): InsertOptions {
  if (!verdict.ok) return {};
  return {
    ...(verdict.replaces ? { replaces: verdict.replaces } : {}),
    ...(verdict.evicts ? { evicts: verdict.evicts } : {}),
    ...(verdict.slot ? { slot: verdict.slot } : {}),
  };
}

function reject(reason: MempoolRejection["reason"], message: string): MempoolRejection {
  return { ok: false, reason, message };
}

function compare(a: bigint, b: bigint): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
