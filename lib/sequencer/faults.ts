import { BaseError } from "../errors.ts";
import { EngineError } from "./engine/errors.ts";
import { HeightBuiltError } from "./replication/errors.ts";
import { StoreWriteError } from "./store/errors.ts";

/**
 * What the block loop does about an error (op-node's temporary / reset / critical):
 *
 * - `temporary`: nothing is wrong with the sequencer's state (the engine or the disk did not answer
 *   this time): retry, backing off.
 * - `resync`: the sequencer's view of the chain may be stale: forget cached account state, re-read
 *   the head, re-validate the pool, then build.
 * - `halt`: building on would be wrong (another chain behind the engine URL, an invariant broken by
 *   a bug): stop building and say why in `/healthz` until an operator starts the chain again.
 */
export type Fault = "temporary" | "resync" | "halt";

/**
 * No governed configuration could be read for the chain, and none was read before (the hub is
 * down at start, or the chain has no configuration yet): nothing to build by until it can.
 */
export class ConfigUnavailableError extends BaseError {
  override name = "ConfigUnavailableError";
  readonly fault = "temporary";
}

/** The {@link Fault} of an error raised while building a block. */
export function faultOf(error: unknown): Fault {
  if (error instanceof EngineError || error instanceof ConfigUnavailableError || error instanceof HeightBuiltError) return error.fault;
  // The commit of a block's inclusions failed: the block stands and the next start reconciles the store.
  if (error instanceof StoreWriteError) return "temporary";
  // Anything else is a bug, and a bug in block building must not build on.
  return "halt";
}

/** The first line of an error's message, for status and logs. */
export function faultMessage(error: unknown): string {
  if (error instanceof BaseError) return error.shortMessage;
  return error instanceof Error ? (error.message.split("\n")[0] ?? error.name) : String(error);
}

/** The longest a failing chain waits between attempts (ticks back off from the block time, doubling). */
export const MAX_RETRY_MS = 5_000;
/** Resyncs in a row after which a refusal that resynchronizing does not cure halts the chain. */
export const MAX_RESYNCS = 5;

/** What a failed tick comes to: the fault to act on, its message, and when to try again. */
export interface FailedTick {
  fault: Fault;
  message: string;
  /** Failed ticks in a row, this one included. */
  failures: number;
  /** Why block production stops, for a halt. */
  haltReason?: string;
  /** Before the next tick, ms: the block time doubled per failure in a row, at most {@link MAX_RETRY_MS}. */
  retryInMs: number;
}

/**
 * The block loop's count of failures in a row: classifies each failed tick ({@link faultOf}),
 * escalates a refusal that {@link MAX_RESYNCS} resyncs in a row did not cure to a halt, and backs
 * off. A tick that goes through resets it.
 */
export class FailureCount {
  #failures = 0;
  #resyncs = 0;

  failed(error: unknown, blockTimeMs: number): FailedTick {
    const classified = faultOf(error);
    this.#resyncs = classified === "resync" ? this.#resyncs + 1 : 0;
    // The engine refused again after every resync: building on would go nowhere, so an operator is needed.
    const uncured = this.#resyncs > MAX_RESYNCS;
    const fault = uncured ? "halt" : classified;
    const message = faultMessage(error);
    this.#failures += 1;
    if (fault === "halt") this.#resyncs = 0;
    return {
      fault,
      message,
      failures: this.#failures,
      ...(fault === "halt" ? { haltReason: uncured ? `${message} (still after ${MAX_RESYNCS} resyncs)` : message } : {}),
      retryInMs: fault === "halt" ? blockTimeMs : Math.min(MAX_RETRY_MS, blockTimeMs * 2 ** Math.min(this.#failures - 1, 16)),
    };
  }

  succeeded(): void {
    this.#failures = 0;
    this.#resyncs = 0;
  }
}
