import type { Address, PublicClient } from "viem";

import { sequencerConfigRegistryAbi } from "../contracts/index.ts";
import { HubReadError } from "./errors.ts";
import type { GovernedConfig } from "./types.ts";

export interface ReadGovernedConfigsParameters {
  /** The hub's SequencerConfigRegistry (`manifest.contracts.sequencerConfig`). */
  registry: Address;
  chainIds: readonly number[];
  /** Read at this hub block (one consistent snapshot); default the latest. */
  blockNumber?: bigint;
}
export type ReadGovernedConfigsReturnType = GovernedConfig[];
export type ReadGovernedConfigsErrorType = HubReadError;

/**
 * The configuration in force now (or at `blockNumber`) and the pause flag of each chain, read from
 * the hub's SequencerConfigRegistry (`currentConfig`, `isPaused`), in the order of `chainIds`.
 *
 * @throws {HubReadError} when the hub does not answer or a call reverts.
 * @example
 * const [base] = await readGovernedConfigs(hub, { registry: manifest.contracts.sequencerConfig, chainIds: [901] })
 * base.parameters.blockTimeMs // 2000
 */
export async function readGovernedConfigs(
  client: Pick<PublicClient, "readContract">,
  { registry, chainIds, blockNumber }: ReadGovernedConfigsParameters,
): Promise<ReadGovernedConfigsReturnType> {
  const contract = { address: registry, abi: sequencerConfigRegistryAbi, ...(blockNumber === undefined ? {} : { blockNumber }) } as const;
  try {
    return await Promise.all(
      chainIds.map(async (chainId): Promise<GovernedConfig> => {
        const id = BigInt(chainId);
        const [config, paused] = await Promise.all([
          client.readContract({ ...contract, functionName: "currentConfig", args: [id] }),
          client.readContract({ ...contract, functionName: "isPaused", args: [id] }),
        ]);
        return { chainId, version: config.version, activatedAt: BigInt(config.activatedAt), parameters: { ...config.parameters }, paused };
      }),
    );
  } catch (error) {
    throw new HubReadError({ what: `the governed configuration (registry ${registry})`, cause: error });
  }
}
