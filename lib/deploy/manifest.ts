/**
 * The manifest of a deployment made by `superchain deploy`: its chains as the parameters name them,
 * its contracts as Ignition deployed them. The Safe's contracts are the canonical 1.4.1 ones on
 * every chain (see {@link safeContractsOfManifest}).
 */
import type { Address } from "viem";

import type { ManifestInput } from "../chains/index.ts";
import { canonicalSafeContract } from "../safe/index.ts";
import type { DeploymentParams } from "./params.ts";

export interface DeployedContracts {
  contracts: Record<"token" | "timelock" | "governor" | "memberChains" | "sequencerConfig" | "outputOracle" | "rootSettings" | "stateProofVerifier", Address>;
  council: { safe: Address; owners: Address[]; threshold: number };
  /** The account that deployed everything: it keeps no power (`superchain deploy verify`). */
  deployer: Address;
  spokes: Record<number, { pool: Address; token: Address; aggregator: Address; verifier: Address; hubStateOracle: Address; deployBlock: bigint }>;
  deployBlocks: Record<string, string>;
}

export function deploymentManifest(name: string, params: DeploymentParams, deployed: DeployedContracts): ManifestInput {
  return {
    version: 1,
    network: name,
    createdAt: new Date().toISOString(),
    hub: { chainId: params.hub.chainId, name: params.hub.name, role: "hub", rpcUrl: params.hub.rpcUrl, chainType: "l1" },
    members: params.members.map((member) => {
      const { hubStateOracle, deployBlock, ...spoke } = deployed.spokes[member.chainId]!;
      return {
        chainId: member.chainId,
        name: member.name,
        role: "member" as const,
        rpcUrl: member.rpcUrl,
        ...(member.sequencerRpcUrl ? { sequencerRpcUrl: member.sequencerRpcUrl } : {}),
        hubStateOracle,
        spoke: { ...spoke, deployBlock: deployBlock.toString() },
        chainType: "op" as const,
      };
    }),
    contracts: deployed.contracts,
    council: deployed.council,
    safe: safeContractsOfManifest(),
    deployer: deployed.deployer,
    deployBlocks: deployed.deployBlocks,
  };
}

/** Safe 1.4.1's canonical contracts, as every manifest lists them. */
export function safeContractsOfManifest(): ManifestInput["safe"] {
  const address = (contract: Parameters<typeof canonicalSafeContract>[0]) => canonicalSafeContract(contract).address;
  return {
    safeSingleton: address("Safe"),
    safeL2Singleton: address("SafeL2"),
    safeProxyFactory: address("SafeProxyFactory"),
    multiSend: address("MultiSend"),
    multiSendCallOnly: address("MultiSendCallOnly"),
    fallbackHandler: address("CompatibilityFallbackHandler"),
    signMessageLib: address("SignMessageLib"),
    createCall: address("CreateCall"),
    simulateTxAccessor: address("SimulateTxAccessor"),
  };
}
