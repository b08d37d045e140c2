import type { Address, Hex, LocalAccount } from "viem";

import { contractSignature, encodeSafeSignatures, type OwnerSignature } from "./safeSignatures.ts";
import { safeMessageTypedData } from "./typedData.ts";

/** An owner of the nested Safe that signs typed data locally (a viem `LocalAccount`). */
export type NestedSafeOwner = Pick<LocalAccount, "address" | "signTypedData">;

export interface SignAsNestedSafeParameters {
  /** The Safe that owns the parent Safe, and whose owners sign. */
  nestedSafe: Address;
  chainId: number;
  /** The parent Safe's `encodeTransactionData` bytes of the transaction (`reviewCouncilTransaction(tx).txHashData`). */
  parentTxHashData: Hex;
  /** At least the nested Safe's threshold of its owners (EOAs). */
  owners: readonly NestedSafeOwner[];
}

/**
 * The nested Safe's standalone contract signature of its parent's transaction: each owner signs
 * EIP-712 `SafeMessage(bytes message)` in the nested Safe's domain with message = the parent's
 * `txHashData`, which is what Safe 1.4.1's CompatibilityFallbackHandler checks when the parent
 * calls `isValidSignature(txHashData, signatures)` on it (`getMessageHashForSafe`, then the nested
 * Safe's `checkSignatures`). The nested Safe must have that handler as its fallback handler
 * (`createSafe` sets it). protocol-kit's `signTransaction(tx, SAFE_SIGNATURE, parent)` reaches
 * the same hash through `eth_sign` (v 31/32) instead; the parent accepts both.
 *
 * @example
 * const signature = await signAsNestedSafe({ nestedSafe, chainId, parentTxHashData: review.txHashData, owners: [a, b] })
 * encodeSafeSignatures([signature, ...others])
 */
export async function signAsNestedSafe({ nestedSafe, chainId, parentTxHashData, owners }: SignAsNestedSafeParameters): Promise<OwnerSignature> {
  const typedData = safeMessageTypedData({ safe: nestedSafe, chainId, message: parentTxHashData });
  const signatures = await Promise.all(
    owners.map(async (owner): Promise<OwnerSignature> => ({ owner: owner.address, kind: "ecdsa", signature: await owner.signTypedData(typedData) })),
  );
  return contractSignature(nestedSafe, encodeSafeSignatures(signatures));
}
