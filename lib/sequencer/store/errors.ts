import type { Hex } from "viem";

import { BaseError } from "../../errors.ts";
import type { TransactionStatus } from "./schema.ts";

/**
 * Every error raised by the transaction store. Callers branch on the subclasses:
 *
 * - {@link StoreWriteError}: the write is NOT durable (the commit failed, or one statement failed
 *   for an unexpected reason). Nothing was acknowledged; the admission layer must refuse the
 *   transaction (an internal error), never return its hash.
 * - {@link StoreDuplicateError}: the hash is already stored and durable — "already known".
 * - {@link StoreNonceConflictError}, {@link StoreNotPendingError}, {@link StoreReplaceMismatchError}:
 *   the write contradicts what is stored (a bug or a race in the caller); nothing was written.
 * - {@link StoreInvalidTransactionError}: the values cannot be stored as given.
 * - {@link StoreClosedError}, {@link StoreOpenError}: lifecycle.
 */
export class StoreError extends BaseError {
  override name = "StoreError";
}

/** The write did not reach the disk: it is not acknowledged and must not be reported as such. */
export class StoreWriteError extends StoreError {
  override name = "StoreWriteError";
  /** The store operation that failed, e.g. `add 0xabc…`. */
  readonly operation: string;
  constructor({ operation, reason, cause }: { operation: string; reason: string; cause?: unknown }) {
    super(`The transaction store could not durably write (${operation}).`, {
      details: `${reason}${cause instanceof Error ? `: ${cause.message}` : ""}`,
      cause,
    });
    this.operation = operation;
  }
}

/** A transaction with this hash is already stored (and durable): the caller answers "already known". */
export class StoreDuplicateError extends StoreError {
  override name = "StoreDuplicateError";
  readonly hash: Hex;
  /** What became of the stored copy: still pending, included, dropped or replaced. */
  readonly status: TransactionStatus;
  constructor({ hash, status }: { hash: Hex; status: TransactionStatus }) {
    super(`Transaction ${hash} is already known.`, { details: `The stored copy is ${status}.` });
    this.hash = hash;
    this.status = status;
  }
}

/** Another pending transaction already holds this (chain, sender, nonce); use `replace` instead. */
export class StoreNonceConflictError extends StoreError {
  override name = "StoreNonceConflictError";
  readonly hash: Hex;
  readonly pendingHash: Hex;
  constructor({ hash, pendingHash, chainId, sender, nonce }: { hash: Hex; pendingHash: Hex; chainId: number; sender: string; nonce: bigint }) {
    super(`Transaction ${hash} reuses a pending nonce.`, {
      details: `Chain ${chainId}, sender ${sender}, nonce ${nonce} is held by pending transaction ${pendingHash}; a replacement goes through replace().`,
    });
    this.hash = hash;
    this.pendingHash = pendingHash;
  }
}

/** `replace` named a transaction that is not pending (unknown, included, dropped or already replaced). */
export class StoreNotPendingError extends StoreError {
  override name = "StoreNotPendingError";
  readonly hash: Hex;
  readonly status: TransactionStatus | "unknown";
  constructor({ hash, status }: { hash: Hex; status: TransactionStatus | "unknown" }) {
    super(`Transaction ${hash} is not pending and cannot be replaced.`, { details: `It is ${status}.` });
    this.hash = hash;
    this.status = status;
  }
}

/** `replace` swaps only transactions of the same chain, sender and nonce. */
export class StoreReplaceMismatchError extends StoreError {
  override name = "StoreReplaceMismatchError";
  readonly replacedHash: Hex;
  readonly hash: Hex;
  constructor({ replacedHash, hash, field }: { replacedHash: Hex; hash: Hex; field: "chainId" | "sender" | "nonce" }) {
    super(`Transaction ${hash} cannot replace ${replacedHash}.`, { details: `Their ${field} differ.` });
    this.replacedHash = replacedHash;
    this.hash = hash;
  }
}

/** A value the store cannot represent (negative or out-of-range numbers, malformed hex). */
export class StoreInvalidTransactionError extends StoreError {
  override name = "StoreInvalidTransactionError";
  readonly field: string;
  constructor({ field, reason }: { field: string; reason: string }) {
    super(`Cannot store ${field}: ${reason}.`);
    this.field = field;
  }
}

/** A write was attempted after `close()`. */
export class StoreClosedError extends StoreError {
  override name = "StoreClosedError";
  constructor({ operation }: { operation: string }) {
    super(`The transaction store is closed (${operation}).`);
  }
}

/** The database could not be opened or migrated. */
export class StoreOpenError extends StoreError {
  override name = "StoreOpenError";
  readonly path: string;
  constructor({ path, reason, cause }: { path: string; reason: string; cause?: unknown }) {
    super(`Cannot open the transaction store at ${path}.`, {
      details: `${reason}${cause instanceof Error ? `: ${cause.message}` : ""}`,
      cause,
    });
    this.path = path;
  }
}
