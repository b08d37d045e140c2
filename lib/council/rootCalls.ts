import { decodeFunctionData, encodeFunctionData, isAddressEqual, type Address, type Hex } from "viem";

import { hubStateOracleAbi, outputOracleAbi } from "../contracts/index.ts";
import type { CouncilCall } from "./types.ts";

/**
 * A council decision to reject a committed root (and every root posted after it) while it is in
 * its challenge window: a member chain's output on the hub's OutputOracle (a Safe transaction on
 * the hub), or a hub state on a member chain's HubStateOracle (a Safe transaction on that member
 * chain, where the council Safe has the hub's address). The root is named by block number and
 * state root, so a rejection signed for a forged root can never hit an honest repost.
 */
export type RootRejection =
  | { kind: "rejectOutput"; outputOracle: Address; chainId: bigint; blockNumber: bigint; stateRoot: Hex }
  | { kind: "rejectHubState"; hubStateOracle: Address; blockNumber: bigint; stateRoot: Hex };

/**
 * The Safe call that carries out a root rejection.
 *
 * @example
 * const tx = await council.buildTransaction(rootRejectionCall({ kind: "rejectOutput", outputOracle, chainId: 901n, blockNumber: 120n, stateRoot }))
 */
export function rootRejectionCall(rejection: RootRejection): CouncilCall {
  if (rejection.kind === "rejectOutput") {
    return {
      to: rejection.outputOracle,
      data: encodeFunctionData({ abi: outputOracleAbi, functionName: "rejectOutputs", args: [rejection.chainId, rejection.blockNumber, rejection.stateRoot] }),
    };
  }
  return {
    to: rejection.hubStateOracle,
    data: encodeFunctionData({ abi: hubStateOracleAbi, functionName: "rejectHubStates", args: [rejection.blockNumber, rejection.stateRoot] }),
  };
}

/**
 * The rejection a council Safe transaction carries, or `undefined` when it is anything else (or
 * addressed to another contract than `oracle`), so a signer sees the sentence, not calldata.
 */
export function decodeRootRejectionCall(oracle: Address, call: { to: Address; data: Hex }): RootRejection | undefined {
  if (!isAddressEqual(call.to, oracle)) return undefined;
  try {
    const { functionName, args } = decodeFunctionData({ abi: [...outputOracleAbi, ...hubStateOracleAbi], data: call.data });
    if (functionName === "rejectOutputs") {
      const [chainId, blockNumber, stateRoot] = args as readonly [bigint, bigint, Hex];
      return { kind: "rejectOutput", outputOracle: oracle, chainId, blockNumber, stateRoot };
    }
    if (functionName === "rejectHubStates") {
      const [blockNumber, stateRoot] = args as readonly [bigint, Hex];
      return { kind: "rejectHubState", hubStateOracle: oracle, blockNumber, stateRoot };
    }
    return undefined;
  } catch {
    return undefined;
  }
}

/**
 * The sentence a signer reads before signing a root rejection.
 *
 * @example
 * describeRootRejection({ kind: "rejectOutput", outputOracle, chainId: 901n, blockNumber: 120n, stateRoot }, "base-local")
 * // "Reject base-local (chain 901)'s output of block 120 (state root 0x1234…abcd) and every output posted after it"
 */
export function describeRootRejection(rejection: RootRejection, chainName?: string): string {
  const root = `state root ${rejection.stateRoot.slice(0, 6)}…${rejection.stateRoot.slice(-4)}`;
  if (rejection.kind === "rejectOutput") {
    const chain = chainName ? `${chainName} (chain ${rejection.chainId})` : `chain ${rejection.chainId}`;
    return `Reject ${chain}'s output of block ${rejection.blockNumber} (${root}) and every output posted after it`;
  }
  const where = chainName ? ` on ${chainName}` : "";
  return `Reject the hub state of hub block ${rejection.blockNumber} (${root})${where} and every hub state posted after it`;
}
