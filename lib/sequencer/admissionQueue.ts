import { Heap } from "./mempool/heap.ts";

/** What a waiting admission pays, and where it arrived: the queue serves the best bid first. */
export interface AdmissionBid {
  /** Effective tip at the next block's base fee, wei per gas. */
  tip: bigint;
  /** Fee cap, wei per gas: the tie-break between equal tips. */
  feeCap: bigint;
  /**
   * Its place among the admissions that arrived in the same turn of the event loop (one JSON-RPC
   * batch), from 0: between equal payers, the first of each batch goes before the second of any,
   * so a single request is not queued behind another client's thousand.
   */
  rank: number;
}

export interface AdmissionQueueOptions {
  /** Admissions that may wait for a slot; beyond it the worst bid is refused. */
  capacity: number;
  /** Admissions running at once (recovery, account read, store write). */
  concurrency: number;
}

interface Entry {
  bid: AdmissionBid;
  /** Arrival order: the last tie-break. */
  order: number;
  start: () => void;
  refuse: () => void;
}

/**
 * Which of two bids is served first: negative for `a`, positive for `b`, 0 for equal bids —
 * higher tip, then higher fee cap, then lower rank in its batch. Recovery orders its work the same way.
 */
export function compareBids(a: AdmissionBid, b: AdmissionBid): number {
  if (a.tip !== b.tip) return a.tip > b.tip ? -1 : 1;
  if (a.feeCap !== b.feeCap) return a.feeCap > b.feeCap ? -1 : 1;
  return a.rank - b.rank;
}

/** True when `a` is served before `b`: the better bid, then the earlier. */
function better(a: Entry, b: Entry): boolean {
  return (compareBids(a.bid, b.bid) || a.order - b.order) < 0;
}

/**
 * Bounded, prioritized admission work for one chain. At most `concurrency` admissions run at once;
 * the others wait, at most `capacity` of them, and the best bid (see {@link AdmissionBid}) starts
 * whenever a slot frees. When the queue is full, a new bid that beats the worst waiting one takes
 * its place and the worst is refused; one that does not is refused at once. Either way the refused
 * caller hears it immediately (`refusal`'s error): memory and waiting time stay bounded under any
 * load, and the transactions that pay are recovered and checked first.
 */
export class AdmissionQueue {
  readonly capacity: number;
  readonly concurrency: number;
  readonly #waiting = new Set<Entry>();
  // Both ends of one priority order; entries leave the other heap lazily (see #compact).
  #best = new Heap<Entry>(better);
  #worst = new Heap<Entry>((a, b) => better(b, a));
  #running = 0;
  #order = 0;

  constructor({ capacity, concurrency }: AdmissionQueueOptions) {
    this.capacity = capacity;
    this.concurrency = concurrency;
  }

  /** Admissions waiting for a slot. */
  get waiting(): number {
    return this.#waiting.size;
  }

  /** Admissions running now. */
  get running(): number {
    return this.#running;
  }

  /**
   * Runs `work` when a slot is free and no better bid waits, and settles as it does; or rejects
   * with `refusal()` when the queue is full and this bid is, or becomes, the worst waiting.
   */
  run<T>(bid: AdmissionBid, work: () => Promise<T>, refusal: () => Error): Promise<T> {
    if (this.#running < this.concurrency && this.#waiting.size === 0) return this.#start(work);
    return new Promise<T>((resolve, reject) => {
      const entry: Entry = {
        bid,
        order: this.#order++,
        start: () => void this.#start(work).then(resolve, reject),
        refuse: () => reject(refusal()),
      };
      if (this.#waiting.size >= this.capacity) {
        const worst = this.#peek(this.#worst);
        if (!worst || !better(entry, worst)) return entry.refuse();
        this.#worst.pop();
        this.#waiting.delete(worst);
        worst.refuse();
      }
      this.#waiting.add(entry);
      this.#best.push(entry);
      this.#worst.push(entry);
      this.#compact();
      this.#next();
    });
  }

  async #start<T>(work: () => Promise<T>): Promise<T> {
    this.#running++;
    try {
      return await work();
    } finally {
      this.#running--;
      this.#next();
    }
  }

  #next(): void {
    while (this.#running < this.concurrency) {
      const entry = this.#peek(this.#best);
      if (!entry) return;
      this.#best.pop();
      this.#waiting.delete(entry);
      entry.start();
    }
  }

  /** The heap's top that still waits, dropping the entries that left through the other heap. */
  #peek(heap: Heap<Entry>): Entry | undefined {
    for (let top = heap.peek(); top; top = heap.peek()) {
      if (this.#waiting.has(top)) return top;
      heap.pop();
    }
    return undefined;
  }

  /** Rebuilds the heaps from the waiting entries when departed ones outnumber them. */
  #compact(): void {
    const limit = 2 * this.#waiting.size + 64;
    if (this.#best.size <= limit && this.#worst.size <= limit) return;
    this.#best = new Heap<Entry>(better, [...this.#waiting]);
    this.#worst = new Heap<Entry>((a, b) => better(b, a), [...this.#waiting]);
  }
}

/**
 * A counter of arrivals per turn of the event loop: 0 for the first call of a turn, then 1, 2, …
 * A JSON-RPC batch's requests are all handed over in one turn, so this is each request's place in
 * its batch ({@link AdmissionBid.rank}).
 */
export function arrivalRank(): () => number {
  let count: number | undefined;
  return () => {
    if (count === undefined) {
      count = 0;
      queueMicrotask(() => (count = undefined));
    }
    return count++;
  };
}
