import type { Address, Hash } from "viem";

/** Which way tokens move: hub → member chain (deposit) or member chain → hub (withdrawal). */
export type TransferKind = "deposit" | "withdrawal";

/**
 * Where a transfer is, in the order it moves:
 * - `initiated`: recorded on the source chain; the destination holds no commitment of the source
 *   chain yet (or it could not be read), so there is nothing to compare with;
 * - `waiting`: the destination's newest commitment of the source chain predates the transfer;
 *   the next one (every commitment interval) will cover it;
 * - `ready`: a committed root covers the transfer: anyone can finalize it with a proof;
 * - `finalized`: the tokens arrived.
 */
export type TransferState = "initiated" | "waiting" | "ready" | "finalized";

export const TRANSFER_STATES = ["initiated", "waiting", "ready", "finalized"] as const satisfies readonly TransferState[];

/** One transfer to the account, from its two logs (the second only once finalized). */
export interface Transfer {
  kind: TransferKind;
  /** The deposit id (hub pool) or withdrawal id (member SpokeToken): unique per kind and member chain. */
  id: bigint;
  /** The member chain the transfer goes to or comes from. */
  chainId: number;
  sender: Address;
  recipient: Address;
  amount: bigint;
  /** The transfer's block on its source chain: the hub for deposits, the member chain for withdrawals. */
  initiatedBlock: bigint;
  initiatedTx: Hash;
  /** The finalizing transaction on the destination chain, once there is one. */
  finalized?: { block: bigint; tx: Hash };
}

/** A transfer with where it stands against the destination's newest commitment. */
export interface TransferWithState extends Transfer {
  state: TransferState;
  /** The newest source-chain block the destination holds a root of; null when none or unknown. */
  committedBlock: bigint | null;
}

/**
 * The newest source-chain block each destination holds a committed root of: the hub block of the
 * member chain's newest hub state (deposits prove against it), and the member block of the hub's
 * newest output of that chain (withdrawals prove against it). `null` when none was posted yet.
 */
export interface Commitments {
  deposits: bigint | null;
  withdrawals: bigint | null;
}

/**
 * Where one transfer stands. A transfer is provable once a committed root covers its block:
 * the same comparison `prepareFinalizeDeposit` / `prepareFinalizeWithdrawal` make before
 * fetching a proof, so a transfer shown ready is one the server can prove.
 *
 * @example
 * transferState({ initiatedBlock: 120n }, 118n) // "waiting"
 * transferState({ initiatedBlock: 120n }, 130n) // "ready"
 */
export function transferState(transfer: Pick<Transfer, "initiatedBlock" | "finalized">, committedBlock: bigint | null): TransferState {
  if (transfer.finalized) return "finalized";
  if (committedBlock === null) return "initiated";
  return committedBlock >= transfer.initiatedBlock ? "ready" : "waiting";
}

/** The initiating log of a transfer, reduced to what the page needs. */
export type InitiatedRecord = Omit<Transfer, "finalized">;
/** The finalizing log of a transfer. */
export interface FinalizedRecord {
  kind: TransferKind;
  id: bigint;
  block: bigint;
  tx: Hash;
}

const ORDER: Record<TransferState, number> = { ready: 0, waiting: 1, initiated: 2, finalized: 3 };

/**
 * Joins each transfer's initiating and finalizing logs and gives it its state. Transfers needing
 * the account come first (ready, then in flight), then finalized ones; within a state, the
 * newest first (ids grow with time on each side). A finalizing log without its initiating log
 * (outside the scanned range) is ignored.
 */
export function buildTransfers(initiated: readonly InitiatedRecord[], finalized: readonly FinalizedRecord[], commitments: Commitments): TransferWithState[] {
  const done = new Map(finalized.map((record) => [`${record.kind}:${record.id}`, { block: record.block, tx: record.tx }]));
  return initiated
    .map((record): TransferWithState => {
      const finalization = done.get(`${record.kind}:${record.id}`);
      const transfer: Transfer = finalization ? { ...record, finalized: finalization } : { ...record };
      const committedBlock = record.kind === "deposit" ? commitments.deposits : commitments.withdrawals;
      return { ...transfer, state: transferState(transfer, committedBlock), committedBlock };
    })
    .sort((a, b) => ORDER[a.state] - ORDER[b.state] || (a.kind === b.kind ? (a.id > b.id ? -1 : a.id < b.id ? 1 : 0) : a.kind === "deposit" ? -1 : 1));
}

/** The words for a state, as the list and its live region say them. */
export function describeState(transfer: Pick<TransferWithState, "state" | "kind" | "committedBlock">, names: { hub: string; member: string }): string {
  const [source, destination] = transfer.kind === "deposit" ? [names.hub, names.member] : [names.member, names.hub];
  switch (transfer.state) {
    case "initiated":
      return `Initiated on ${source}; ${destination} has no commitment of ${source} yet.`;
    case "waiting":
      return `Waiting for the next commitment: ${destination} holds ${source} up to block ${transfer.committedBlock}.`;
    case "ready":
      return `Ready to finalize on ${destination}.`;
    case "finalized":
      return `Finalized on ${destination}.`;
  }
}
