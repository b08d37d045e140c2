import type { PendingTransaction } from "../types.ts";
import { HEAD_ORDER, effectiveTip, payable, type Head, type SelectOptions } from "./ordering.ts";

/**
 * `Mempool.select`'s semantics written the obvious way: for every slot, scan all `pending` for the
 * best executable head. O(n·k); the tests' oracle and the benchmark's baseline, never used to
 * build blocks.
 */
export function selectNaive(
  pending: readonly PendingTransaction[],
  { policy, maxTransactions, maxGas, accountNonce, baseFee }: SelectOptions,
): PendingTransaction[] {
  const before = HEAD_ORDER[policy];
  const next = new Map<string, bigint>();
  const done = new Set<string>();
  const rows: (Head & { sender: string })[] = pending.map((tx) => ({ tx, tip: effectiveTip(tx, baseFee), sender: tx.sender.toLowerCase() }));
  for (const { tx, sender } of rows) if (!next.has(sender)) next.set(sender, accountNonce?.(tx.sender) ?? 0n);
  const selected: PendingTransaction[] = [];
  let gas = 0n;
  while (selected.length < maxTransactions) {
    let best: (typeof rows)[number] | undefined;
    for (const row of rows) {
      if (row.tx.nonce !== next.get(row.sender) || done.has(row.sender)) continue;
      if (!best || before(row, best)) best = row;
    }
    if (!best) break;
    const { tx, sender } = best;
    if (gas + tx.gas > maxGas || !payable(tx, baseFee)) {
      done.add(sender);
      continue;
    }
    selected.push(tx);
    gas += tx.gas;
    next.set(sender, tx.nonce + 1n);
  }
  return selected;
}
