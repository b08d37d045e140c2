import type { Address, Hash, Hex } from "viem";

import { includesAddress } from "../../council/managers/signatures.ts";
import { describeProposalVeto } from "../../council/proposalVeto.ts";
import { describeCouncilDecision } from "../../council/registryCalls.ts";
import { describeRootRejection } from "../../council/rootCalls.ts";
import type { CouncilSafeState, SafeTxData } from "../../council/types.ts";
import type { SafeSignatureKind } from "../../safe/signatures.ts";
import { councilActionCallText, type CouncilAction } from "./actions.ts";
import { describeExecutedDecision, executedCallText, type ExecutedSafeTx, type HistoryContext } from "./history.ts";
import type { StoredCouncilQueueEntry } from "./store.ts";
import { isOnChainRejection, jsonToSafeTx } from "./transactionService/accept.ts";

/**
 * Browser-safe (viem only): the council Safe's queue as `/council` shows it, like Safe{Wallet}'s:
 * every stored transaction from the Safe's nonce on, grouped by nonce, with the few nonces just
 * used so a signer sees what was executed and what it replaced. The server reads the Safe, its
 * executions and the store (`lib/web/server/councilQueue.ts`); this module says where each
 * transaction stands and what it does, in words.
 */

/** How many nonces below the Safe's current one the queue still shows (their executed and replaced transactions). */
export const RECENT_NONCES = 3n;

/** Where a stored transaction stands in the queue. */
export type QueueEntryStatus =
  /** At the Safe's nonce: it runs next once enough owners confirmed it. */
  | { kind: "next" }
  /** Further ahead: it can only run after the transaction at nonce `behind`. */
  | { kind: "queued"; behind: bigint }
  /** The Safe ran it (its call may still have reverted: `success`). */
  | { kind: "executed"; transactionHash: Hash; success: boolean }
  /** Another transaction (`by`, when known) used its nonce: its signatures are stale and never offered for execution. */
  | { kind: "replaced"; by?: Hash };

/** One owner's stored confirmation (off-chain signature). */
export interface QueueConfirmation {
  owner: Address;
  signature: Hex;
  kind: SafeSignatureKind;
  createdAt: string;
}

export interface CouncilQueueEntry {
  /** `<chainId>-<safeTxHash>`: React keys, test ids. */
  key: string;
  safeTxHash: Hash;
  safeTx: SafeTxData;
  /** The Safe's on-chain rejection (a call to itself with no data), not a decision. */
  rejection: boolean;
  /** What it does, in words: present tense while queued, past tense once executed. */
  sentence: string;
  /** `pause(901)`, `approveChange(5)`, "no call data" for a rejection. */
  call: string;
  /** Stored confirmations of current owners, in the order they arrived. */
  confirmations: QueueConfirmation[];
  /** Current owners that called `approveHash(safeTxHash)` (read for queued entries only). */
  approvedOnChain: Address[];
  /** Distinct current owners confirming by either path. */
  approvals: number;
  proposer?: Address;
  origin?: string;
  status: QueueEntryStatus;
  /** The other transactions at the same nonce: only one of them can ever run. */
  alternatives: Hash[];
}

export interface CouncilQueueNonce {
  nonce: bigint;
  entries: CouncilQueueEntry[];
}

/** The queue of the council Safe on one chain. */
export interface CouncilQueueChain {
  chainId: number;
  name: string;
  /** The Safe's owners, threshold and nonce on this chain now. */
  state: CouncilSafeState;
  /** Lowest nonce first. */
  nonces: CouncilQueueNonce[];
}

/** The queue on every chain the council signs on, hub first; member chains whose node failed are listed apart. */
export interface CouncilQueue {
  safe: Address;
  chains: CouncilQueueChain[];
  unreachable: Array<{ chainId: number; name: string }>;
}

/**
 * What a council action asks the Safe to do, as a signer reads it before it runs: "Pause
 * sequencing of base-local (chain 901) immediately", "Approve change #3: …", "Veto proposal …".
 * `chainName` names chains by id; `chainId` is the chain the Safe signs on (a hub-state rejection names it).
 */
export function describeQueuedAction(action: CouncilAction, chainId: number, context: HistoryContext): string {
  switch (action.kind) {
    case "approveChange":
    case "rejectChange":
      return describeCouncilDecision(action, context.changeSentence?.(action.changeId));
    case "pause":
    case "unpause":
      return describeCouncilDecision(action, undefined, context.chainName(action.chainId));
    case "vetoProposal":
      return describeProposalVeto(action, context.proposalTitle?.(action.proposalId));
    case "rejectOutput":
      return describeRootRejection(action, context.chainName(action.chainId));
    case "rejectHubState":
      return describeRootRejection(action, context.chainName(BigInt(chainId)));
  }
}

/** Where an entry stands, from the Safe's nonce and its executions on the chain. */
export function queueEntryStatus(safeTxHash: Hash, nonce: bigint, safeNonce: bigint, executions: ReadonlyMap<string, ExecutedSafeTx>, executedAt: ReadonlyMap<bigint, ExecutedSafeTx>): QueueEntryStatus {
  const executed = executions.get(safeTxHash.toLowerCase());
  if (executed) return { kind: "executed", transactionHash: executed.transactionHash, success: executed.success };
  if (nonce < safeNonce) {
    const winner = executedAt.get(nonce);
    return winner ? { kind: "replaced", by: winner.safeTxHash } : { kind: "replaced" };
  }
  return nonce === safeNonce ? { kind: "next" } : { kind: "queued", behind: nonce - 1n };
}

/** What `buildQueueChain` reads: the Safe on one chain, its stored transactions and executions. */
export interface QueueChainInput {
  chainId: number;
  name: string;
  safe: Address;
  state: CouncilSafeState;
  /** Stored transactions from `RECENT_NONCES` below the Safe's nonce on. */
  stored: readonly StoredCouncilQueueEntry[];
  /** Every execution of the Safe on this chain. */
  executions: readonly ExecutedSafeTx[];
  /** Current owners that approved each queued safeTxHash on-chain (lower-case hash keys). */
  approvedOnChain: ReadonlyMap<string, readonly Address[]>;
  /** Decodes a Safe call into the council action it is on this chain. */
  decode: (call: { to: Address; data: Hex }) => CouncilAction | undefined;
  context: HistoryContext;
}

/**
 * The queue on one chain: stored transactions grouped by nonce (lowest first), each with its
 * status, its words and its alternatives; within a nonce the executed one first, then in the order
 * they were proposed. Signatures count only for current owners.
 *
 * @example
 * const chain = buildQueueChain({ chainId: 900, name: "hub", safe, state, stored, executions, approvedOnChain: new Map(), decode, context })
 */
export function buildQueueChain({ chainId, name, safe, state, stored, executions, approvedOnChain, decode, context }: QueueChainInput): CouncilQueueChain {
  const byHash = new Map(executions.map((execution) => [execution.safeTxHash.toLowerCase(), execution]));
  const byNonce = new Map(executions.map((execution) => [execution.safeTx.nonce, execution]));
  const entries = stored.map((row): CouncilQueueEntry => {
    const safeTx = jsonToSafeTx(row.safeTx);
    const status = queueEntryStatus(row.safeTxHash, safeTx.nonce, state.nonce, byHash, byNonce);
    const rejection = isOnChainRejection(safe, safeTx);
    const action = rejection ? undefined : decode(safeTx);
    const sentence = rejection
      ? `On-chain rejection: uses up nonce ${safeTx.nonce} so nothing queued there runs`
      : status.kind === "executed" || !action
        ? describeExecutedDecision(action, safeTx, safe, context)
        : describeQueuedAction(action, chainId, context);
    const confirmations = row.signatures
      .filter(({ owner }) => includesAddress(state.owners, owner))
      .map(({ owner, signature, kind, createdAt }) => ({ owner, signature, kind, createdAt }));
    const onChain = [...(approvedOnChain.get(row.safeTxHash.toLowerCase()) ?? [])];
    const approvers = new Set([...confirmations.map(({ owner }) => owner), ...onChain].map((owner) => owner.toLowerCase()));
    return {
      key: `${chainId}-${row.safeTxHash}`,
      safeTxHash: row.safeTxHash,
      safeTx,
      rejection,
      sentence,
      call: rejection ? "no call data (the Safe calls itself)" : action ? councilActionCallText(action) : executedCallText(undefined, safeTx),
      confirmations,
      approvedOnChain: onChain,
      approvals: approvers.size,
      ...(row.proposer ? { proposer: row.proposer } : {}),
      ...(row.origin !== undefined ? { origin: row.origin } : {}),
      status,
      alternatives: [],
    };
  });
  const groups = new Map<bigint, CouncilQueueEntry[]>();
  for (const entry of entries) groups.set(entry.safeTx.nonce, [...(groups.get(entry.safeTx.nonce) ?? []), entry]);
  const proposedAt = new Map(stored.map((row) => [row.safeTxHash, row.createdAt]));
  const nonces = [...groups.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([nonce, group]): CouncilQueueNonce => {
      const ordered = [...group].sort((a, b) => {
        const executed = Number(b.status.kind === "executed") - Number(a.status.kind === "executed");
        return executed !== 0 ? executed : proposedAt.get(a.safeTxHash)!.localeCompare(proposedAt.get(b.safeTxHash)!);
      });
      return { nonce, entries: ordered.map((entry) => ({ ...entry, alternatives: ordered.filter((other) => other !== entry).map((other) => other.safeTxHash) })) };
    });
  return { chainId, name, state, nonces };
}
