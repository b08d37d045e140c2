import { concat, hashDomain, hashStruct, keccak256, type Address, type Hash, type Hex } from "viem";

import type { CouncilTransaction } from "./types.ts";

/** EIP-712 domain of Safe ≥ 1.3.0: chain id and the Safe itself, no name or version. */
const EIP712_DOMAIN = [
  { name: "chainId", type: "uint256" },
  { name: "verifyingContract", type: "address" },
] as const;

/** The Safe's `SafeTx` type, in the order of its `SAFE_TX_TYPEHASH`. */
export const SAFE_TX_TYPES = {
  SafeTx: [
    { name: "to", type: "address" },
    { name: "value", type: "uint256" },
    { name: "data", type: "bytes" },
    { name: "operation", type: "uint8" },
    { name: "safeTxGas", type: "uint256" },
    { name: "baseGas", type: "uint256" },
    { name: "gasPrice", type: "uint256" },
    { name: "gasToken", type: "address" },
    { name: "refundReceiver", type: "address" },
    { name: "nonce", type: "uint256" },
  ],
} as const;

type SafeTxSubject = Pick<CouncilTransaction, "safe" | "chainId" | "data">;

/**
 * The EIP-712 typed data an owner signs for a Safe transaction, as viem's `signTypedData` (and a
 * browser wallet's `eth_signTypedData_v4`) take it.
 *
 * @example
 * const signature = await walletClient.signTypedData({ account, ...safeTxTypedData(tx) })
 */
export function safeTxTypedData({ safe, chainId, data }: SafeTxSubject) {
  return {
    domain: { chainId, verifyingContract: safe },
    types: SAFE_TX_TYPES,
    primaryType: "SafeTx",
    message: data,
  } as const;
}

export type SafeTxTypedData = ReturnType<typeof safeTxTypedData>;

/** What a careful signer checks before signing: the hashes a hardware wallet shows, and the data. */
export interface CouncilTransactionReview {
  /** keccak256(txHashData): what each owner's signature covers. */
  safeTxHash: Hash;
  /**
   * 0x1901 ‖ domainHash ‖ messageHash, the Safe's `encodeTransactionData`: the `data` a contract
   * owner's `isValidSignature(bytes, bytes)` is asked about.
   */
  txHashData: Hex;
  /** The EIP-712 domain separator; equals the Safe's `domainSeparator()`. */
  domainHash: Hash;
  /** `hashStruct(SafeTx)` of the message. */
  messageHash: Hash;
  typedData: SafeTxTypedData;
}

/**
 * Computes, from the transaction's data alone, everything a signer must see before signing.
 *
 * @example
 * const { safeTxHash, domainHash, messageHash, typedData } = reviewCouncilTransaction(tx)
 */
export function reviewCouncilTransaction(transaction: SafeTxSubject): CouncilTransactionReview {
  const typedData = safeTxTypedData(transaction);
  const domainHash = hashDomain({
    domain: { chainId: BigInt(transaction.chainId), verifyingContract: transaction.safe },
    types: { EIP712Domain: EIP712_DOMAIN },
  });
  const messageHash = hashStruct({ data: typedData.message, primaryType: "SafeTx", types: SAFE_TX_TYPES });
  const txHashData = concat(["0x1901", domainHash, messageHash]);
  return { safeTxHash: keccak256(txHashData), txHashData, domainHash, messageHash, typedData };
}

/** Safe 1.4.1's CompatibilityFallbackHandler message type: `SafeMessage(bytes message)`. */
export const SAFE_MESSAGE_TYPES = { SafeMessage: [{ name: "message", type: "bytes" }] } as const;

/**
 * The EIP-712 typed data an owner of `safe` signs so that the Safe, through its
 * CompatibilityFallbackHandler, vouches for `message` (`isValidSignature(message, signatures)`
 * checks the owners' signatures over `getMessageHashForSafe(safe, message)`, which is this hash).
 * For a nested Safe signing its parent's transaction, `message` is the parent's `txHashData`.
 *
 * @example
 * await owner.signTypedData(safeMessageTypedData({ safe: nested, chainId, message: review.txHashData }))
 */
export function safeMessageTypedData({ safe, chainId, message }: { safe: Address; chainId: number; message: Hex }) {
  return {
    domain: { chainId, verifyingContract: safe },
    types: SAFE_MESSAGE_TYPES,
    primaryType: "SafeMessage",
    message: { message },
  } as const;
}
