import { BaseError } from "../../errors.ts";

/**
 * Every error of sender recovery. Callers branch on the subclasses:
 *
 * - {@link SenderNotRecoveredError}: the bytes name no sender (not a transaction, or a signature
 *   that recovers to nothing) — the sender's fault; admission answers `badSignature`.
 * - {@link RecoveryUnavailableError}: recovery could not run (its worker died, or the pool is
 *   closed) — the sequencer's fault, not the sender's; admission answers an internal error.
 * - {@link RecoveryOptionsError}: the pool was configured out of range (at start).
 */
export class RecoveryError extends BaseError {
  override name = "RecoveryError";
}

/** The transaction recovers to no address; `details` says why (the recovery's own error). */
export class SenderNotRecoveredError extends RecoveryError {
  override name = "SenderNotRecoveredError";
  constructor(reason: string) {
    super("The transaction's signature does not recover to an address.", { details: reason });
  }
}

/** No answer for this transaction: the worker recovering it died on the retry too, or the pool is closed. */
export class RecoveryUnavailableError extends RecoveryError {
  override name = "RecoveryUnavailableError";
  readonly reason: "workerDied" | "closed";
  constructor(reason: "workerDied" | "closed", cause?: unknown) {
    super(reason === "closed" ? "Sender recovery is shut down (the recovery pool is closed)." : "Sender recovery failed: its worker thread died, twice.", {
      ...(cause instanceof Error ? { details: cause.message, cause } : {}),
    });
    this.reason = reason;
  }
}

/** A recovery pool option out of range; names the option and what it must be. */
export class RecoveryOptionsError extends RecoveryError {
  override name = "RecoveryOptionsError";
  readonly option: "size" | "niceness";
  constructor(option: "size" | "niceness", value: unknown, rule: string) {
    super(`Invalid recovery option ${option}: ${String(value)}.`, { details: `It must be ${rule}.` });
    this.option = option;
  }
}
