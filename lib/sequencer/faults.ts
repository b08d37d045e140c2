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
