import { BaseError } from "../errors.ts";

/** Something crossing chains cannot be proven or done (yet). */
export class CrosschainError extends BaseError {
  override name = "CrosschainError";
}

/** The other chain has not committed a root that covers the block yet: wait for the next post. */
export class RootNotYetPostedError extends CrosschainError {
  override name = "RootNotYetPostedError";
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
