import { decodeAbiParameters, getAddress, isAddressEqual, size, slice, type Address, type Hash, type Hex } from "viem";

import type { SafeTxData } from "../../council/types.ts";
import type { SafeSigner } from "../../safe/signatures.ts";
import { shortHex, shortProposalId } from "../format.ts";
import { councilActionCallText, type CouncilAction } from "./actions.ts";

/**
 * Browser-safe (viem only): the council's executed Safe transactions as the history on
 * `/council` lists them. The server reads them (`lib/web/server/councilHistory.ts`); this
 * module pairs the Safe's logs and says in words what each transaction did.
 */

/** One executed `execTransaction` of the council Safe on one chain, as its SafeL2 logs tell it. */
export interface ExecutedSafeTx {
  chainId: number;
  blockNumber: bigint;
  logIndex: number;
  transactionHash: Hash;
  /** Unix seconds of the block. */
  timestamp: bigint;
  safeTx: SafeTxData;
  /** From `ExecutionSuccess` / `ExecutionFailure`: the hash the owners approved. */
  safeTxHash: Hash;
  /** Who called `execTransaction` (the `msg.sender` the Safe logs; the transaction's sender when an account sent it). */
  executor: Address;
  /** The threshold at execution: how many signatures the Safe read. */
  threshold: number;
  /** `ExecutionFailure`: the signatures held and the nonce was spent, but the call reverted. */
  success: boolean;
  /** The owners whose approvals executed it; `null` when the bytes do not decode (never for a Safe that accepted them). */
  signers: SafeSigner[] | null;
}

/** The SafeL2 logs `pairExecutions` reads, as viem decodes them. */
export type SafeExecutionLog =
  | {
      eventName: "SafeMultiSigTransaction";
      args: Omit<SafeTxData, "nonce" | "operation"> & { operation: number; signatures: Hex; additionalInfo: Hex };
      blockNumber: bigint;
      logIndex: number;
      transactionHash: Hash;
    }
  | { eventName: "ExecutionSuccess" | "ExecutionFailure"; args: { txHash: Hash; payment: bigint }; blockNumber: bigint; logIndex: number; transactionHash: Hash };

/** A `SafeMultiSigTransaction` matched with the outcome the Safe logged for it, before signers and times are added. */
export type PairedExecution = Omit<ExecutedSafeTx, "timestamp" | "signers"> & { signatures: Hex };

/**
 * Each `SafeMultiSigTransaction` of one Safe with the `ExecutionSuccess` / `ExecutionFailure`
 * that closes it, in log order. Within one transaction they nest like calls (a Safe transaction
 * may execute another one of the same Safe), so the outcome closes the innermost open one; one
 * left open (a log range cut inside a transaction never happens: ranges are whole blocks) is dropped.
 * `additionalInfo` is `abi.encode(nonce, msg.sender, threshold)`.
 */
export function pairExecutions(chainId: number, logs: readonly SafeExecutionLog[]): PairedExecution[] {
  const sorted = [...logs].sort((a, b) => (a.blockNumber === b.blockNumber ? a.logIndex - b.logIndex : a.blockNumber < b.blockNumber ? -1 : 1));
  const open: Array<Extract<SafeExecutionLog, { eventName: "SafeMultiSigTransaction" }>> = [];
  const paired: PairedExecution[] = [];
  for (const log of sorted) {
    if (log.eventName === "SafeMultiSigTransaction") {
      open.push(log);
      continue;
    }
    const started = open.pop();
    if (started === undefined || started.transactionHash !== log.transactionHash) continue;
    const { additionalInfo, signatures, operation, ...fields } = started.args;
    const [nonce, executor, threshold] = decodeAbiParameters([{ type: "uint256" }, { type: "address" }, { type: "uint256" }], additionalInfo);
    paired.push({
      chainId,
      blockNumber: started.blockNumber,
      logIndex: started.logIndex,
      transactionHash: started.transactionHash,
      safeTx: { ...fields, to: getAddress(fields.to), operation: operation as SafeTxData["operation"], nonce },
      safeTxHash: log.args.txHash,
      executor: getAddress(executor),
      threshold: Number(threshold),
      success: log.eventName === "ExecutionSuccess",
      signatures,
    });
  }
  return paired;
}

/** Names the history's sentences use: chains by id, and a change's own sentence by its id. */
export interface HistoryContext {
  chainName: (chainId: bigint) => string | undefined;
  /** `describeAction` of a scheduled change, when the registry still lists it. */
  changeSentence?: (changeId: bigint) => string | undefined;
  /** A proposal's title, when known. */
  proposalTitle?: (proposalId: bigint) => string | undefined;
}

/**
 * What an executed council transaction did, in the past tense: "Approved change #3: Set
 * base-local block time …", "Paused base-local (chain 901)", "Vetoed proposal 1234…5678". For
 * a call that is no council decision of this deployment, `action` is undefined and the sentence
 * still names the target and selector; an empty call to the Safe itself is the Safe's way of
 * spending a nonce on nothing (an on-chain rejection).
 *
 * @example
 * describeExecutedDecision({ kind: "pause", chainId: 901n }, { to, data }, safe, { chainName }) // "Paused sequencing of base-local (chain 901)"
 */
export function describeExecutedDecision(action: CouncilAction | undefined, call: { to: Address; data: Hex }, safe: Address, context: HistoryContext): string {
  const scope = (chainId: bigint) => (chainId === 0n ? "all chains" : `${context.chainName(chainId) ?? "chain"} (chain ${chainId})`);
  const change = (id: bigint) => {
    const sentence = context.changeSentence?.(id);
    return `change #${id}${sentence ? `: ${sentence}` : ""}`;
  };
  const root = (hex: Hex) => shortHex(hex, 4);
  switch (action?.kind) {
    case "approveChange":
      return `Approved ${change(action.changeId)}`;
    case "rejectChange":
      return `Rejected ${change(action.changeId)}`;
    case "pause":
      return `Paused sequencing of ${scope(action.chainId)}`;
    case "unpause":
      return `Resumed sequencing of ${scope(action.chainId)}`;
    case "vetoProposal": {
      const title = context.proposalTitle?.(action.proposalId);
      return `Vetoed proposal ${shortProposalId(action.proposalId)}${title ? ` (${title})` : ""}`;
    }
    case "rejectOutput":
      return `Rejected ${scope(action.chainId)}'s output of block ${action.blockNumber} (state root ${root(action.stateRoot)}) and every later one`;
    case "rejectHubState":
      return `Rejected the hub state of hub block ${action.blockNumber} (state root ${root(action.stateRoot)}) and every later one`;
    case undefined:
      if (isAddressEqual(call.to, safe) && size(call.data) === 0) return "Rejected on-chain: an empty transaction that spent its nonce";
      return `Unknown call to ${call.to}${size(call.data) >= 4 ? ` (selector ${slice(call.data, 0, 4)})` : size(call.data) === 0 ? " (no data)" : ""}`;
  }
}

/** The call an executed transaction made, as a signer reads it, or its selector when it is no council decision. */
export function executedCallText(action: CouncilAction | undefined, call: { data: Hex }): string {
  if (action) return councilActionCallText(action);
  return size(call.data) >= 4 ? `unknown call ${slice(call.data, 0, 4)}` : "no call data";
}

/** One executed council transaction as the history shows it. */
export interface CouncilHistoryEntry {
  /** `<chainId>-<nonce>-<transactionHash>`: React keys, test ids. */
  key: string;
  chainId: number;
  chainName: string;
  nonce: bigint;
  safeTxHash: Hash;
  transactionHash: Hash;
  executor: Address;
  timestamp: bigint;
  success: boolean;
  /** The decision in words (see {@link describeExecutedDecision}). */
  sentence: string;
  /** `approveChange(3)`, or `unknown call 0x12345678`. */
  call: string;
  /** A council decision of this deployment (else an unknown call). */
  known: boolean;
  signers: SafeSigner[] | null;
}

/** Newest first across chains: by time, then block and log order. */
export function newestExecutionFirst(a: ExecutedSafeTx, b: ExecutedSafeTx): number {
  if (a.timestamp !== b.timestamp) return a.timestamp > b.timestamp ? -1 : 1;
  if (a.chainId !== b.chainId) return a.chainId - b.chainId;
  if (a.blockNumber !== b.blockNumber) return a.blockNumber > b.blockNumber ? -1 : 1;
  return b.logIndex - a.logIndex;
}
