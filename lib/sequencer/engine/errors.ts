import { BaseError } from "../../errors.ts";
import type { Fault } from "../faults.ts";

/**
 * Every error the execution engine raises, with what the block loop must do about it
 * ({@link Fault}): wait and retry, resynchronize with the engine, or stop building.
 */
export class EngineError extends BaseError {
  override name = "EngineError";
  readonly fault: Fault = "temporary";
}

/** The execution client did not answer (down, restarting, timed out): retry with backoff. */
export class EngineUnreachableError extends EngineError {
  override name = "EngineUnreachableError";
  override readonly fault = "temporary";
  constructor({ url, method, cause }: { url: string; method: string; cause?: unknown }) {
    super(`The execution client at ${url} did not answer ${method}.`, { details: cause instanceof Error ? cause.message : String(cause), cause });
  }
}

/**
 * The execution client refused a step of block production, or its chain is not where the
 * sequencer left it (its head went back): the sequencer's view of the chain is stale, so it forgets
 * its cached state, re-reads the head and re-validates the pool before the next block.
 */
export class EngineResyncError extends EngineError {
  override name = "EngineResyncError";
  override readonly fault = "resync";
}

/**
 * The execution client serves another chain than the one this sequencer builds: building on it
 * would put one chain's transactions on another. Block production stops until an operator starts
 * it again (`admin_startSequencer`).
 */
export class EngineMismatchError extends EngineError {
  override name = "EngineMismatchError";
  override readonly fault = "halt";
  constructor({ url, expected, actual }: { url: string; expected: number; actual: bigint }) {
    super(`The execution client at ${url} serves chain ${actual}, not chain ${expected}.`);
  }
}
