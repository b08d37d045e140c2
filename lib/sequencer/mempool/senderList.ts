import type { Address } from "viem";

import type { PendingTransaction } from "../types.ts";
import { maxCost } from "./ordering.ts";

/**
 * One sender's pooled transactions by nonce — geth's `list` — with what the pool keeps of it: the
 * sender's nonce on chain as last learnt, the run of executable ("pending") nonces from it, and the
 * sum of the transactions' maximum costs. The pool owns the totals across senders: after a change
 * it calls `recount` and applies the difference.
 */
export class SenderList {
  readonly address: Address;
  /** An operator account: its transactions use the operator reserve and are never evicted for price. */
  readonly operator: boolean;
  readonly byNonce = new Map<bigint, PendingTransaction>();
  /** Its nonce on chain, as last learnt. */
  nonce: bigint;
  /** Length of the contiguous run of nonces from `nonce`: its executable transactions. */
  executable = 0;
  /** Sum of its transactions' maximum costs (gas × fee cap + value). */
  cost = 0n;

  constructor(address: Address, nonce: bigint, operator: boolean) {
    this.address = address;
    this.nonce = nonce;
    this.operator = operator;
  }

  get size(): number {
    return this.byNonce.size;
  }

  /** Gapped (or not yet pruned stale) transactions. */
  get queued(): number {
    return this.byNonce.size - this.executable;
  }

  add(tx: PendingTransaction): void {
    this.byNonce.set(tx.nonce, tx);
    this.cost += maxCost(tx);
  }

  /** Removes `tx` if it is the one held at its nonce; says whether it was. */
  delete(tx: PendingTransaction): boolean {
    if (this.byNonce.get(tx.nonce) !== tx) return false;
    this.byNonce.delete(tx.nonce);
    this.cost -= maxCost(tx);
    return true;
  }

  /** Learns a higher nonce on chain (a lower one is ignored); says whether it moved. */
  learnNonce(nonce: bigint): boolean {
    if (nonce <= this.nonce) return false;
    this.nonce = nonce;
    return true;
  }

  /** Recounts the executable run after a change; returns by how much it grew (negative: shrank). */
  recount(): number {
    let run = 0;
    while (this.byNonce.has(this.nonce + BigInt(run))) run++;
    const delta = run - this.executable;
    this.executable = run;
    return delta;
  }

  isExecutable(tx: PendingTransaction): boolean {
    return tx.nonce >= this.nonce && tx.nonce < this.nonce + BigInt(this.executable);
  }

  /** The transaction with the highest nonce (the tail a gapped newcomer may displace). */
  highest(): PendingTransaction | undefined {
    let top: PendingTransaction | undefined;
    for (const tx of this.byNonce.values()) if (!top || tx.nonce > top.nonce) top = tx;
    return top;
  }

  /** `tx` and the later nonces, which cannot execute without it, in nonce order. */
  fromNonce(tx: PendingTransaction): PendingTransaction[] {
    return this.sorted().filter((t) => t.nonce >= tx.nonce);
  }

  /** `accountNonce` plus the contiguous run of pooled nonces from it. */
  pendingNonce(accountNonce: bigint): bigint {
    let nonce = accountNonce;
    while (this.byNonce.has(nonce)) nonce++;
    return nonce;
  }

  /**
   * What can no longer execute against `account`: `stale` (nonce used) and `unfunded` (from the
   * first nonce whose cumulative maximum cost exceeds the balance, every later one too).
   */
  unexecutable(account: { nonce: bigint; balance: bigint }): { stale: PendingTransaction[]; unfunded: PendingTransaction[] } {
    const sorted = this.sorted();
    const stale = sorted.filter((tx) => tx.nonce < account.nonce);
    const live = sorted.slice(stale.length);
    let spent = 0n;
    const overdrawn = live.findIndex((tx) => (spent += maxCost(tx)) > account.balance);
    return { stale, unfunded: overdrawn < 0 ? [] : live.slice(overdrawn) };
  }

  sorted(): PendingTransaction[] {
    return [...this.byNonce.values()].sort((a, b) => (a.nonce < b.nonce ? -1 : a.nonce > b.nonce ? 1 : 0));
  }
}
