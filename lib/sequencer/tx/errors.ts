import { BaseError } from "../../errors.ts";

/** A raw transaction the lean decoder refuses; callers branch on the subclasses below. */
export class RawTransactionError extends BaseError {
  override name = "RawTransactionError";
}

/** What is wrong with the RLP itself (Yellow Paper, Appendix B). */
export type RlpFault =
  /** An item's declared length runs past the end of the input. */
  | "truncated"
  /** An item's declared length runs past the end of the list that holds it. */
  | "overrun"
  /** A length that a shorter prefix could have said: long form for ≤ 55 bytes, or a leading zero byte. */
  | "nonCanonicalLength"
  /** A single byte below 0x80 behind a 0x81 prefix (it is its own encoding). */
  | "nonCanonicalSingleByte"
  /** A length of more than 4 bytes (viem refuses these too; no transaction is 4 GiB). */
  | "lengthTooLong"
  /** Bytes after the transaction's list. */
  | "trailingBytes";

/** The bytes are not canonical RLP, or not exactly one item. */
export class RlpDecodingError extends RawTransactionError {
  override name = "RlpDecodingError";
  readonly fault: RlpFault;
  readonly offset: number;
  constructor({ fault, offset, field }: { fault: RlpFault; offset: number; field: string }) {
    super(`Malformed RLP at byte ${offset} (${field}): ${fault}.`);
    this.fault = fault;
    this.offset = offset;
  }
}

/**
 * The first byte names no transaction type (empty input, a byte in 0x00–0x7f other than 1, 2, 4,
 * or a string prefix 0x80–0xbf where a legacy list would start), or names one the sequencer does
 * not carry: 0x03 (EIP-4844) needs blob sidecars, which an OP-stack L2 refuses too.
 */
export class TransactionTypeError extends RawTransactionError {
  override name = "TransactionTypeError";
  readonly typeByte: number | undefined;
  readonly unsupported: boolean;
  constructor({ typeByte }: { typeByte: number | undefined }) {
    const unsupported = typeByte === 3;
    super(
      typeByte === undefined
        ? "Empty raw transaction."
        : unsupported
          ? "Blob transactions (type 0x03) are not accepted by this sequencer."
          : `Unknown transaction type 0x${typeByte.toString(16).padStart(2, "0")}.`,
    );
    this.typeByte = typeByte;
    this.unsupported = unsupported;
  }
}

/**
 * Which rule a field breaks:
 * - `kind`: a list where a string belongs, or a string where a list belongs;
 * - `size`: more bytes than the field holds (an address not 20, a storage key not 32, gas over 8, a word over 32);
 * - `canonical`: an integer with a leading zero byte (0 is the empty string);
 * - `range`: a value outside its domain (chain id 0 or above 2^53−1, tip above fee cap, r or s out of
 *   [1, n), s above n/2, yParity not 0/1, a legacy v that is neither 27/28 nor 35 + 2·chainId + {0,1});
 * - `arity`: a list with the wrong number of items (the transaction's fields, an access-list entry,
 *   an authorization tuple; an empty authorization list).
 */
export type FieldRule = "kind" | "size" | "canonical" | "range" | "arity";

/** A field of a well-formed RLP list breaks a rule of its transaction type. */
export class TransactionFieldError extends RawTransactionError {
  override name = "TransactionFieldError";
  readonly field: string;
  readonly rule: FieldRule;
  constructor({ field, rule, details }: { field: string; rule: FieldRule; details?: string }) {
    super(`Invalid ${field} (${rule}).`, details === undefined ? {} : { details });
    this.field = field;
    this.rule = rule;
  }
}

/** A transaction without a signature: its list ends before yParity, r, s (legacy: r and s empty). */
export class UnsignedTransactionError extends RawTransactionError {
  override name = "UnsignedTransactionError";
  constructor() {
    super("The transaction is not signed.");
  }
}

/** The raw transaction given as hex is not `0x`-prefixed hex of whole bytes. */
export class RawTransactionHexError extends RawTransactionError {
  override name = "RawTransactionHexError";
  constructor() {
    super("Expected 0x-prefixed hex of whole bytes.");
  }
}

/** libsecp256k1 found no public key for the signature (r is not the x of a curve point). */
export class SenderRecoveryError extends RawTransactionError {
  override name = "SenderRecoveryError";
  constructor({ cause }: { cause: unknown }) {
    super("The signature does not recover to a public key.", { cause });
  }
}
