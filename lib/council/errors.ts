import type { Address } from "viem";

import { BaseError } from "../errors.ts";

/** Every refusal and failure of the Security Council's Safe flow. Branch on the subclasses. */
export class CouncilError extends BaseError {
  override name = "CouncilError";
}

/** protocol-kit could not attach to the Safe (no code at the address, unreachable RPC, …). */
export class CouncilConnectionError extends CouncilError {
  override name = "CouncilConnectionError";
}

/** The Safe runs a version whose signing and execution rules this module does not implement. */
export class CouncilUnsupportedSafeError extends CouncilError {
  override name = "CouncilUnsupportedSafeError";
  constructor({ safe, version, supported }: { safe: Address; version: string; supported: string }) {
    super(`The Safe at ${safe} runs version ${version}; the council supports ${supported} only.`);
  }
}

/** The transaction was built for another Safe or another chain than the one connected. */
export class CouncilWrongSafeError extends CouncilError {
  override name = "CouncilWrongSafeError";
  constructor({ expected, actual }: { expected: string; actual: string }) {
    super(`This transaction belongs to ${actual}, not to the council Safe ${expected}.`);
  }
}

/** The transaction's nonce is not the Safe's current nonce: signing or executing it is pointless. */
export class CouncilStaleNonceError extends CouncilError {
  override name = "CouncilStaleNonceError";
  readonly safeNonce: bigint;
  readonly transactionNonce: bigint;
  constructor({ safeNonce, transactionNonce }: { safeNonce: bigint; transactionNonce: bigint }) {
    super(`The transaction has nonce ${transactionNonce}, but the Safe's current nonce is ${safeNonce}.`, {
      details:
        transactionNonce < safeNonce
          ? "A transaction with this nonce was already executed; build a new one."
          : "Transactions are signed and executed one at a time, at the current nonce.",
    });
    this.safeNonce = safeNonce;
    this.transactionNonce = transactionNonce;
  }
}

/**
 * The signature does not recover, under EIP-712 over exactly this transaction's safeTxHash, to the
 * address that claims it: it was made over another transaction, or by someone else, or is not a
 * 65-byte ECDSA signature.
 */
export class CouncilSignatureMismatchError extends CouncilError {
  override name = "CouncilSignatureMismatchError";
  readonly signer: Address;
  readonly recovered: Address | undefined;
  constructor({ signer, recovered, safeTxHash }: { signer: Address; recovered?: Address; safeTxHash: string }) {
    super(`The signature attributed to ${signer} is not ${signer}'s signature of safeTxHash ${safeTxHash}.`, {
      details: recovered
        ? `It recovers to ${recovered}: it signs other data or comes from another key.`
        : "It is not a valid 65-byte ECDSA signature with v = 27 or 28.",
    });
    this.signer = signer;
    this.recovered = recovered;
  }
}

/** The signer is not a current owner of the Safe. */
export class CouncilNotOwnerError extends CouncilError {
  override name = "CouncilNotOwnerError";
  readonly signer: Address;
  constructor({ signer, safe }: { signer: Address; safe: Address }) {
    super(`${signer} is not an owner of the council Safe ${safe}.`);
    this.signer = signer;
  }
}

/** The owner already signed (or approved on-chain) this transaction; one owner counts once. */
export class CouncilDuplicateSignatureError extends CouncilError {
  override name = "CouncilDuplicateSignatureError";
  readonly signer: Address;
  constructor({ signer, onChain = false }: { signer: Address; onChain?: boolean }) {
    super(`${signer} has already ${onChain ? "approved this transaction's hash on-chain" : "signed this transaction"}.`);
    this.signer = signer;
  }
}

/** Fewer distinct owners approve the transaction than the Safe's threshold; nothing was sent. */
export class CouncilThresholdNotMetError extends CouncilError {
  override name = "CouncilThresholdNotMetError";
  readonly approvals: number;
  readonly threshold: number;
  constructor({ approvals, threshold }: { approvals: number; threshold: number }) {
    super(`The transaction has ${approvals} of the ${threshold} owner approvals it needs.`, {
      details: "Approvals are verified off-chain signatures plus on-chain approved hashes.",
    });
    this.approvals = approvals;
    this.threshold = threshold;
  }
}

/** The Safe transaction (execution or approveHash) was sent but failed, or could not be sent. */
export class CouncilTransactionFailedError extends CouncilError {
  override name = "CouncilTransactionFailedError";
}

/**
 * Signature bytes that do not split into owners' signatures the way Safe 1.4.1's
 * `checkNSignatures` reads them (65-byte entries r ‖ s ‖ v, then contract signatures' data).
 * `index` is the 0-based entry concerned, when one is.
 */
export class CouncilSignatureBytesError extends CouncilError {
  override name = "CouncilSignatureBytesError";
  readonly index: number | undefined;
  constructor(shortMessage: string, { index, details }: { index?: number; details?: string } = {}) {
    super(shortMessage, details === undefined ? {} : { details });
    this.index = index;
  }
}

/** Empty, cut short mid-entry, or with bytes no signature uses (a gap or a tail). */
export class CouncilSignatureLengthError extends CouncilSignatureBytesError {
  override name = "CouncilSignatureLengthError";
}

/** A contract signature's offset, or the data it announces, lies past the end of the bytes. */
export class CouncilSignatureOffsetError extends CouncilSignatureBytesError {
  override name = "CouncilSignatureOffsetError";
}

/** A contract signature's data overlaps the 65-byte entries or another contract signature's data. */
export class CouncilSignatureOverlapError extends CouncilSignatureBytesError {
  override name = "CouncilSignatureOverlapError";
}

/** An entry's v is none of 0 (contract), 1 (approved hash), 27/28 (EIP-712) or 31/32 (eth_sign). */
export class CouncilSignatureUnknownVError extends CouncilSignatureBytesError {
  override name = "CouncilSignatureUnknownVError";
}

/**
 * An entry names no owner: r of a contract or approved-hash entry is not an address, an ECDSA
 * entry does not recover, or a standalone signature does not match the owner or kind it is
 * attributed to.
 */
export class CouncilSignatureEntryError extends CouncilSignatureBytesError {
  override name = "CouncilSignatureEntryError";
}

/** Two entries of one set of signature bytes name the same owner; the Safe counts an owner once. */
export class CouncilSignatureDuplicateOwnerError extends CouncilSignatureBytesError {
  override name = "CouncilSignatureDuplicateOwnerError";
  readonly owner: Address;
  constructor({ owner, index }: { owner: Address; index: number }) {
    super(`Signature ${index + 1} names ${owner} again.`, { index });
    this.owner = owner;
  }
}

/** More signatures, or a larger contract signature, than a council transaction can need. */
export class CouncilSignatureLimitError extends CouncilSignatureBytesError {
  override name = "CouncilSignatureLimitError";
}

/** Everything `parseSafeSignatures` and `encodeSafeSignatures` refuse with. */
export type CouncilSignatureBytesErrorType =
  | CouncilSignatureLengthError
  | CouncilSignatureOffsetError
  | CouncilSignatureOverlapError
  | CouncilSignatureUnknownVError
  | CouncilSignatureEntryError
  | CouncilSignatureDuplicateOwnerError
  | CouncilSignatureLimitError;

/** What verifying a signature can refuse with (`addSignature`, `sign`, `verifyCouncilSignature`). */
export type CouncilSignatureErrorType =
  | CouncilWrongSafeError
  | CouncilStaleNonceError
  | CouncilSignatureMismatchError
  | CouncilNotOwnerError
  | CouncilDuplicateSignatureError;

/** What `execute` can throw besides viem's and protocol-kit's own transport errors (wrapped). */
export type CouncilExecuteErrorType =
  | CouncilSignatureErrorType
  | CouncilThresholdNotMetError
  | CouncilTransactionFailedError
  | CouncilError;

/** What `approveHash` can throw. */
export type CouncilApproveHashErrorType =
  | CouncilWrongSafeError
  | CouncilStaleNonceError
  | CouncilNotOwnerError
  | CouncilDuplicateSignatureError
  | CouncilTransactionFailedError;

/** What `CouncilSafe.connect` can throw. */
export type CouncilConnectErrorType = CouncilConnectionError | CouncilUnsupportedSafeError;
