import type { Address, Hex } from "viem";

/** `Enum.Operation` of the Safe: the council only ever builds calls. */
export const SafeOperation = { Call: 0, DelegateCall: 1 } as const;
export type SafeOperation = (typeof SafeOperation)[keyof typeof SafeOperation];

/** What the council asks its Safe to do: one call (e.g. the registry's `approveChange` calldata). */
export interface CouncilCall {
  to: Address;
  data: Hex;
  /** Wei sent with the call; 0 when omitted. */
  value?: bigint;
}

/** The Safe's `SafeTx` struct, field for field: what owners sign. */
export interface SafeTxData {
  to: Address;
  value: bigint;
  data: Hex;
  operation: SafeOperation;
  safeTxGas: bigint;
  baseGas: bigint;
  gasPrice: bigint;
  gasToken: Address;
  refundReceiver: Address;
  nonce: bigint;
}

/** One owner's EIP-712 signature of a transaction's safeTxHash. */
export interface CouncilSignature {
  /** The owner the signature is attributed to; it must recover to exactly this address. */
  signer: Address;
  /** 65 bytes r ‖ s ‖ v (v = 27 or 28, as the Safe's ecrecover path expects). */
  signature: Hex;
}

/**
 * A council Safe transaction as plain data, safe to store and send around (the web app's
 * signature store keeps these). Nothing in it is trusted: hashes are recomputed from `safe`,
 * `chainId` and `data`, and every signature is verified again before it counts.
 */
export interface CouncilTransaction {
  safe: Address;
  chainId: number;
  data: SafeTxData;
  /** Verified off-chain signatures, at most one per owner, in the order they were accepted. */
  signatures: readonly CouncilSignature[];
}

/** Owners, threshold and nonce of the Safe, read at one moment. */
export interface CouncilSafeState {
  owners: readonly Address[];
  threshold: number;
  nonce: bigint;
}

/** Who approves a transaction right now, and whether that is enough to execute it. */
export interface CouncilApprovals {
  threshold: number;
  /** Owners whose off-chain signatures verify. */
  signed: readonly Address[];
  /** Owners who approved the safeTxHash on-chain (`approveHash`). */
  approvedOnChain: readonly Address[];
  /** Distinct owners approving by either path. */
  approvers: readonly Address[];
  /** Approvals still missing (0 when executable). */
  missing: number;
}

/**
 * Who sends a transaction (approveHash, execution) or signs through protocol-kit: an address the
 * provider can sign for (a browser wallet, an unlocked dev-node account) or a private key.
 */
export type CouncilSigner = { address: Address; privateKey?: never } | { privateKey: Hex; address?: never };
