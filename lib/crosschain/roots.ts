import type { Address, Hex, PublicClient } from "viem";

import { hubStateOracleAbi, outputOracleAbi } from "../contracts/index.ts";
import { RootNotYetPostedError, RootNotYetUsableError } from "./errors.ts";

type Reader = Pick<PublicClient, "readContract">;

/** A committed root proofs may use: past its challenge window and never rejected. */
export interface UsableRoot {
  blockNumber: bigint;
  stateRoot: Hex;
  postedAt: bigint;
  usableAt: bigint;
}

/**
 * The newest *usable* hub state a member chain's HubStateOracle holds — past its challenge window,
 * not rejected: what proofs of hub storage verify against. Newer hub states may be posted and
 * still in their window; they are not used.
 *
 * @throws {RootNotYetUsableError} when hub states were posted but none is usable yet.
 * @throws {RootNotYetPostedError} when none was posted at all.
 * @example
 * const { blockNumber } = await newestUsableHubState(member, manifest.members[0].hubStateOracle)
 */
export async function newestUsableHubState(member: Reader, hubStateOracle: Address): Promise<UsableRoot> {
  const oracle = { address: hubStateOracle, abi: hubStateOracleAbi } as const;
  const [usable, count] = await Promise.all([
    member.readContract({ ...oracle, functionName: "usableHubStateCount" }),
    member.readContract({ ...oracle, functionName: "hubStateCount" }),
  ]);
  if (usable === 0n) {
    if (count === 0n) throw new RootNotYetPostedError("No hub state has been posted to this member chain yet; the sequencer posts one every commitment interval.");
    const first = await member.readContract({ ...oracle, functionName: "hubStateAt", args: [0n] });
    throw notYetUsable(`hub block ${first.blockNumber}`, BigInt(first.usableAt));
  }
  const state = await member.readContract({ ...oracle, functionName: "hubStateAt", args: [usable - 1n] });
  return { blockNumber: BigInt(state.blockNumber), stateRoot: state.stateRoot, postedAt: BigInt(state.postedAt), usableAt: BigInt(state.usableAt) };
}

/**
 * The newest *usable* output the hub's OutputOracle holds for a member chain — past its challenge
 * window, not rejected: what proofs of the member chain's storage verify against.
 *
 * @throws {RootNotYetUsableError} when outputs were posted but none is usable yet.
 * @throws {RootNotYetPostedError} when none was posted at all.
 * @example
 * const { blockNumber } = await newestUsableOutput(hub, manifest.contracts.outputOracle, 901)
 */
export async function newestUsableOutput(hub: Reader, outputOracle: Address, chainId: number | bigint): Promise<UsableRoot> {
  const id = BigInt(chainId);
  const oracle = { address: outputOracle, abi: outputOracleAbi } as const;
  const [usable, count] = await Promise.all([
    hub.readContract({ ...oracle, functionName: "usableOutputCount", args: [id] }),
    hub.readContract({ ...oracle, functionName: "outputCount", args: [id] }),
  ]);
  if (usable === 0n) {
    if (count === 0n) throw new RootNotYetPostedError(`No output of chain ${id} has been committed to the hub yet; its operator posts one every commitment interval.`);
    const first = await hub.readContract({ ...oracle, functionName: "outputAt", args: [id, 0n] });
    throw notYetUsable(`chain ${id}'s output of block ${first.blockNumber}`, BigInt(first.usableAt));
  }
  const output = await hub.readContract({ ...oracle, functionName: "outputAt", args: [id, usable - 1n] });
  return { blockNumber: BigInt(output.blockNumber), stateRoot: output.stateRoot, postedAt: BigInt(output.postedAt), usableAt: BigInt(output.usableAt) };
}

function notYetUsable(what: string, usableAt: bigint): RootNotYetUsableError {
  return new RootNotYetUsableError(`The first root posted, ${what}, is still in its challenge window.`, {
    details: `usable from ${new Date(Number(usableAt) * 1000).toISOString()} (chain time)`,
    usableAt,
  });
}
