import type { Address } from "viem";

import { OrderingPolicy } from "../../governance/parameters.ts";
import type { PendingTransaction } from "../types.ts";

/** What one block may hold and how to order it; `accountNonce` is the sender's nonce on chain. */
export interface SelectOptions {
  policy: OrderingPolicy;
  maxTransactions: number;
  maxGas: bigint;
  /** The sender's nonce on chain; the nonce the mempool last learnt for it when absent. */
  accountNonce?: (sender: Address) => bigint;
  /**
   * The block's base fee. When given, the priority-fee tip is capped at `maxFeePerGas - baseFee`
   * and a transaction whose `maxFeePerGas` is below it is not includable: it is skipped with its
   * sender's later nonces, under either policy.
   */
  baseFee?: bigint;
}

/** A sender's next executable transaction, with the tip it pays in this block. */
export interface Head {
  tx: PendingTransaction;
  tip: bigint;
}

/** The tip `tx` pays the sequencer in a block with `baseFee` (undefined: the declared tip). */
export function effectiveTip(tx: PendingTransaction, baseFee: bigint | undefined): bigint {
  if (baseFee === undefined) return tx.maxPriorityFeePerGas;
  const headroom = tx.maxFeePerGas - baseFee;
  return headroom < tx.maxPriorityFeePerGas ? headroom : tx.maxPriorityFeePerGas;
}

/** The most `tx` can take from its sender's balance: gas × fee cap + value (what geth checks). */
export function maxCost(tx: PendingTransaction): bigint {
  return tx.gas * tx.maxFeePerGas + tx.value;
}

/** Whether `tx` can pay `baseFee` at all. */
export function payable(tx: PendingTransaction, baseFee: bigint | undefined): boolean {
  return baseFee === undefined || tx.maxFeePerGas >= baseFee;
}

const fifo = (a: Head, b: Head): boolean => a.tx.sequence < b.tx.sequence;
const priorityFee = (a: Head, b: Head): boolean =>
  a.tip > b.tip || (a.tip === b.tip && a.tx.sequence < b.tx.sequence);

/** `before(a, b)`: true when head `a` goes into the block ahead of head `b` under `policy`. */
export const HEAD_ORDER: Record<OrderingPolicy, (a: Head, b: Head) => boolean> = {
  [OrderingPolicy.Fifo]: fifo,
  [OrderingPolicy.PriorityFee]: priorityFee,
};
