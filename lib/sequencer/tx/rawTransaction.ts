/**
 * A lean decoder of signed raw transactions for admission: it walks the RLP once, checks every
 * item, reads the fields admission needs, and cuts the signing payload out of the input (only the
 * list header is written anew) instead of parsing every field into viem's shape and serializing it
 * again. It accepts a subset of what viem's `parseTransaction` accepts: everything viem refuses it
 * refuses, and it is stricter where an execution client is (see `FieldRule` and the fuzz test).
 */
import type { Address, Hex } from "viem";

import {
  RawTransactionHexError,
  RlpDecodingError,
  TransactionFieldError,
  TransactionTypeError,
  UnsignedTransactionError,
  type FieldRule,
  type RlpFault,
} from "./errors.ts";

export type RawTransactionType = "legacy" | "eip2930" | "eip1559" | "eip7702";

interface SignedFields {
  nonce: number;
  gas: bigint;
  /** Lower-case, as viem's `parseTransaction` gives it; undefined for a contract creation. */
  to: Address | undefined;
  value: bigint;
  /** The call data: a view into the input, not a copy. */
  data: Uint8Array;
  yParity: 0 | 1;
  /** 32-byte hex, as viem gives typed transactions' r and s. */
  r: Hex;
  s: Hex;
  /** r ‖ s, 64 bytes: the compact signature libsecp256k1 recovers from. */
  signature: Uint8Array;
  /** The bytes whose keccak the sender signed. */
  signingPayload: Uint8Array;
}

export interface RawTransactionLegacy extends SignedFields {
  type: "legacy";
  /** Undefined for a pre-EIP-155 signature (v 27 or 28), which signs for no chain. */
  chainId: number | undefined;
  gasPrice: bigint;
  v: bigint;
}

export interface RawTransactionEIP2930 extends SignedFields {
  type: "eip2930";
  chainId: number;
  gasPrice: bigint;
  accessListLength: number;
}

export interface RawTransactionEIP1559 extends SignedFields {
  type: "eip1559";
  chainId: number;
  maxFeePerGas: bigint;
  maxPriorityFeePerGas: bigint;
  accessListLength: number;
}

export interface RawTransactionEIP7702 extends SignedFields {
  type: "eip7702";
  chainId: number;
  maxFeePerGas: bigint;
  maxPriorityFeePerGas: bigint;
  accessListLength: number;
  /** At least one: EIP-7702 makes an empty list invalid. */
  authorizationListLength: number;
  /** Always set: EIP-7702 transactions cannot create contracts. */
  to: Address;
}

export type DecodeRawTransactionReturnType = RawTransactionLegacy | RawTransactionEIP2930 | RawTransactionEIP1559 | RawTransactionEIP7702;

export type DecodeRawTransactionErrorType =
  | RawTransactionHexError
  | RlpDecodingError
  | TransactionTypeError
  | TransactionFieldError
  | UnsignedTransactionError;

/**
 * Decodes a signed raw transaction (legacy with or without EIP-155, EIP-2930, EIP-1559,
 * EIP-7702) into the fields admission needs and the payload its signature covers. Strict: canonical
 * RLP consumed exactly, integers without leading zeros, each field of the kind and size its type
 * gives it, r and s in [1, n) with s ≤ n/2 (EIP-2), yParity 0 or 1. Refuses blob transactions.
 *
 * @example
 * const tx = decodeRawTransaction("0x02f86c…");
 * tx.type; // "eip1559"
 * keccak_256(tx.signingPayload); // the hash the sender signed
 */
export function decodeRawTransaction(raw: Uint8Array | Hex): DecodeRawTransactionReturnType {
  const bytes = typeof raw === "string" ? hexBytes(raw) : raw;
  if (bytes.length === 0) throw new TransactionTypeError({ typeByte: undefined });
  const first = bytes[0] as number;
  if (first >= 0xc0) return decodeLegacy(bytes);
  if (first === 1 || first === 2 || first === 4) return decodeTyped(bytes, first);
  throw new TransactionTypeError({ typeByte: first });
}

const HEX = /^0x(?:[0-9a-fA-F]{2})*$/;

function hexBytes(hex: string): Uint8Array {
  if (!HEX.test(hex)) throw new RawTransactionHexError();
  return Buffer.from(hex.slice(2), "hex");
}

// --- RLP reading -------------------------------------------------------------------------------

/** A walk over one list: `next` reads the item at `pos` (within `end`) into `start`/`stop`/`list`. */
interface Reader {
  bytes: Uint8Array;
  pos: number;
  end: number;
  start: number;
  stop: number;
  list: boolean;
}

const rlpError = (fault: RlpFault, offset: number, field: string) => new RlpDecodingError({ fault, offset, field });
const fieldError = (field: string, rule: FieldRule, details?: string) =>
  new TransactionFieldError(details === undefined ? { field, rule } : { field, rule, details });

/** Reads the header of the item at `r.pos`, enforcing the canonical form, and steps past the item. */
function next(r: Reader, field: string): void {
  const { bytes, pos, end } = r;
  if (pos >= end) throw fieldError(field, "arity", "the list ends before this field");
  const prefix = bytes[pos] as number;
  let start: number;
  let length: number;
  if (prefix < 0x80) {
    r.list = false;
    start = pos;
    length = 1;
  } else {
    const list = prefix >= 0xc0;
    const short = prefix - (list ? 0xc0 : 0x80);
    r.list = list;
    if (short <= 55) {
      start = pos + 1;
      length = short;
    } else {
      const size = short - 55;
      if (size > 4) throw rlpError("lengthTooLong", pos, field);
      start = pos + 1 + size;
      if (start > bytes.length) throw rlpError("truncated", pos, field);
      if (start > end) throw rlpError("overrun", pos, field);
      if (bytes[pos + 1] === 0) throw rlpError("nonCanonicalLength", pos, field);
      length = 0;
      for (let i = pos + 1; i < start; i++) length = length * 256 + (bytes[i] as number);
      if (length <= 55) throw rlpError("nonCanonicalLength", pos, field);
    }
  }
  const stop = start + length;
  if (stop > bytes.length) throw rlpError("truncated", pos, field);
  if (stop > end) throw rlpError("overrun", pos, field);
  if (prefix === 0x81 && (bytes[start] as number) < 0x80) throw rlpError("nonCanonicalSingleByte", pos, field);
  r.start = start;
  r.stop = stop;
  r.pos = stop;
}

function nextString(r: Reader, field: string): void {
  next(r, field);
  if (r.list) throw fieldError(field, "kind", "a list where a byte string belongs");
}

function nextList(r: Reader, field: string): void {
  next(r, field);
  if (!r.list) throw fieldError(field, "kind", "a byte string where a list belongs");
}

/** Checks the string just read is an integer of at most `maxBytes` without a leading zero. */
function checkUint(r: Reader, field: string, maxBytes: number): number {
  const length = r.stop - r.start;
  if (length > maxBytes) throw fieldError(field, "size", `${length} bytes, at most ${maxBytes}`);
  if (length > 0 && r.bytes[r.start] === 0) throw fieldError(field, "canonical", "leading zero byte");
  return length;
}

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

/** An integer at most 2^53 − 1 (viem's `hexToNumber` refuses more for chain ids and nonces). */
function nextSafeUint(r: Reader, field: string): number {
  nextString(r, field);
  const length = checkUint(r, field, 7);
  if (length === 7 && toBigInt(r.bytes, r.start, r.stop) > MAX_SAFE) throw fieldError(field, "range", "above 2^53 - 1");
  let value = 0;
  for (let i = r.start; i < r.stop; i++) value = value * 256 + (r.bytes[i] as number);
  return value;
}

function nextUint(r: Reader, field: string, maxBytes: number): bigint {
  nextString(r, field);
  checkUint(r, field, maxBytes);
  return toBigInt(r.bytes, r.start, r.stop);
}

const HEX_BYTE = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, "0"));

function toHexString(bytes: Uint8Array, start: number, stop: number): string {
  let hex = "";
  for (let i = start; i < stop; i++) hex += HEX_BYTE[bytes[i] as number];
  return hex;
}

function toBigInt(bytes: Uint8Array, start: number, stop: number): bigint {
  if (stop - start <= 6) {
    let value = 0;
    for (let i = start; i < stop; i++) value = value * 256 + (bytes[i] as number);
    return BigInt(value);
  }
  return BigInt(`0x${toHexString(bytes, start, stop)}`);
}

/** `to`: empty (a creation) or 20 bytes. */
function nextTo(r: Reader): Address | undefined {
  nextString(r, "to");
  const length = r.stop - r.start;
  if (length === 0) return undefined;
  if (length !== 20) throw fieldError("to", "size", `${length} bytes, an address is 20`);
  return `0x${toHexString(r.bytes, r.start, r.stop)}`;
}

/**
 * Reads a list whose items are lists, and walks each item with `visit` (which reads the item's
 * fields from `r.pos`, bounded by `r.end`); an item with fields left over breaks `shape`.
 * Returns the number of items.
 */
function nextListOfLists(r: Reader, field: string, item: string, shape: string, visit: (r: Reader) => void): number {
  nextList(r, field);
  const outer = r.end;
  r.end = r.stop;
  r.pos = r.start;
  let count = 0;
  while (r.pos < r.end) {
    nextList(r, item);
    const itemsEnd = r.end;
    r.end = r.stop;
    r.pos = r.start;
    visit(r);
    if (r.pos !== r.end) throw fieldError(item, "arity", shape);
    r.end = itemsEnd;
    count++;
  }
  r.end = outer;
  return count;
}

function nextAddress(r: Reader, field: string): void {
  nextString(r, field);
  if (r.stop - r.start !== 20) throw fieldError(field, "size", "an address is 20 bytes");
}

/** An access-list entry: `[address(20), [storageKey(32), …]]`. */
function accessListEntry(r: Reader): void {
  nextAddress(r, "accessList address");
  nextList(r, "accessList storageKeys");
  const entryEnd = r.end;
  r.end = r.stop;
  r.pos = r.start;
  while (r.pos < r.end) {
    nextString(r, "accessList storage key");
    if (r.stop - r.start !== 32) throw fieldError("accessList storage key", "size", "a storage key is 32 bytes");
  }
  r.end = entryEnd;
}

/**
 * An EIP-7702 authorization, `[chainId, address, nonce, yParity, r, s]`. Its signature is the
 * authority's business (a bad one voids the tuple, not the transaction), so only its shape is
 * checked: yParity below 256, r and s at most 32 bytes. Chain id and nonce stay below 2^53 as viem
 * requires.
 */
function authorization(r: Reader): void {
  nextSafeUint(r, "authorization chainId");
  nextAddress(r, "authorization address");
  nextSafeUint(r, "authorization nonce");
  nextUint(r, "authorization yParity", 1);
  nextUint(r, "authorization r", 32);
  nextUint(r, "authorization s", 32);
}

const nextAccessList = (r: Reader) => nextListOfLists(r, "accessList", "accessList entry", "an entry is [address, storageKeys]", accessListEntry);

function nextAuthorizationList(r: Reader): number {
  const count = nextListOfLists(r, "authorizationList", "authorization", "a tuple is [chainId, address, nonce, yParity, r, s]", authorization);
  if (count === 0) throw fieldError("authorizationList", "arity", "EIP-7702 requires at least one authorization");
  return count;
}

// --- the signature -------------------------------------------------------------------------------

/** secp256k1's group order n, and n/2 rounded down (EIP-2: s above it is refused). */
const ORDER = 0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141n;
const word = (value: bigint) => Uint8Array.from(Buffer.from(value.toString(16).padStart(64, "0"), "hex"));
const N = word(ORDER);
const HALF_N = word(ORDER / 2n);

/** Compares the 32-byte big-endian word at `bytes[start…]` with `bound`: negative, 0 or positive. */
function compareWord(bytes: Uint8Array, start: number, bound: Uint8Array): number {
  for (let i = 0; i < 32; i++) {
    const d = (bytes[start + i] as number) - (bound[i] as number);
    if (d !== 0) return d;
  }
  return 0;
}

/** Reads r then s into `signature` (right-aligned words), checking 1 ≤ r < n and 1 ≤ s ≤ n/2. */
function nextRS(r: Reader, signature: Uint8Array): { r: Hex; s: Hex } {
  nextString(r, "r");
  const rLength = checkUint(r, "r", 32);
  if (rLength === 0) throw fieldError("r", "range", "r is 0");
  signature.set(r.bytes.subarray(r.start, r.stop), 32 - rLength);
  if (compareWord(signature, 0, N) >= 0) throw fieldError("r", "range", "r is not below the group order");
  nextString(r, "s");
  const sLength = checkUint(r, "s", 32);
  if (sLength === 0) throw fieldError("s", "range", "s is 0");
  signature.set(r.bytes.subarray(r.start, r.stop), 64 - sLength);
  if (compareWord(signature, 32, HALF_N) > 0) throw fieldError("s", "range", "s is above n/2 (EIP-2)");
  return { r: `0x${toHexString(signature, 0, 32)}`, s: `0x${toHexString(signature, 32, 64)}` };
}

// --- the signing payload -------------------------------------------------------------------------

/** The RLP header of a list of `length` payload bytes, written at `out[at…]`; returns where it ends. */
function writeListHeader(out: Uint8Array, at: number, length: number): number {
  if (length <= 55) {
    out[at] = 0xc0 + length;
    return at + 1;
  }
  const size = length < 0x100 ? 1 : length < 0x10000 ? 2 : length < 0x1000000 ? 3 : 4;
  out[at] = 0xf7 + size;
  for (let i = size; i >= 1; i--) {
    out[at + i] = length & 0xff;
    length = Math.floor(length / 256);
  }
  return at + 1 + size;
}

const listHeaderSize = (length: number) => (length <= 55 ? 1 : length < 0x100 ? 2 : length < 0x10000 ? 3 : length < 0x1000000 ? 4 : 5);

/** `type ‖ rlp([fields before yParity])`: the list's own bytes up to the signature, under a new header. */
function typedPayload(bytes: Uint8Array, type: number, fieldsStart: number, fieldsStop: number): Uint8Array {
  const length = fieldsStop - fieldsStart;
  const out = new Uint8Array(1 + listHeaderSize(length) + length);
  out[0] = type;
  out.set(bytes.subarray(fieldsStart, fieldsStop), writeListHeader(out, 1, length));
  return out;
}

/** `rlp([nonce, gasPrice, gas, to, value, data])`, with `, chainId, 0, 0` appended under EIP-155. */
function legacyPayload(bytes: Uint8Array, fieldsStart: number, fieldsStop: number, chainId: number | undefined): Uint8Array {
  let chainIdBytes = 0;
  for (let c = chainId ?? 0; c > 0; c = Math.floor(c / 256)) chainIdBytes++;
  const chainIdItem = chainId === undefined ? 0 : chainIdBytes === 1 && chainId < 0x80 ? 1 : 1 + chainIdBytes;
  const tail = chainId === undefined ? 0 : chainIdItem + 2;
  const length = fieldsStop - fieldsStart + tail;
  const out = new Uint8Array(listHeaderSize(length) + length);
  let at = writeListHeader(out, 0, length);
  out.set(bytes.subarray(fieldsStart, fieldsStop), at);
  at += fieldsStop - fieldsStart;
  if (chainId === undefined) return out;
  if (chainIdItem === 1) out[at++] = chainId;
  else {
    out[at++] = 0x80 + chainIdBytes;
    for (let i = chainIdBytes - 1, c = chainId; i >= 0; i--, c = Math.floor(c / 256)) out[at + i] = c % 256;
    at += chainIdBytes;
  }
  out[at++] = 0x80;
  out[at] = 0x80;
  return out;
}

// --- the transaction types -----------------------------------------------------------------------

/** Reads the transaction's outer list, which must span the input to its last byte. */
function outerList(bytes: Uint8Array, at: number): Reader {
  const r: Reader = { bytes, pos: at, end: bytes.length, start: 0, stop: 0, list: false };
  nextList(r, "transaction");
  if (r.stop !== bytes.length) throw rlpError("trailingBytes", r.stop, "transaction");
  r.pos = r.start;
  r.end = r.stop;
  return r;
}

function nextChainId(r: Reader): number {
  const chainId = nextSafeUint(r, "chainId");
  if (chainId === 0) throw fieldError("chainId", "range", "chain id 0");
  return chainId;
}

function nextData(r: Reader): Uint8Array {
  nextString(r, "data");
  return r.bytes.subarray(r.start, r.stop);
}

/** yParity, r, s, and nothing after them. */
function nextSignature(r: Reader): { yParity: 0 | 1; r: Hex; s: Hex; signature: Uint8Array } {
  if (r.pos === r.end) throw new UnsignedTransactionError();
  nextString(r, "yParity");
  checkUint(r, "yParity", 1);
  const parity = r.stop === r.start ? 0 : (r.bytes[r.start] as number);
  if (parity > 1) throw fieldError("yParity", "range", `yParity ${parity}`);
  const signature = new Uint8Array(64);
  const words = nextRS(r, signature);
  if (r.pos !== r.end) throw fieldError("transaction", "arity", "fields after s");
  return { yParity: parity as 0 | 1, ...words, signature };
}

function decodeTyped(bytes: Uint8Array, type: 1 | 2 | 4): RawTransactionEIP2930 | RawTransactionEIP1559 | RawTransactionEIP7702 {
  const r = outerList(bytes, 1);
  const fieldsStart = r.pos;
  const chainId = nextChainId(r);
  const nonce = nextSafeUint(r, "nonce");
  if (type === 1) {
    const gasPrice = nextUint(r, "gasPrice", 32);
    const gas = nextUint(r, "gas", 8);
    const to = nextTo(r);
    const value = nextUint(r, "value", 32);
    const data = nextData(r);
    const accessListLength = nextAccessList(r);
    const fieldsStop = r.pos;
    const signed = nextSignature(r);
    return { type: "eip2930", chainId, nonce, gasPrice, gas, to, value, data, accessListLength, ...signed, signingPayload: typedPayload(bytes, type, fieldsStart, fieldsStop) };
  }
  const maxPriorityFeePerGas = nextUint(r, "maxPriorityFeePerGas", 32);
  const maxFeePerGas = nextUint(r, "maxFeePerGas", 32);
  const gas = nextUint(r, "gas", 8);
  const to = nextTo(r);
  const value = nextUint(r, "value", 32);
  const data = nextData(r);
  const accessListLength = nextAccessList(r);
  if (type === 2) {
    const fieldsStop = r.pos;
    const signed = nextSignature(r);
    if (maxPriorityFeePerGas > maxFeePerGas) throw fieldError("maxPriorityFeePerGas", "range", "tip above the fee cap");
    const fields = { chainId, nonce, maxPriorityFeePerGas, maxFeePerGas, gas, to, value, data, accessListLength };
    return { type: "eip1559", ...fields, ...signed, signingPayload: typedPayload(bytes, type, fieldsStart, fieldsStop) };
  }
  const authorizationListLength = nextAuthorizationList(r);
  const fieldsStop = r.pos;
  const signed = nextSignature(r);
  if (maxPriorityFeePerGas > maxFeePerGas) throw fieldError("maxPriorityFeePerGas", "range", "tip above the fee cap");
  if (to === undefined) throw fieldError("to", "size", "EIP-7702 transactions cannot create contracts");
  const fields = { chainId, nonce, maxPriorityFeePerGas, maxFeePerGas, gas, to, value, data, accessListLength, authorizationListLength };
  return { type: "eip7702", ...fields, ...signed, signingPayload: typedPayload(bytes, type, fieldsStart, fieldsStop) };
}

function decodeLegacy(bytes: Uint8Array): RawTransactionLegacy {
  const r = outerList(bytes, 0);
  const fieldsStart = r.pos;
  const nonce = nextSafeUint(r, "nonce");
  const gasPrice = nextUint(r, "gasPrice", 32);
  const gas = nextUint(r, "gas", 8);
  const to = nextTo(r);
  const value = nextUint(r, "value", 32);
  const data = nextData(r);
  const fieldsStop = r.pos;
  if (r.pos === r.end) throw new UnsignedTransactionError();
  const v = nextUint(r, "v", 32);
  // viem reads 6 fields plus v with r and s empty as unsigned (v then carries the chain id).
  if (r.pos < r.end && r.bytes[r.pos] === 0x80 && r.pos + 2 === r.end && r.bytes[r.pos + 1] === 0x80) throw new UnsignedTransactionError();
  let chainId: number | undefined;
  if (v >= 35n) {
    const id = (v - 35n) / 2n;
    if (id === 0n) throw fieldError("v", "range", `v ${v} names chain 0`);
    if (id > MAX_SAFE) throw fieldError("v", "range", "chain id above 2^53 - 1");
    chainId = Number(id);
  } else if (v !== 27n && v !== 28n) throw fieldError("v", "range", `v ${v} is neither 27/28 nor EIP-155`);
  const signature = new Uint8Array(64);
  const words = nextRS(r, signature);
  if (r.pos !== r.end) throw fieldError("transaction", "arity", "fields after s");
  const yParity = v % 2n === 0n ? 1 : 0;
  return { type: "legacy", chainId, nonce, gasPrice, gas, to, value, data, v, yParity, ...words, signature, signingPayload: legacyPayload(bytes, fieldsStart, fieldsStop, chainId) };
}
