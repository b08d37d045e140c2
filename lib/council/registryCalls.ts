import { decodeFunctionData, encodeFunctionData, isAddressEqual, type Address, type Hex } from "viem";

import { sequencerConfigRegistryAbi } from "../contracts/index.ts";
import type { CouncilCall } from "./types.ts";

/** What the council can do on the SequencerConfigRegistry through its Safe. */
export type CouncilDecision =
  | { kind: "approveChange"; changeId: bigint }
  | { kind: "rejectChange"; changeId: bigint }
  | { kind: "pause"; chainId: bigint }
  | { kind: "unpause"; chainId: bigint };

/**
 * The Safe call that carries out a council decision on the registry.
 *
 * @example
 * const tx = await council.buildTransaction(councilCall(registry, { kind: "approveChange", changeId: 3n }))
 */
export function councilCall(registry: Address, decision: CouncilDecision): CouncilCall {
  const args = decision.kind === "approveChange" || decision.kind === "rejectChange" ? decision.changeId : decision.chainId;
  return {
    to: registry,
    data: encodeFunctionData({ abi: sequencerConfigRegistryAbi, functionName: decision.kind, args: [args] }),
  };
}

/**
 * The decision a council Safe transaction carries, or `undefined` when it is anything else: so a
 * signer sees "approve change #3" (and, with the change, its sentence) rather than calldata.
 */
export function decodeCouncilCall(registry: Address, call: { to: Address; data: Hex }): CouncilDecision | undefined {
  if (!isAddressEqual(call.to, registry)) return undefined;
  try {
    const { functionName, args } = decodeFunctionData({ abi: sequencerConfigRegistryAbi, data: call.data });
    const [first] = (args ?? []) as readonly unknown[];
    if (typeof first !== "bigint") return undefined;
    if (functionName === "approveChange" || functionName === "rejectChange") return { kind: functionName, changeId: first };
    if (functionName === "pause" || functionName === "unpause") return { kind: functionName, chainId: first };
    return undefined;
  } catch {
    return undefined;
  }
}

/**
 * The sentence a signer reads before signing a council decision. For an approval or rejection,
 * pass the change's own sentence (from `describeAction(changeToAction(change))`) so the signer
 * sees what the change does, not just its number.
 *
 * @example
 * describeCouncilDecision({ kind: "approveChange", changeId: 3n }, "Set base-local block time 2,000 ms → 1,000 ms, …")
 * // "Approve change #3: Set base-local block time 2,000 ms → 1,000 ms, …"
 */
export function describeCouncilDecision(decision: CouncilDecision, changeSentence?: string, chainName?: string): string {
  const what = changeSentence ? `: ${changeSentence}` : "";
  const chain = decision.kind === "pause" || decision.kind === "unpause" ? decision.chainId : undefined;
  const scope = chain === 0n ? "all chains" : chainName ? `${chainName} (chain ${chain})` : `chain ${chain}`;
  switch (decision.kind) {
    case "approveChange":
      return `Approve change #${decision.changeId}${what}`;
    case "rejectChange":
      return `Reject change #${decision.changeId}${what}`;
    case "pause":
      return `Pause sequencing of ${scope} immediately`;
    case "unpause":
      return `Resume sequencing of ${scope}`;
  }
}
