/**
 * The time a sequencer runs on: the wall clock and its timers, as one seam, so tests can drive
 * block cadence, backoff and lifetimes on a clock they advance themselves.
 */
export interface SequencerClock {
  /** Milliseconds since the epoch. */
  now(): number;
  /** Calls `callback` once, `ms` from now; `cancel` stops it. */
  setTimeout(callback: () => void, ms: number): { cancel(): void };
}

/** The process's clock: `Date.now` and Node's timers. */
export const systemClock: SequencerClock = {
  now: () => Date.now(),
  setTimeout(callback, ms) {
    const timer = setTimeout(callback, ms);
    return { cancel: () => clearTimeout(timer) };
  },
};

/** Resolves `ms` from now on `clock`'s timers (a wait a test moves with the clock, not the wall). */
export function sleep(clock: SequencerClock, ms: number): Promise<void> {
  return new Promise((resolve) => void clock.setTimeout(resolve, ms));
}
