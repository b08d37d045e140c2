import { BaseError } from "../../errors.ts";
import { StoreWriteError } from "../store/errors.ts";

/**
 * etcd did not commit the write in time (no quorum, or no member reachable): the transaction is
 * not acknowledged. The sender may resubmit the same signed transaction, which is idempotent; it
 * may still be committed if the write reached a quorum after the deadline.
 */
export class ReplicationUnavailableError extends StoreWriteError {
  override name = "ReplicationUnavailableError";
  /** The JSON-RPC error code the RPC answers with (a server error, retryable). */
  readonly code = -32010;
  constructor({ operation, cause }: { operation: string; cause?: unknown }) {
    super({ operation, reason: "the replicated transaction log (etcd) did not commit it: no quorum reachable, nothing acknowledged", cause });
  }
}

/** This replica does not lead the chain (any more): it must not build, claim or post for it. */
export class NotLeaderError extends BaseError {
  override name = "NotLeaderError";
  readonly chainId: number;
  constructor({ chainId, reason }: { chainId: number; reason: string }) {
    super(`This replica does not lead chain ${chainId}.`, { details: reason });
    this.chainId = chainId;
  }
}

/** An admin request about replication that cannot be carried out (unknown replica, not the leader…). */
export class ReplicationControlError extends BaseError {
  override name = "ReplicationControlError";
  /** JSON-RPC error code of the admin endpoint's answer. */
  readonly code = -32000;
}

/**
 * The height a leader meant to claim was already built (its view of the head was a block
 * behind): nothing is built this tick; the next one reads the head again.
 */
export class HeightBuiltError extends BaseError {
  override name = "HeightBuiltError";
  /** A {@link Fault}: retried at the next tick. */
  readonly fault = "temporary";
  constructor({ chainId, height, by }: { chainId: number; height: bigint; by: string }) {
    super(`Height ${height} of chain ${chainId} was built already (by ${by || "an earlier leader"}).`);
  }
}
