import { createRequire } from "node:module";

import {
  getAddress,
  hexToBytes,
  keccak256,
  parseTransaction,
  recoverTransactionAddress,
  serializeTransaction,
  toHex,
  type Address,
  type TransactionSerialized,
} from "viem";

type NativeSecp256k1 = { ecdsaRecover(signature: Uint8Array, recid: number, message: Uint8Array, compressed: boolean): Uint8Array };

/** The native libsecp256k1 binding (prebuilt in the npm package), or undefined where it cannot load. */
function loadNative(): NativeSecp256k1 | undefined {
  try {
    const native = createRequire(import.meta.url)("secp256k1") as NativeSecp256k1;
    return typeof native.ecdsaRecover === "function" ? native : undefined;
  } catch {
    return undefined;
  }
}

const native = loadNative();

/** Whether recovery runs on libsecp256k1 (about 16× viem's pure-JS recovery here). */
export const nativeRecovery = native !== undefined;

const word = (hex: `0x${string}`) => hexToBytes(`0x${hex.slice(2).padStart(64, "0")}`);

/**
 * The sequencer's sender recovery before the lean decoder (viem's parse, re-serialize and pure-JS
 * keccak, then libsecp256k1), kept only as the "before" figure of the recovery ceiling benchmark.
 *
 * The sender of a signed transaction: the same answer as viem's `recoverTransactionAddress`
 * (the signing payload is rebuilt the same way), computed with libsecp256k1 when it loads.
 */
export async function recoverSender(raw: TransactionSerialized): Promise<Address> {
  if (!native) return recoverTransactionAddress({ serializedTransaction: raw });
  const tx = parseTransaction(raw);
  if (tx.r === undefined || tx.s === undefined || tx.yParity === undefined) {
    return recoverTransactionAddress({ serializedTransaction: raw });
  }
  const { r, s, yParity } = tx;
  const unsigned = serializeTransaction({ ...tx, r: undefined, s: undefined, v: undefined, yParity: undefined } as Parameters<typeof serializeTransaction>[0]);
  const signature = new Uint8Array(64);
  signature.set(word(r), 0);
  signature.set(word(s), 32);
  const publicKey = native.ecdsaRecover(signature, yParity, hexToBytes(keccak256(unsigned)), false);
  return getAddress(`0x${keccak256(toHex(publicKey.slice(1))).slice(-40)}`);
}
