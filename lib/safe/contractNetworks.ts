import type { ContractNetworksConfig } from "@safe-global/protocol-kit";

import { canonicalSafeContract, SAFE_CONTRACT_NAMES, SAFE_CONTRACTS, type SafeSingletonName } from "./canonical.ts";

export interface SafeContractNetworksOptions {
  /** The singleton protocol-kit uses for new Safes; `SafeL2` (protocol-kit's default) if omitted. */
  singleton?: SafeSingletonName;
}

/**
 * protocol-kit's `contractNetworks` for a chain that carries the canonical Safe 1.4.1 set (as
 * {@link deploySafeContracts} leaves it). Dev chains (900–902, 31337) are unknown to
 * safe-deployments, so protocol-kit needs the addresses spelled out; they are the canonical ones.
 *
 * @example
 * const kit = await Safe.init({ provider, safeAddress, contractNetworks: safeContractNetworks(900) })
 */
export function safeContractNetworks(
  chainId: number | bigint,
  { singleton = "SafeL2" }: SafeContractNetworksOptions = {},
): ContractNetworksConfig {
  const unused: SafeSingletonName = singleton === "SafeL2" ? "Safe" : "SafeL2";
  const config: Record<string, string> = {};
  for (const name of SAFE_CONTRACT_NAMES) {
    if (name !== unused) config[SAFE_CONTRACTS[name].networkKey] = canonicalSafeContract(name).address;
  }
  return { [chainId.toString()]: config };
}
