import { concat, getAddress, hexToBigInt, hexToNumber, isHex, numberToHex, pad, size, slice, type Address, type Hash, type Hex } from "viem";

import { recoverSafeEcdsaSigner } from "../safe/signatures.ts";
import {
  CouncilSignatureDuplicateOwnerError,
  CouncilSignatureEntryError,
  CouncilSignatureLengthError,
  CouncilSignatureLimitError,
  CouncilSignatureOffsetError,
  CouncilSignatureOverlapError,
  CouncilSignatureUnknownVError,
  type CouncilSignatureBytesErrorType,
} from "./errors.ts";

/**
 * Browser-safe (viem only): owners' signatures of a Safe transaction, of every kind Safe 1.4.1's
 * `checkNSignatures` accepts, split out of and packed into the `signatures` bytes of
 * `execTransaction` — the bytes protocol-kit's `buildSignatureBytes` builds and the Safe
 * Transaction Service takes in one confirmation.
 */

/**
 * How an owner approves, by the entry's v inside Safe signature bytes (Safe semantics, strictly):
 * `eoa` v 27/28 (ECDSA over the safeTxHash, EIP-712), `ethSign` v 31/32 (`eth_sign` of the
 * safeTxHash), `approvedHash` v 1 (the owner called `approveHash`, or sends the execution),
 * `contract` v 0 (EIP-1271: the owner is a contract, e.g. a nested Safe). A wallet answering
 * v 0/1 for an ECDSA signature is normalized before its signature enters bytes
 * (`normalizeSignature`), never here.
 */
export type { SafeSignatureKind } from "../safe/signatures.ts";
import type { SafeSignatureKind } from "../safe/signatures.ts";

/**
 * One owner's standalone Safe signature: `signature` is what the Safe would accept from this
 * owner alone. 65 bytes r ‖ s ‖ v for `ecdsa`, `ethSign` and `approvedHash` (r = owner, s = 0,
 * v = 1); for `contract`, r = owner, s = 65, v = 0, then uint256 length ‖ the contract's
 * signature data (what `buildSignatureBytes([contractSignature])` gives).
 */
export interface OwnerSignature {
  owner: Address;
  kind: SafeSignatureKind;
  signature: Hex;
}

/** What one set of signature bytes may hold at most: no council needs more, and parsing stays cheap. */
export const SAFE_SIGNATURE_LIMITS = { signatures: 32, contractDataBytes: 4096 } as const;

const ENTRY = 65;
const WORD = 32;
const MAX_BYTES = SAFE_SIGNATURE_LIMITS.signatures * (ENTRY + WORD + SAFE_SIGNATURE_LIMITS.contractDataBytes);
const KIND_BY_V: Readonly<Record<number, SafeSignatureKind>> = { 0: "contract", 1: "approvedHash", 27: "ecdsa", 28: "ecdsa", 31: "ethSign", 32: "ethSign" };

/**
 * One entry as read from the bytes (`entry`: its 65 bytes), before ECDSA owners are recovered:
 * contract and approved-hash entries name their owner in r, a contract signature's data sits at
 * `dynamic.offset` (its length word).
 */
type RawEntry =
  | { kind: "ecdsa" | "ethSign"; entry: Hex }
  | { kind: "approvedHash"; entry: Hex; named: Address }
  | { kind: "contract"; entry: Hex; named: Address; dynamic: { offset: number; data: Hex } };

/**
 * Splits Safe signature bytes into standalone per-owner signatures, as `checkNSignatures` reads
 * them: 65-byte entries up to the first contract signature's data, then that data. ECDSA owners
 * are recovered from `safeTxHash`; contract and approved-hash owners are read from r. Nothing is
 * checked on-chain here (ownership, EIP-1271, approvals): see `checkOwnerSignature`. Stricter than
 * the Safe where the Safe is lax: no unused bytes, no shared or overlapping contract data, r of a
 * v 0/1 entry exactly an address, each owner once.
 *
 * @throws {CouncilSignatureBytesErrorType}
 * @example
 * await parseSafeSignatures(safeTxHash, "0x…") // [{ owner, kind: "ecdsa", signature }, { owner: nested, kind: "contract", signature }]
 */
export async function parseSafeSignatures(safeTxHash: Hash, signatures: Hex): Promise<OwnerSignature[]> {
  const parsed: OwnerSignature[] = [];
  const seen = new Set<string>();
  for (const [index, raw] of splitSafeSignatures(signatures).entries()) {
    const owner = "named" in raw ? raw.named : await recoverSafeEcdsaSigner(raw.entry, safeTxHash);
    if (owner === undefined) throw new CouncilSignatureEntryError(`Signature ${index + 1} (${raw.kind}) does not recover to an address.`, { index });
    if (seen.has(owner.toLowerCase())) throw new CouncilSignatureDuplicateOwnerError({ owner, index });
    seen.add(owner.toLowerCase());
    parsed.push({ owner, kind: raw.kind, signature: standalone(raw) });
  }
  return parsed;
}

/**
 * The `signatures` argument of `execTransaction`: one entry per owner, sorted by owner ascending
 * (else GS026), contract signatures' data appended in the same order with s = its offset from the
 * start of the bytes — byte for byte what protocol-kit's `buildSignatureBytes` packs. An owner
 * listed twice counts once: the first signature wins, except that a signature beats an
 * approved-hash entry. Each standalone signature must be well-formed for its kind and owner; ECDSA
 * owners are taken as given (recovery is `parseSafeSignatures`'s and the chain's).
 *
 * @throws {CouncilSignatureBytesErrorType}
 * @example
 * encodeSafeSignatures([eoaSignature, approvedHashSignature(bob), nestedSafeSignature]) // "0x…"
 */
export function encodeSafeSignatures(signatures: readonly OwnerSignature[]): Hex {
  const byOwner = new Map<string, OwnerSignature>();
  for (const signature of signatures) {
    const key = signature.owner.toLowerCase();
    const kept = byOwner.get(key);
    if (kept === undefined || (kept.kind === "approvedHash" && signature.kind !== "approvedHash")) byOwner.set(key, signature);
  }
  const sorted = [...byOwner.values()].sort((a, b) => compareAddresses(a.owner, b.owner));
  if (sorted.length > SAFE_SIGNATURE_LIMITS.signatures) throw tooMany(sorted.length);
  const entries: Hex[] = [];
  const dynamics: Hex[] = [];
  let offset = sorted.length * ENTRY;
  for (const signature of sorted) {
    const raw = readStandalone(signature);
    if (raw.kind !== "contract") {
      entries.push(raw.entry);
      continue;
    }
    const part = dynamicPart(raw.dynamic.data);
    entries.push(staticEntry(signature.owner, BigInt(offset), 0));
    dynamics.push(part);
    offset += size(part);
  }
  return entries.length === 0 ? "0x" : (concat([...entries, ...dynamics]).toLowerCase() as Hex);
}

/**
 * Reads `signature` as `owner`'s standalone Safe signature (one entry, plus a contract
 * signature's data), and names its kind by v. r of a contract or approved-hash entry must name
 * `owner`; an ECDSA entry's signer is not recovered here.
 *
 * @throws {CouncilSignatureBytesErrorType}
 * @example
 * toOwnerSignature(alice, "0x…1b") // { owner: alice, kind: "ecdsa", signature: "0x…1b" }
 */
export function toOwnerSignature(owner: Address, signature: Hex): OwnerSignature {
  const raw = onlyEntry(owner, signature);
  checkNamed(owner, raw);
  return { owner: getAddress(owner), kind: raw.kind, signature: standalone(raw) };
}

/**
 * `owner`'s `eth_sign` (personal_sign) signature of the safeTxHash bytes, as the Safe reads it:
 * v raised to 31/32 (a wallet's v 0/1 or 27/28), which sends the Safe to recover over the
 * `eth_sign`-prefixed hash. Only the shape is checked here.
 *
 * @throws {CouncilSignatureBytesErrorType} when it is not 65 bytes with v 0, 1, 27 or 28.
 * @example
 * ethSignSignature(owner, await wallet.signMessage({ message: { raw: safeTxHash } }))
 */
export function ethSignSignature(owner: Address, signature: Hex): OwnerSignature {
  if (!isHex(signature, { strict: true }) || size(signature) !== ENTRY) throw new CouncilSignatureLengthError(`An eth_sign signature has ${ENTRY} bytes, not ${size(signature)}.`);
  const v = hexToNumber(slice(signature, 64, 65));
  const parity = v < 27 ? v : v - 27;
  if (parity !== 0 && parity !== 1) throw new CouncilSignatureUnknownVError(`An eth_sign signature has v ${v}, not 0, 1, 27 or 28.`);
  return { owner: getAddress(owner), kind: "ethSign", signature: concat([slice(signature, 0, 64), numberToHex(31 + parity, { size: 1 })]).toLowerCase() as Hex };
}

/** The standalone approved-hash entry (r = owner, s = 0, v = 1) of an owner who called `approveHash`. */
export function approvedHashSignature(owner: Address): OwnerSignature {
  return { owner: getAddress(owner), kind: "approvedHash", signature: staticEntry(owner, 0n, 1) };
}

/**
 * The standalone contract signature of `owner` (EIP-1271) whose `isValidSignature` accepts
 * `data`: for a nested Safe, its own owners' signature bytes (see `signAsNestedSafe`).
 *
 * @example
 * contractSignature(nestedSafe, encodeSafeSignatures(nestedOwnersSignatures))
 */
export function contractSignature(owner: Address, data: Hex): OwnerSignature {
  if (size(data) > SAFE_SIGNATURE_LIMITS.contractDataBytes) throw tooLarge(0, size(data));
  return { owner: getAddress(owner), kind: "contract", signature: concat([staticEntry(owner, BigInt(ENTRY), 0), dynamicPart(data)]).toLowerCase() as Hex };
}

/** The data a standalone contract signature hands to the owner's `isValidSignature`. */
export function contractSignatureData(signature: OwnerSignature): Hex {
  const raw = readStandalone(signature);
  if (raw.kind !== "contract") throw new CouncilSignatureEntryError(`${signature.owner}'s ${signature.kind} signature carries no contract data.`);
  return raw.dynamic.data;
}

/** Checks a standalone signature against its owner and kind; returns its one entry. */
function readStandalone({ owner, kind, signature }: OwnerSignature): RawEntry {
  const raw = onlyEntry(owner, signature);
  if (raw.kind !== kind) throw new CouncilSignatureEntryError(`${owner}'s signature is a ${raw.kind} signature, not a ${kind} one.`);
  checkNamed(owner, raw);
  return raw;
}

function onlyEntry(owner: Address, signature: Hex): RawEntry {
  const raws = splitSafeSignatures(signature);
  const [raw] = raws;
  if (raws.length !== 1 || raw === undefined) throw new CouncilSignatureEntryError(`${owner}'s signature holds ${raws.length} signatures, not one.`);
  return raw;
}

function checkNamed(owner: Address, raw: RawEntry): void {
  if ("named" in raw && compareAddresses(raw.named, owner) !== 0) {
    throw new CouncilSignatureEntryError(`A ${raw.kind} signature naming ${raw.named} is attributed to ${owner}.`);
  }
}

/** Reads the entries and contract data out of signature bytes; refuses every malformed shape. */
function splitSafeSignatures(signatures: Hex): RawEntry[] {
  if (!isHex(signatures, { strict: true }) || signatures.length % 2 !== 0) throw new CouncilSignatureLengthError("Signatures must be hex bytes.");
  const length = size(signatures);
  if (length > MAX_BYTES) throw new CouncilSignatureLimitError(`${length} bytes of signatures are more than ${MAX_BYTES}.`);
  if (length < ENTRY) throw new CouncilSignatureLengthError(`A signature needs ${ENTRY} bytes, got ${length}.`);
  const raws: RawEntry[] = [];
  let entriesEnd = length; // the first contract signature's data ends the entries
  for (let at = 0; at < entriesEnd; at += ENTRY) {
    const index = raws.length;
    if (index === SAFE_SIGNATURE_LIMITS.signatures) throw tooMany(index + 1);
    if (at + ENTRY > entriesEnd) {
      if (entriesEnd === length) throw new CouncilSignatureLengthError(`Signature ${index + 1} is cut short: ${length - at} of ${ENTRY} bytes.`, { index });
      throw new CouncilSignatureLengthError(`Bytes ${at}–${entriesEnd - 1} belong to no signature.`, { index });
    }
    const raw = readEntry(signatures, at, index);
    if (raw.kind === "contract") entriesEnd = Math.min(entriesEnd, raw.dynamic.offset);
    raws.push(raw);
  }
  checkTiling(raws, length);
  return raws;
}

function readEntry(signatures: Hex, at: number, index: number): RawEntry {
  const entry = slice(signatures, at, at + ENTRY);
  const v = hexToNumber(slice(entry, 64, 65));
  const kind = KIND_BY_V[v];
  if (kind === undefined) throw new CouncilSignatureUnknownVError(`Signature ${index + 1} has v ${v}, which no Safe owner signs with.`, { index });
  if (kind === "ecdsa" || kind === "ethSign") return { kind, entry };
  const r = hexToBigInt(slice(entry, 0, WORD));
  if (r >> 160n !== 0n) throw new CouncilSignatureEntryError(`Signature ${index + 1} (${kind}) names no address in r.`, { index });
  const named = getAddress(pad(numberToHex(r), { size: 20 }));
  if (kind === "approvedHash") return { kind, entry, named };
  return { kind, entry, named, dynamic: readDynamic(signatures, hexToBigInt(slice(entry, WORD, 2 * WORD)), { at, index }) };
}

/** A contract signature's data at `offset` (length word, then bytes), bounded as the Safe bounds it (GS021–GS023). */
function readDynamic(signatures: Hex, offset: bigint, { at, index }: { at: number; index: number }): { offset: number; data: Hex } {
  const length = BigInt(size(signatures));
  if (offset < BigInt(at + ENTRY)) throw new CouncilSignatureOverlapError(`Contract signature ${index + 1}'s data at byte ${offset} overlaps the signature entries.`, { index });
  if (offset + BigInt(WORD) > length) throw new CouncilSignatureOffsetError(`Contract signature ${index + 1} points past the end (byte ${offset} of ${length}).`, { index });
  const dataLength = hexToBigInt(slice(signatures, Number(offset), Number(offset) + WORD));
  if (dataLength > BigInt(SAFE_SIGNATURE_LIMITS.contractDataBytes)) throw tooLarge(index, dataLength);
  const end = offset + BigInt(WORD) + dataLength;
  if (end > length) throw new CouncilSignatureOffsetError(`Contract signature ${index + 1}'s ${dataLength} bytes run past the end (${length} bytes).`, { index });
  return { offset: Number(offset), data: dataLength === 0n ? "0x" : slice(signatures, Number(offset) + WORD, Number(end), { strict: true }) };
}

/** Contract data must follow the entries back to back, each part once, up to the last byte. */
function checkTiling(raws: readonly RawEntry[], length: number): void {
  const parts = raws.flatMap((raw, index) => (raw.kind === "contract" ? [{ index, ...raw.dynamic }] : [])).sort((a, b) => a.offset - b.offset);
  let expected = raws.length * ENTRY;
  for (const { index, offset, data } of parts) {
    if (offset < expected) throw new CouncilSignatureOverlapError(`Contract signature ${index + 1}'s data at byte ${offset} overlaps other signature bytes (which end at ${expected}).`, { index });
    if (offset > expected) throw new CouncilSignatureLengthError(`Bytes ${expected}–${offset - 1} belong to no signature.`, { index });
    expected = offset + WORD + size(data);
  }
  if (expected !== length) throw new CouncilSignatureLengthError(`Bytes ${expected}–${length - 1} belong to no signature.`);
}

/** The entry on its own, with r, s of v 0/1 entries in protocol-kit's canonical form. */
function standalone(raw: RawEntry): Hex {
  switch (raw.kind) {
    case "contract":
      return contractSignature(raw.named, raw.dynamic.data).signature;
    case "approvedHash":
      return staticEntry(raw.named, 0n, 1);
    default:
      return raw.entry.toLowerCase() as Hex;
  }
}

const staticEntry = (owner: Address, s: bigint, v: 0 | 1): Hex => concat([pad(owner.toLowerCase() as Hex, { size: WORD }), numberToHex(s, { size: WORD }), numberToHex(v, { size: 1 })]);
const dynamicPart = (data: Hex): Hex => concat([numberToHex(size(data), { size: WORD }), data]);
const compareAddresses = (a: Address, b: Address) => {
  const [x, y] = [BigInt(a), BigInt(b)];
  return x < y ? -1 : x > y ? 1 : 0;
};
const tooMany = (count: number) => new CouncilSignatureLimitError(`More than ${SAFE_SIGNATURE_LIMITS.signatures} signatures (${count}).`);
const tooLarge = (index: number, bytes: bigint | number) =>
  new CouncilSignatureLimitError(`Contract signature ${index + 1} carries ${bytes} bytes, more than ${SAFE_SIGNATURE_LIMITS.contractDataBytes}.`, { index });
