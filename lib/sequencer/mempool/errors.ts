import type { Hex } from "viem";

import { BaseError } from "../../errors.ts";
import type { PendingTransaction } from "../types.ts";

/**
 * Every reason the mempool refuses a transaction, in the order `Mempool.check` tests them. The RPC
 * layer maps each to a JSON-RPC error code; a `Record<MempoolRejectionReason, …>` there makes the
 * compiler insist on a code for every reason added here.
 */
export const MEMPOOL_REJECTION_REASONS = [
  "alreadyKnown",
  "nonceTooLow",
  "replacementUnderpriced",
  "senderLimit",
  "queuedLimit",
  "underpriced",
  "mempoolFull",
] as const;

export type MempoolRejectionReason = (typeof MEMPOOL_REJECTION_REASONS)[number];

/** `check` refused the transaction: branch on `reason`, show `message` to the sender. */
export interface MempoolRejection {
  ok: false;
  reason: MempoolRejectionReason;
  message: string;
}

/**
 * `check` admits the transaction. `replaces` names the pending one (same sender and nonce) it
 * takes the place of; `evicts` lists what must leave to make room (a cheaper transaction with its
 * sender's later nonces), which the caller drops durably before `insert`. `slot` is the capacity
 * `check` holds for the transaction (and `evicts` are kept from other admissions) until `insert`
 * or `release` is given this verdict: concurrent admissions cannot overfill the pool.
 */
export interface MempoolAdmission {
  ok: true;
  replaces?: Hex;
  evicts?: readonly PendingTransaction[];
  slot?: MempoolSlot;
}

/** Which capacity a new transaction takes: executable, the operator's reserve, or the gapped queue. */
export type MempoolSlot = "pending" | "operator" | "queued";

export type MempoolCheck = MempoolAdmission | MempoolRejection;

/** Misuse of the mempool by its caller (bad options, an insert that breaks its invariants). */
export class MempoolError extends BaseError {
  override name = "MempoolError";
}

/**
 * `insert` would break an invariant: the hash is already pending, the sender's nonce slot is taken
 * without `replaces` naming its occupant, or `replaces` names another slot. It means two admissions
 * of the same slot raced between `check` and `insert`; the caller serialises them per chain.
 */
export class MempoolConflictError extends MempoolError {
  override name = "MempoolConflictError";
  readonly hash: Hex;
  constructor({ hash, reason }: { hash: Hex; reason: string }) {
    super(`Cannot insert ${hash} into the mempool: ${reason}.`);
    this.hash = hash;
  }
}
