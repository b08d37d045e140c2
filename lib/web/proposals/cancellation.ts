import { getAbiItem, isAddressEqual, toEventSelector, type Address, type Hash, type Hex } from "viem";

import { councilSafeAbi } from "../council/safeTx.ts";

/** Who canceled a proposal, as its `ProposalCanceled` transaction tells it. */
export type Canceler = "proposer" | "council" | "other";

/** A canceled proposal's cancellation: who, and the transaction. */
export interface Cancellation {
  by: Canceler;
  tx: Hash;
}

const EXECUTION_SUCCESS = toEventSelector(getAbiItem({ abi: councilSafeAbi, name: "ExecutionSuccess" }));

/**
 * Who sent a proposal's cancel, from the receipt of the transaction that emitted its
 * `ProposalCanceled`: the council when the council Safe executed a transaction in it (its
 * `ExecutionSuccess` — whoever relayed it, the Safe was the caller the governor let cancel), the
 * proposer when they sent the transaction themselves, anyone else otherwise (a guardian the
 * governance set to another address).
 *
 * @example
 * cancelerOf(await hub.getTransactionReceipt({ hash }), { safe, proposer }) // "council"
 */
export function cancelerOf(
  receipt: { from: Address; logs: ReadonlyArray<{ address: Address; topics: readonly Hex[] }> },
  { safe, proposer }: { safe: Address; proposer: Address },
): Canceler {
  if (receipt.logs.some((log) => isAddressEqual(log.address, safe) && log.topics[0]?.toLowerCase() === EXECUTION_SUCCESS)) return "council";
  return isAddressEqual(receipt.from, proposer) ? "proposer" : "other";
}
