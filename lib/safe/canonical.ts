import {
  getCompatibilityFallbackHandlerDeployment,
  getCreateCallDeployment,
  getMultiSendCallOnlyDeployment,
  getMultiSendDeployment,
  getProxyFactoryDeployment,
  getSafeL2SingletonDeployment,
  getSafeSingletonDeployment,
  getSignMessageLibDeployment,
  getSimulateTxAccessorDeployment,
  type DeploymentFilter,
  type SingletonDeployment,
} from "@safe-global/safe-deployments";
import { getAddress, type Address, type Hex } from "viem";

import { SafeDeploymentNotFoundError } from "./errors.ts";

/**
 * The one Safe version this codebase deploys and drives. Everything version-dependent (bytecode,
 * addresses, EIP-712 domain shape) is looked up against it here, not decided in scattered `if`s.
 */
export const SAFE_VERSION = "1.4.1" as const;
export type SafeVersion = typeof SAFE_VERSION;

/**
 * The Safe contracts protocol-kit needs on a chain, keyed by name, with the `contractNetworks`
 * field protocol-kit reads each address from. Both singletons are deployed; a `contractNetworks`
 * names one of them (see {@link SafeSingletonName}).
 */
export const SAFE_CONTRACTS = {
  Safe: { deployment: getSafeSingletonDeployment, networkKey: "safeSingletonAddress" },
  SafeL2: { deployment: getSafeL2SingletonDeployment, networkKey: "safeSingletonAddress" },
  SafeProxyFactory: { deployment: getProxyFactoryDeployment, networkKey: "safeProxyFactoryAddress" },
  MultiSend: { deployment: getMultiSendDeployment, networkKey: "multiSendAddress" },
  MultiSendCallOnly: { deployment: getMultiSendCallOnlyDeployment, networkKey: "multiSendCallOnlyAddress" },
  CompatibilityFallbackHandler: {
    deployment: getCompatibilityFallbackHandlerDeployment,
    networkKey: "fallbackHandlerAddress",
  },
  SignMessageLib: { deployment: getSignMessageLibDeployment, networkKey: "signMessageLibAddress" },
  CreateCall: { deployment: getCreateCallDeployment, networkKey: "createCallAddress" },
  SimulateTxAccessor: { deployment: getSimulateTxAccessorDeployment, networkKey: "simulateTxAccessorAddress" },
} as const satisfies Record<
  string,
  { deployment: (filter?: DeploymentFilter) => SingletonDeployment | undefined; networkKey: string }
>;

export type SafeContractName = keyof typeof SAFE_CONTRACTS;

/**
 * The two singletons a proxy can point at: `SafeL2` emits an event per transaction (what indexers
 * and the web app read), `Safe` saves that gas. protocol-kit defaults to `SafeL2`.
 */
export type SafeSingletonName = "Safe" | "SafeL2";
export const SAFE_CONTRACT_NAMES = Object.keys(SAFE_CONTRACTS) as SafeContractName[];

/** Where safe-deployments says a contract lives on every chain that uses the canonical set. */
export interface CanonicalSafeContract {
  name: SafeContractName;
  address: Address;
  /** keccak256 of the runtime code at `address`. */
  codeHash: Hex;
}

/**
 * The canonical address and code hash of one Safe {@link SAFE_VERSION} contract, read from
 * `@safe-global/safe-deployments` (never copied by hand).
 *
 * @example
 * canonicalSafeContract("SafeProxyFactory").address // 0x4e1DCf7AD4e460CfD30791CCC4F9c8a4f820ec67
 */
export function canonicalSafeContract(name: SafeContractName): CanonicalSafeContract {
  const canonical = SAFE_CONTRACTS[name].deployment({ version: SAFE_VERSION, released: true })?.deployments.canonical;
  if (!canonical) throw new SafeDeploymentNotFoundError({ contract: name, version: SAFE_VERSION });
  return { name, address: getAddress(canonical.address), codeHash: canonical.codeHash as Hex };
}

/** {@link canonicalSafeContract} for every contract in {@link SAFE_CONTRACTS}. */
export function canonicalSafeContracts(): Record<SafeContractName, CanonicalSafeContract> {
  return Object.fromEntries(SAFE_CONTRACT_NAMES.map((name) => [name, canonicalSafeContract(name)])) as Record<
    SafeContractName,
    CanonicalSafeContract
  >;
}
