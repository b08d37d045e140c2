import { safe_1_4_1_ContractArtifacts } from "@safe-global/types-kit";
import { getAddress, zeroAddress, type Address, type Hex } from "viem";

import { approvedHashSignature, encodeSafeSignatures, toOwnerSignature } from "../../council/safeSignatures.ts";
import { SafeOperation, type SafeTxData } from "../../council/types.ts";
import { councilActionCall, type CouncilAction } from "./actions.ts";

/**
 * Browser-safe (viem only): how the web app turns a council decision into the exact Safe
 * transaction owners sign, moves it across JSON, and packs approvals for `execTransaction`.
 * Hashing stays in `lib/council/typedData.ts`.
 */

/** The council Safe's ABI (Safe 1.4.1), typed, from protocol-kit's own artifacts. */
export const councilSafeAbi = safe_1_4_1_ContractArtifacts.abi;

/**
 * The Safe transaction for a decision at `nonce`, field for field what protocol-kit builds for a
 * Safe 1.4.1 call (no refund, no gas fields): every owner who signs the same decision at the same
 * nonce signs the same safeTxHash, whichever tool built it. A root rejection names its oracle
 * itself (`registry` is then unused) and is signed on the chain of that oracle.
 *
 * @example
 * const data = councilSafeTx(registry, { kind: "pause", chainId: 901n }, 4n)
 */
export function councilSafeTx(registry: Address, decision: CouncilAction, nonce: bigint): SafeTxData {
  return callSafeTx(councilActionCall(registry, decision), nonce);
}

/** A plain call from the Safe (no delegatecall, no refund) at `nonce`: what every council decision is. */
export function callSafeTx({ to, data, value = 0n }: { to: Address; data: Hex; value?: bigint }, nonce: bigint): SafeTxData {
  return {
    to: getAddress(to),
    value,
    data,
    operation: SafeOperation.Call,
    safeTxGas: 0n,
    baseGas: 0n,
    gasPrice: 0n,
    gasToken: zeroAddress,
    refundReceiver: zeroAddress,
    nonce,
  };
}

/**
 * A stable key for a decision (`approveChange-5`, `pause-0`, `rejectOutput-901-120`,
 * `rejectHubState-902-455`, `vetoProposal-<id>`): React keys, test ids, anchors.
 */
export function decisionKey(decision: CouncilAction): string {
  switch (decision.kind) {
    case "approveChange":
    case "rejectChange":
      return `${decision.kind}-${decision.changeId}`;
    case "rejectOutput":
      return `rejectOutput-${decision.chainId}-${decision.blockNumber}`;
    case "rejectHubState":
      return `rejectHubState-${decision.hubStateOracle.toLowerCase()}-${decision.blockNumber}`;
    case "vetoProposal":
      return `vetoProposal-${decision.proposalId}`;
    default:
      return `${decision.kind}-${decision.chainId}`;
  }
}

/** `SafeTxData` as JSON carries it: integers as decimal strings. */
export type SafeTxJson = { [K in keyof SafeTxData]: SafeTxData[K] extends bigint ? string : SafeTxData[K] };

/** What the store keeps and the transaction service sends: JSON has no bigint, and uint256 does not fit a number. */
export function safeTxToJson(tx: SafeTxData): SafeTxJson {
  return {
    ...tx,
    value: tx.value.toString(),
    safeTxGas: tx.safeTxGas.toString(),
    baseGas: tx.baseGas.toString(),
    gasPrice: tx.gasPrice.toString(),
    nonce: tx.nonce.toString(),
  };
}

/** One owner's approval as `execTransaction` counts it. */
export type ExecApproval =
  /** A standalone Safe signature of the owner: 65-byte ECDSA (v 27/28 or 31/32) or a contract signature (v 0 with its data). */
  | { owner: Address; signature: Hex }
  /** Approved with `approveHash`: packed as a pre-validated signature (r = owner, s = 0, v = 1). */
  | { owner: Address; onChain: true };

/**
 * The `signatures` argument of `execTransaction` (see `encodeSafeSignatures`): one entry per
 * owner, sorted by owner address ascending as the Safe requires (else GS026), contract
 * signatures' data after the entries. An owner with both a signature and an on-chain approval
 * counts once, by the signature.
 *
 * @throws {CouncilSignatureBytesErrorType} when a signature is not one well-formed standalone Safe signature.
 * @example
 * encodeExecSignatures([{ owner: b, signature }, { owner: a, onChain: true }]) // a's entry first
 */
export function encodeExecSignatures(approvals: readonly ExecApproval[]): Hex {
  return encodeSafeSignatures(
    approvals.map((approval) => ("signature" in approval ? toOwnerSignature(approval.owner, approval.signature) : approvedHashSignature(approval.owner))),
  );
}
