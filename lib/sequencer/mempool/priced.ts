import type { PendingTransaction } from "../types.ts";
import { Heap } from "./heap.ts";
import { effectiveTip } from "./ordering.ts";

interface Entry {
  tx: PendingTransaction;
  tip: bigint;
}

const cheaper = (a: Entry, b: Entry): boolean => a.tip < b.tip || (a.tip === b.tip && a.tx.sequence > b.tx.sequence);

/**
 * The pool's transactions by effective tip, cheapest first (the newest first among equals), to
 * pick eviction victims — geth's `pricedList`. Entries are removed lazily: `cheapest` skips those
 * `alive` no longer vouches for, and the heap is rebuilt from the pool when the base fee changed
 * since it was built or stale entries outnumber live ones.
 */
export class PricedIndex {
  #heap = new Heap<Entry>(cheaper);
  #baseFee: bigint | undefined;
  #stale = false;

  /** The base fee effective tips are measured against (the next block's). */
  setBaseFee(baseFee: bigint | undefined): void {
    if (baseFee !== this.#baseFee) this.#stale = true;
    this.#baseFee = baseFee;
  }

  get baseFee(): bigint | undefined {
    return this.#baseFee;
  }

  add(tx: PendingTransaction): void {
    this.#heap.push({ tx, tip: effectiveTip(tx, this.#baseFee) });
  }

  /**
   * The cheapest live transaction `eligible` accepts, without removing it. `live` lists the pool
   * (for a rebuild); `alive` says whether a transaction is still in it.
   */
  cheapest(
    live: () => Iterable<PendingTransaction>,
    alive: (tx: PendingTransaction) => boolean,
    eligible: (tx: PendingTransaction) => boolean,
    size: number,
  ): { tx: PendingTransaction; tip: bigint } | undefined {
    if (this.#stale || this.#heap.size > 2 * size + 64) this.#rebuild(live());
    const skipped: Entry[] = [];
    let found: Entry | undefined;
    for (let entry = this.#heap.pop(); entry; entry = this.#heap.pop()) {
      if (!alive(entry.tx)) continue; // removed since: forget the entry
      skipped.push(entry);
      if (eligible(entry.tx)) {
        found = entry;
        break;
      }
    }
    for (const entry of skipped) this.#heap.push(entry);
    return found;
  }

  #rebuild(live: Iterable<PendingTransaction>): void {
    const entries: Entry[] = [];
    for (const tx of live) entries.push({ tx, tip: effectiveTip(tx, this.#baseFee) });
    this.#heap = new Heap<Entry>(cheaper, entries);
    this.#stale = false;
  }
}
