import type { PendingTransaction } from "../types.ts";
import { Heap } from "./heap.ts";
import { HEAD_ORDER, effectiveTip, payable, type Head, type SelectOptions } from "./ordering.ts";
import type { SenderList } from "./senderList.ts";

/** A head in the selection heap, with its sender's queue to find the next nonce. */
interface SenderHead extends Head {
  byNonce: ReadonlyMap<bigint, PendingTransaction>;
}

/**
 * The next block's transactions from these senders, in block order; removes nothing. Only
 * executable transactions (contiguous from the account nonce) are eligible and each sender's leave
 * in nonce order; among the senders' heads the policy picks (fifo: lowest sequence; priorityFee:
 * highest effective tip, then lowest sequence). A transaction that would pass `maxGas` is skipped
 * with its sender's later nonces while others keep filling. O(senders + k log senders) for k
 * selected.
 */
export function selectBlock(senders: Iterable<SenderList>, { policy, maxTransactions, maxGas, accountNonce, baseFee }: SelectOptions): PendingTransaction[] {
  const selected: PendingTransaction[] = [];
  if (maxTransactions <= 0) return selected;
  const heads: SenderHead[] = [];
  for (const sender of senders) {
    const tx = sender.byNonce.get(accountNonce ? accountNonce(sender.address) : sender.nonce);
    if (tx) heads.push({ tx, tip: effectiveTip(tx, baseFee), byNonce: sender.byNonce });
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
