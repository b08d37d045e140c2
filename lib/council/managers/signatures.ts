import {
  concat,
  getAddress,
  hexToNumber,
  isAddress,
  isAddressEqual,
  isHex,
  numberToHex,
  recoverAddress,
  size,
  slice,
  type Address,
  type Hex,
} from "viem";

import {
  CouncilDuplicateSignatureError,
  CouncilNotOwnerError,
  CouncilSignatureMismatchError,
  CouncilStaleNonceError,
} from "../errors.ts";
import { reviewCouncilTransaction } from "../typedData.ts";
import type { CouncilSafeState, CouncilSignature, CouncilTransaction } from "../types.ts";

export type VerifyCouncilSignatureErrorType =
  | CouncilStaleNonceError
  | CouncilSignatureMismatchError
  | CouncilNotOwnerError
  | CouncilDuplicateSignatureError;

/**
 * A 65-byte ECDSA signature with v = 27 or 28, the form the Safe's ecrecover path checks; wallets
 * that answer with v = 0 or 1 are adjusted. `undefined` for anything else (a Safe would read
 * v = 0, 1 or > 30 as a contract signature, an approved hash or an `eth_sign` signature).
 */
export function normalizeSignature(signature: Hex): Hex | undefined {
  if (!isHex(signature) || size(signature) !== 65) return undefined;
  const v = hexToNumber(slice(signature, 64));
  if (v === 27 || v === 28) return signature.toLowerCase() as Hex;
  if (v === 0 || v === 1) return concat([slice(signature, 0, 64), numberToHex(v + 27, { size: 1 })]);
  return undefined;
}

/**
 * Verifies one owner's signature before it is accepted for `transaction`, against the Safe's
 * state: the transaction is at the Safe's current nonce, the signature recovers (EIP-712 over
 * exactly this safeTxHash) to the address it is attributed to, that address is a current owner,
 * and that owner has not signed already. Pure apart from the recovery; returns the signature in
 * normalized form.
 *
 * @example
 * const accepted = await verifyCouncilSignature(tx, { signer, signature }, await council.getState())
 */
export async function verifyCouncilSignature(
  transaction: CouncilTransaction,
  submitted: CouncilSignature,
  { owners, nonce }: Pick<CouncilSafeState, "owners" | "nonce">,
): Promise<CouncilSignature> {
  if (transaction.data.nonce !== nonce) {
    throw new CouncilStaleNonceError({ safeNonce: nonce, transactionNonce: transaction.data.nonce });
  }
  const { safeTxHash } = reviewCouncilTransaction(transaction);
  const signature = normalizeSignature(submitted.signature);
  if (!signature || !isAddress(submitted.signer, { strict: false })) {
    throw new CouncilSignatureMismatchError({ signer: submitted.signer, safeTxHash });
  }
  const recovered = await recoverAddress({ hash: safeTxHash, signature }).catch(() => undefined);
  if (!recovered || !isAddressEqual(recovered, submitted.signer)) {
    throw new CouncilSignatureMismatchError({
      signer: submitted.signer,
      safeTxHash,
      ...(recovered ? { recovered } : {}),
    });
  }
  const signer = getAddress(recovered);
  if (!includesAddress(owners, signer)) throw new CouncilNotOwnerError({ signer, safe: transaction.safe });
  if (transaction.signatures.some((accepted) => isAddressEqual(accepted.signer, signer))) {
    throw new CouncilDuplicateSignatureError({ signer });
  }
  return { signer, signature };
}

/**
 * Verifies every signature a (possibly stored, possibly tampered) transaction carries, in order,
 * as {@link verifyCouncilSignature} would have when each was added. Returns them normalized.
 */
export async function verifyCouncilSignatures(
  transaction: CouncilTransaction,
  state: Pick<CouncilSafeState, "owners" | "nonce">,
): Promise<CouncilSignature[]> {
  const accepted: CouncilSignature[] = [];
  for (const submitted of transaction.signatures) {
    accepted.push(await verifyCouncilSignature({ ...transaction, signatures: accepted }, submitted, state));
  }
  return accepted;
}

export const includesAddress = (list: readonly Address[], address: Address) =>
  list.some((entry) => isAddressEqual(entry, address));
