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
