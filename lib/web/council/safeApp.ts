import { isAddressEqual, type Address } from "viem";

/**
 * Browser-safe: whether the Safe the app runs in (as a Safe App) can propose a council decision.
 * Safe{Wallet} queues a transaction for the Safe it has open, on that Safe's chain, so only the
 * council Safe on the decision's own chain can put the decision in its queue.
 */
export type SafeAppStanding =
  | { kind: "council" }
  /** Another Safe: its queue is not the council's. */
  | { kind: "otherSafe"; safe: Address; council: Address }
  /** The council Safe, but on another chain than the one the decision is signed on. */
  | { kind: "otherChain"; chainId: number; decisionChainId: number };

/**
 * @example
 * safeAppStanding({ safe: council, chainId: 900 }, { council, chainId: 901 }) // { kind: "otherChain", chainId: 900, decisionChainId: 901 }
 */
export function safeAppStanding(connected: { safe: Address; chainId: number }, decision: { council: Address; chainId: number }): SafeAppStanding {
  if (!isAddressEqual(connected.safe, decision.council)) return { kind: "otherSafe", safe: connected.safe, council: decision.council };
  if (connected.chainId !== decision.chainId) return { kind: "otherChain", chainId: connected.chainId, decisionChainId: decision.chainId };
  return { kind: "council" };
}
