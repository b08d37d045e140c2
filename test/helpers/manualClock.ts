import type { SequencerClock } from "../../lib/sequencer/clock.ts";

interface Timer {
  at: number;
  callback: () => void;
}

/**
 * A {@link SequencerClock} that moves only when the test says so: `fire()` jumps to the earliest
 * pending timer and runs it. Every delay asked for is kept in `delays`, in order.
 *
 * @example
 * const clock = new ManualClock();
 * clock.fire(); // the sequencer's first tick starts
 */
export class ManualClock implements SequencerClock {
  readonly delays: number[] = [];
  #now: number;
  #timers: Timer[] = [];

  constructor(start = Date.now()) {
    this.#now = start;
  }

  now(): number {
    return this.#now;
  }

  setTimeout(callback: () => void, ms: number): { cancel(): void } {
    const timer = { at: this.#now + ms, callback };
    this.#timers.push(timer);
    this.delays.push(ms);
    return { cancel: () => void (this.#timers = this.#timers.filter((t) => t !== timer)) };
  }

  /** Moves to the earliest pending timer and runs it; false when none is pending. */
  fire(): boolean {
    const next = this.#timers.reduce<Timer | undefined>((earliest, t) => (!earliest || t.at < earliest.at ? t : earliest), undefined);
    if (!next) return false;
    this.#timers = this.#timers.filter((t) => t !== next);
    this.#now = Math.max(this.#now, next.at);
    next.callback();
    return true;
  }
}
