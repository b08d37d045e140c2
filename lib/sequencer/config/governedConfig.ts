import type { Address, PublicClient } from "viem";

import { memberChainRegistryAbi, sequencerConfigRegistryAbi } from "../../contracts/index.ts";
import { appliedParameters, type AppliedConfig, type RegistryConfig } from "../../governance/parameters.ts";

/**
 * The configuration a chain's block must follow, as the sequencer uses it: the registry's
 * parameters (from its ABI, ordering policy narrowed to the enum) flat beside their version, with
 * what the hub says about the chain itself.
 */
export type GovernedConfig = AppliedConfig & {
  chainId: number;
  /** The council paused the chain: no block, no admission. */
  paused: boolean;
  /** Not a member chain at this block's time (its removal is in force): no block, no admission. */
  removed?: boolean;
};

/** Where governed configuration comes from (the hub registry in production, a fixture in tests). */
export interface ConfigSource {
  configAt(chainId: number, timestamp: bigint): Promise<GovernedConfig>;
}

/**
 * The sequencer's view of what the registry returned for a chain.
 *
 * @example
 * toGovernedConfig(901, await registry.read.configAt([901n, timestamp]), false)
 */
export function toGovernedConfig(chainId: number, config: RegistryConfig, paused: boolean, member = true): GovernedConfig {
  return {
    chainId,
    version: config.version,
    activatedAt: BigInt(config.activatedAt),
    ...appliedParameters(config.parameters),
    paused,
    ...(member ? {} : { removed: true }),
  };
}

/**
 * Reads the SequencerConfigRegistry on the hub: the configuration in force at a block's own
 * timestamp (so a change applies from exactly the first block at or after its activation),
 * whether the chain is paused now, and whether it is a member chain at that timestamp (a removed
 * chain gets no block and no transaction from its removal on).
 */
export function hubConfigSource(client: PublicClient, registry: Address): ConfigSource {
  const contract = { address: registry, abi: sequencerConfigRegistryAbi } as const;
  let memberChains: Promise<Address> | undefined;
  const members = () =>
    (memberChains ??= client.readContract({ ...contract, functionName: "memberChains" }).catch((error: unknown) => {
      memberChains = undefined; // read it again next time, once the hub answers
      throw error;
    }));
  return {
    async configAt(chainId, timestamp) {
      const [config, paused, member] = await Promise.all([
        client.readContract({ ...contract, functionName: "configAt", args: [BigInt(chainId), timestamp] }),
        client.readContract({ ...contract, functionName: "isPaused", args: [BigInt(chainId)] }),
        members().then((address) =>
          client.readContract({ address, abi: memberChainRegistryAbi, functionName: "isActiveAt", args: [BigInt(chainId), timestamp] }),
        ),
      ]);
      return toGovernedConfig(chainId, config, paused, member);
    },
  };
}

export interface ConfigReading {
  config: GovernedConfig;
  /** False when the hub did not answer and `config` is the last one read. */
  hubReachable: boolean;
  error?: string;
}

/**
 * Wraps a source so a hub outage never stops the chain with a wrong answer: the last good
 * configuration stays in force (and health says the hub is unreachable) until the hub answers.
 */
export function lastGoodConfig(source: ConfigSource) {
  const lastGood = new Map<number, GovernedConfig>();
  return {
    async read(chainId: number, timestamp: bigint): Promise<ConfigReading> {
      try {
        const config = await source.configAt(chainId, timestamp);
        lastGood.set(chainId, config);
        return { config, hubReachable: true };
      } catch (error) {
        const previous = lastGood.get(chainId);
        if (!previous) throw error;
        return { config: previous, hubReachable: false, error: error instanceof Error ? error.message : String(error) };
      }
    },
    last(chainId: number): GovernedConfig | undefined {
      return lastGood.get(chainId);
    },
  };
}
