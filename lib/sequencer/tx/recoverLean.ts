/**
 * Sender recovery without viem's parse-and-serialize: the lean decoder cuts out the signing
 * payload, a keccak hashes it, libsecp256k1 recovers the public key, and the same keccak turns it
 * into an address. The keccak is passed in: `createWasmKeccak256` (hash-wasm, about 12× @noble/hashes
 * here) once it has loaded, `nobleKeccak256` (viem's) until then or where WebAssembly is not allowed.
 */
import { createRequire } from "node:module";

import { createKeccak } from "hash-wasm";
import { keccak256 as viemKeccak256, type Address, type Hex } from "viem";

import { SenderRecoveryError } from "./errors.ts";
import { decodeRawTransaction, type DecodeRawTransactionErrorType, type DecodeRawTransactionReturnType } from "./rawTransaction.ts";

/** keccak-256 of the bytes, 32 bytes out. */
export type Keccak256 = (bytes: Uint8Array) => Uint8Array;

/** viem's keccak (@noble/hashes, pure JS). */
export const nobleKeccak256: Keccak256 = (bytes) => viemKeccak256(bytes, "bytes");

/**
 * hash-wasm's keccak, compiled once. The hasher is reused call after call, which is safe because a
 * JS thread runs one call at a time; each worker thread creates its own.
 *
 * @example
 * const keccak256 = await createWasmKeccak256();
 * recoverSenderLean(raw, { keccak256 });
 */
export async function createWasmKeccak256(): Promise<Keccak256> {
  const hasher = await createKeccak(256);
  return (bytes) => {
    hasher.init();
    hasher.update(bytes);
    return hasher.digest("binary");
  };
}

interface Secp256k1 {
  ecdsaRecover(signature: Uint8Array, recid: number, message: Uint8Array, compressed: boolean, output?: Uint8Array): Uint8Array;
}

const require = createRequire(import.meta.url);

/** libsecp256k1 from the npm package's prebuilt binding, or the package's own elliptic fallback. */
function loadSecp256k1(): { secp: Secp256k1; native: boolean } {
  try {
    return { secp: require("secp256k1/bindings") as Secp256k1, native: true };
  } catch {
    return { secp: require("secp256k1/elliptic") as Secp256k1, native: false };
  }
}

const { secp, native } = loadSecp256k1();

/** Whether recovery runs on the native libsecp256k1 (the elliptic fallback is ~20× slower). */
export const nativeLeanRecovery = native;

export interface RecoverLeanOptions {
  keccak256: Keccak256;
}

export type RecoverLeanErrorType = DecodeRawTransactionErrorType | SenderRecoveryError;

/**
 * The 20 bytes of the address that signed an already decoded transaction.
 *
 * @example
 * const tx = decodeRawTransaction(raw);
 * const sender = recoverSenderBytes(tx, { keccak256: nobleKeccak256 });
 */
export function recoverSenderBytes(tx: Pick<DecodeRawTransactionReturnType, "signature" | "yParity" | "signingPayload">, { keccak256 }: RecoverLeanOptions): Uint8Array {
  let publicKey: Uint8Array;
  try {
    publicKey = secp.ecdsaRecover(tx.signature, tx.yParity, keccak256(tx.signingPayload), false);
  } catch (error) {
    throw new SenderRecoveryError({ cause: error });
  }
  return keccak256(publicKey.subarray(1)).subarray(12);
}

const HEX_BYTE = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, "0"));

/** Checksummed addresses by lower-case hex, as viem's `getAddress` keeps them: senders repeat. */
const checksummed = new Map<string, Address>();
const CHECKSUM_CACHE_SIZE = 8192;

/** EIP-55 checksummed hex of 20 address bytes, hashing with the given keccak (remembered for the last 8,192 addresses). */
export function checksumAddress(address: Uint8Array, { keccak256 }: RecoverLeanOptions): Address {
  let lower = "";
  for (const byte of address) lower += HEX_BYTE[byte];
  const known = checksummed.get(lower);
  if (known) return known;
  if (checksummed.size >= CHECKSUM_CACHE_SIZE) checksummed.delete(checksummed.keys().next().value as string);
  const hash = keccak256(new TextEncoder().encode(lower));
  let out = "0x";
  for (let i = 0; i < 40; i++) {
    const char = lower[i] as string;
    const nibble = i % 2 === 0 ? (hash[i >> 1] as number) >> 4 : (hash[i >> 1] as number) & 0x0f;
    out += nibble >= 8 ? char.toUpperCase() : char;
  }
  checksummed.set(lower, out as Address);
  return out as Address;
}

/**
 * The checksummed address that signed `raw`: the same answer as viem's `recoverTransactionAddress`
 * for every transaction the lean decoder accepts.
 *
 * @example
 * const keccak256 = await createWasmKeccak256();
 * const sender = recoverSenderLean("0x02f86c…", { keccak256 });
 */
export function recoverSenderLean(raw: Uint8Array | Hex, options: RecoverLeanOptions): Address {
  return checksumAddress(recoverSenderBytes(decodeRawTransaction(raw), options), options);
}
