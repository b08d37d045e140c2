import { BaseError } from "../errors.ts";

/** Why a transaction was refused: one reason per rejection class, each with its JSON-RPC code. */
export const REJECTIONS = {
  malformed: { code: -32602, message: "malformed transaction" },
  oversized: { code: -32602, message: "oversized transaction" },
  wrongChain: { code: -32000, message: "wrong chain" },
  badSignature: { code: -32000, message: "invalid signature" },
  nonceTooLow: { code: -32000, message: "nonce too low" },
  alreadyKnown: { code: -32000, message: "already known" },
  replacementUnderpriced: { code: -32000, message: "replacement transaction underpriced" },
  underpriced: { code: -32000, message: "transaction underpriced" },
  feeCapTooLow: { code: -32000, message: "fee cap below base fee" },
  insufficientFunds: { code: -32000, message: "insufficient funds for gas * price + value" },
  gasLimit: { code: -32000, message: "exceeds block gas limit" },
  senderLimit: { code: -32005, message: "too many pending transactions from this sender" },
  queuedLimit: { code: -32005, message: "too many gapped transactions from this sender" },
  mempoolFull: { code: -32005, message: "txpool is full" },
  busy: { code: -32005, message: "limit exceeded: admission is busy and this transaction pays least" },
  chainPaused: { code: -32002, message: "chain is paused" },
  chainRemoved: { code: -32002, message: "chain is no longer a member chain" },
  halted: { code: -32002, message: "sequencer halted" },
} as const;
export type RejectionReason = keyof typeof REJECTIONS;

/** A transaction refused at admission; becomes a standard JSON-RPC error. */
export class TransactionRejectedError extends BaseError {
  override name = "TransactionRejectedError";
  readonly reason: RejectionReason;
  readonly code: number;
  constructor(reason: RejectionReason, details: string) {
    // A refusal is an answer to the sender, not a fault: no stack trace (capturing one cost a
    // flood of refusals more than the refusals themselves).
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    try {
      super(`${REJECTIONS[reason].message}: ${details}`);
    } finally {
      Error.stackTraceLimit = limit;
    }
    this.reason = reason;
    this.code = REJECTIONS[reason].code;
  }
}

/**
 * An operator control that does not apply in the sequencer's current state (op-node's admin
 * errors): stopping a chain that is not sequencing, starting one that is, or starting from a head
 * other than the chain's.
 */
export class SequencerControlError extends BaseError {
  override name = "SequencerControlError";
  /** JSON-RPC error code of the admin endpoint's answer. */
  readonly code = -32000;
}
