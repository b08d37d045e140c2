import type { Address, Hex, PublicClient } from "viem";

import { outputOracleAbi, sequencerConfigRegistryAbi } from "../contracts/index.ts";
import { HubReadError } from "./errors.ts";

export interface VerifyCommitmentsParameters {
  /** The hub's OutputOracle (`manifest.contracts.outputOracle`). */
  outputOracle: Address;
  /** The hub's SequencerConfigRegistry, whose history says which version was in force when. */
  registry: Address;
  chainId: number;
  /** How many of the most recent outputs to check. */
  last: number;
}

/** One posted output and whether it names the configuration version in force at its block. */
export interface CommitmentVerdict {
  index: bigint;
  blockNumber: bigint;
  blockTimestamp: bigint;
  blockHash: Hex;
  /** The version the operator committed to. */
  configVersion: bigint;
  /** `configAt(chainId, blockTimestamp).version`: the version governance had in force then. */
  governedVersion: bigint;
  ok: boolean;
}

export interface VerifyCommitmentsReturnType {
  chainId: number;
  /** How many outputs the chain has posted in all. */
  outputCount: bigint;
  /** The checked outputs, newest first (empty when none was posted). */
  verdicts: CommitmentVerdict[];
  /** True when at least one output was checked and every one names the right version. */
  ok: boolean;
}
export type VerifyCommitmentsErrorType = HubReadError;

/**
 * Checks, from the hub alone, that the chain's last `last` output commitments each name the
 * configuration version that governance had in force at the committed block's timestamp.
 *
 * @throws {HubReadError} when the hub does not answer or a call reverts.
 * @example
 * const { ok, verdicts } = await verifyCommitments(hub, { outputOracle, registry, chainId: 901, last: 10 })
 */
export async function verifyCommitments(
  client: Pick<PublicClient, "readContract">,
  { outputOracle, registry, chainId, last }: VerifyCommitmentsParameters,
): Promise<VerifyCommitmentsReturnType> {
  const id = BigInt(chainId);
  try {
    const outputCount = await client.readContract({ address: outputOracle, abi: outputOracleAbi, functionName: "outputCount", args: [id] });
    const from = outputCount > BigInt(last) ? outputCount - BigInt(last) : 0n;
    const indices: bigint[] = [];
    for (let i = outputCount - 1n; i >= from; i--) indices.push(i);
    const verdicts = await Promise.all(
      indices.map(async (index): Promise<CommitmentVerdict> => {
        const output = await client.readContract({ address: outputOracle, abi: outputOracleAbi, functionName: "outputAt", args: [id, index] });
        const governed = await client.readContract({
          address: registry,
          abi: sequencerConfigRegistryAbi,
          functionName: "configAt",
          args: [id, BigInt(output.blockTimestamp)],
        });
        return {
          index,
          blockNumber: output.blockNumber,
          blockTimestamp: BigInt(output.blockTimestamp),
          blockHash: output.blockHash,
          configVersion: output.configVersion,
          governedVersion: governed.version,
          ok: output.configVersion === governed.version,
        };
      }),
    );
    return { chainId, outputCount, verdicts, ok: verdicts.length > 0 && verdicts.every((v) => v.ok) };
  } catch (error) {
    throw new HubReadError({ what: `chain ${chainId}'s output commitments (oracle ${outputOracle})`, cause: error });
  }
}
