import { concat, getAddress, hexToBigInt, isAddressEqual, keccak256, numberToHex, recoverAddress, size, slice, toPrefixedMessage, type Address, type Hash, type Hex } from "viem";

import { SafeError } from "./errors.ts";

/**
 * How an owner's approval reached `execTransaction`, by the entry's `v` as Safe 1.4.1's
 * `checkNSignatures` reads it: `ecdsa` (v 27/28, EIP-712 over the safeTxHash), `ethSign`
 * (v > 30, `eth_sign` over the prefixed safeTxHash), `approvedHash` (v 1: the owner called
 * `approveHash`, or is the executor) and `contract` (v 0: EIP-1271, the owner is a contract).
 */
export type SafeSignatureKind = "ecdsa" | "ethSign" | "approvedHash" | "contract";

export interface SafeSigner {
  owner: Address;
  kind: SafeSignatureKind;
  /** `approvedHash` only: the owner sent the execution itself (its approval needs no `approveHash` call). */
  executor?: true;
}

/** The `signatures` bytes of an executed Safe transaction do not decode as the Safe reads them. */
export class SafeSignaturesError extends SafeError {
  override name = "SafeSignaturesError";
}

const ENTRY = 65;

/**
 * Who approved an executed Safe transaction, read from its `signatures` bytes exactly as
 * `checkNSignatures` does: the first `count` (the threshold at execution) 65-byte entries
 * r ‖ s ‖ v, each naming one owner — recovered for v 27/28 over `safeTxHash` and for v > 30
 * over the `eth_sign`-prefixed hash (v − 4), taken from r for v 0 and 1. A contract
 * signature's dynamic part (at offset s: length ‖ bytes) must lie inside the data, as the Safe
 * requires; its EIP-1271 check is the chain's, done at execution. Bytes past the entries and
 * dynamic parts the Safe ignores are ignored here too.
 *
 * @throws {SafeSignaturesError} when the bytes are too short, a dynamic part is out of bounds, or an ECDSA entry does not recover.
 * @example
 * await decodeSafeSignatures(signatures, { safeTxHash, count: 2, executor }) // [{ owner, kind: "ecdsa" }, { owner, kind: "approvedHash", executor: true }]
 */
export async function decodeSafeSignatures(signatures: Hex, { safeTxHash, count, executor }: { safeTxHash: Hash; count: number; executor?: Address }): Promise<SafeSigner[]> {
  const length = size(signatures);
  if (!Number.isInteger(count) || count < 1) throw new SafeSignaturesError(`A Safe transaction needs at least one signature, not ${count}.`);
  if (length < count * ENTRY) throw new SafeSignaturesError(`${count} signatures need ${count * ENTRY} bytes, got ${length}.`);
  const signers: SafeSigner[] = [];
  for (let i = 0; i < count; i++) {
    const entry = slice(signatures, i * ENTRY, (i + 1) * ENTRY);
    const r = slice(entry, 0, 32);
    const s = slice(entry, 32, 64);
    const v = hexToBigInt(slice(entry, 64, 65));
    if (v === 0n || v === 1n) {
      if (hexToBigInt(r) >> 160n !== 0n) throw new SafeSignaturesError(`Signature ${i + 1} (v ${v}) names no address in r.`);
      const owner = getAddress(slice(r, 12, 32));
      if (v === 0n) {
        checkDynamicPart(signatures, hexToBigInt(s), { index: i, count });
        signers.push({ owner, kind: "contract" });
      } else {
        signers.push(executor !== undefined && isAddressEqual(owner, executor) ? { owner, kind: "approvedHash", executor: true } : { owner, kind: "approvedHash" });
      }
      continue;
    }
    const eth = v > 30n;
    const parity = eth ? v - 4n : v;
    if (parity !== 27n && parity !== 28n) throw new SafeSignaturesError(`Signature ${i + 1} has v ${v}, which no owner can sign with.`);
    const recovered = await recoverSafeEcdsaSigner(entry, safeTxHash);
    if (recovered === undefined) throw new SafeSignaturesError(`Signature ${i + 1} (v ${v}) does not recover to an address.`);
    signers.push({ owner: recovered, kind: eth ? "ethSign" : "ecdsa" });
  }
  return signers;
}

/**
 * The signer of one 65-byte ECDSA entry r ‖ s ‖ v, recovered as Safe 1.4.1's `checkNSignatures`
 * does: over `safeTxHash` for v 27/28 (EIP-712), over the `eth_sign`-prefixed hash with v − 4
 * for v 31/32. `undefined` for any other v, or when nothing recovers.
 *
 * @example
 * await recoverSafeEcdsaSigner(entry, safeTxHash) // 0x7099…
 */
export async function recoverSafeEcdsaSigner(entry: Hex, safeTxHash: Hash): Promise<Address | undefined> {
  if (size(entry) !== ENTRY) return undefined;
  const v = hexToBigInt(slice(entry, 64, 65));
  const eth = v === 31n || v === 32n;
  if (!eth && v !== 27n && v !== 28n) return undefined;
  const recovered = await recoverAddress({
    hash: eth ? keccak256(toPrefixedMessage({ raw: safeTxHash })) : safeTxHash,
    signature: eth ? concat([slice(entry, 0, 64), numberToHex(v - 4n, { size: 1 })]) : entry,
  }).catch(() => undefined);
  return recovered === undefined ? undefined : getAddress(recovered);
}

/** The Safe's own bounds on a contract signature's data (GS021–GS023). */
function checkDynamicPart(signatures: Hex, offset: bigint, { index, count }: { index: number; count: number }): void {
  const length = BigInt(size(signatures));
  if (offset < BigInt(count * ENTRY)) throw new SafeSignaturesError(`Contract signature ${index + 1} points into the signature entries (offset ${offset}).`);
  if (offset + 32n > length) throw new SafeSignaturesError(`Contract signature ${index + 1} points past the data (offset ${offset}, ${length} bytes).`);
  const dataLength = hexToBigInt(slice(signatures, Number(offset), Number(offset) + 32));
  if (offset + 32n + dataLength > length) throw new SafeSignaturesError(`Contract signature ${index + 1}'s data runs past the end (${dataLength} bytes at ${offset + 32n}).`);
}
