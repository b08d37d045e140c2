import { BaseError, type BaseErrorOptions } from "../errors.ts";

/** Something crossing chains cannot be proven or done (yet). */
export class CrosschainError extends BaseError {
  override name = "CrosschainError";
}

/** The other chain has not committed a root that covers the block yet: wait for the next post. */
export class RootNotYetPostedError extends CrosschainError {
  override name = "RootNotYetPostedError";
}

/**
 * A root covering the block was posted but is still in its challenge window (the council may yet
 * reject it): wait until `usableAt` (chain time of the chain holding the root).
 */
export class RootNotYetUsableError extends RootNotYetPostedError {
  override name = "RootNotYetUsableError";
  readonly usableAt: bigint;

  constructor(shortMessage: string, options: BaseErrorOptions & { usableAt: bigint }) {
    super(shortMessage, options);
    this.usableAt = options.usableAt;
  }
}

/** The node's proof does not match the state root of its own block (a node or proxy is lying). */
export class ProofRootMismatchError extends CrosschainError {
  override name = "ProofRootMismatchError";
}

/** The record to prove (deposit, withdrawal, proposal) does not exist on its chain. */
export class UnknownRecordError extends CrosschainError {
  override name = "UnknownRecordError";
}

/** The committed tally is what the hub already counted: relaying it would change nothing. */
export class NothingToRelayError extends CrosschainError {
  override name = "NothingToRelayError";
}

/** Someone else relayed this tally, or a newer one, between our read and our transaction: the hub counted it. */
export class TallyAlreadyCountedError extends CrosschainError {
  override name = "TallyAlreadyCountedError";
}

/** The relay transaction was mined but reverted. */
export class RelayRevertedError extends CrosschainError {
  override name = "RelayRevertedError";
}
