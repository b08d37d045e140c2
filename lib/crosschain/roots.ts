import type { Address, Hex, PublicClient } from "viem";

import { hubStateOracleAbi, outputOracleAbi } from "../contracts/index.ts";
import { RootNotYetPostedError } from "./errors.ts";

/** The newest hub state a member chain's HubStateOracle holds: proofs of hub storage use it. */
export async function latestHubState(
  member: Pick<PublicClient, "readContract">,
  hubStateOracle: Address,
): Promise<{ hubBlockNumber: bigint; stateRoot: Hex; postedAt: bigint }> {
  const count = await member.readContract({ address: hubStateOracle, abi: hubStateOracleAbi, functionName: "hubStateCount" });
  if (count === 0n) throw new RootNotYetPostedError("No hub state has been posted to this member chain yet; the sequencer posts one every commitment interval.");
  const state = await member.readContract({ address: hubStateOracle, abi: hubStateOracleAbi, functionName: "latestHubState" });
  return { hubBlockNumber: BigInt(state.blockNumber), stateRoot: state.stateRoot, postedAt: BigInt(state.postedAt) };
}

/** The newest output the hub's OutputOracle holds for a member chain: proofs of member storage use it. */
export async function latestOutput(
  hub: Pick<PublicClient, "readContract">,
  outputOracle: Address,
  chainId: number | bigint,
): Promise<{ blockNumber: bigint; stateRoot: Hex; postedAt: bigint }> {
  const id = BigInt(chainId);
  const count = await hub.readContract({ address: outputOracle, abi: outputOracleAbi, functionName: "outputCount", args: [id] });
  if (count === 0n) throw new RootNotYetPostedError(`No output of chain ${id} has been committed to the hub yet; its operator posts one every commitment interval.`);
  const output = await hub.readContract({ address: outputOracle, abi: outputOracleAbi, functionName: "latestOutput", args: [id] });
  return { blockNumber: BigInt(output.blockNumber), stateRoot: output.stateRoot, postedAt: BigInt(output.postedAt) };
}
