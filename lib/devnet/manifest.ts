import type { Address } from "viem";

import { DEVNET_NETWORK, type ManifestInput } from "../chains/index.ts";
import { safeContractsOfManifest } from "../deploy/manifest.ts";
import type { CrosschainDeployment } from "./crosschain.ts";
import type { HubDeployment } from "./deploy.ts";
import type { RunningNode } from "./nodes.ts";

/** The devnet's deployment manifest: where every chain answers and every contract lives. */
export function devnetManifest(
  nodes: {
    hub: RunningNode;
    members: RunningNode[];
    sequencerUrl?: string | undefined;
    /** A replicated sequencer's replica origins (the first is `sequencerUrl`). */
    sequencerReplicaUrls?: readonly string[] | undefined;
    hubStateOracles?: Readonly<Record<number, Address>>;
  },
  hub: HubDeployment,
  crosschain?: CrosschainDeployment,
): ManifestInput {
  return {
    version: 1,
    network: DEVNET_NETWORK,
    createdAt: new Date().toISOString(),
    hub: { chainId: nodes.hub.chainId, name: nodes.hub.name, role: "hub", rpcUrl: nodes.hub.rpcUrl, chainType: nodes.hub.chainType },
    members: nodes.members.map((node) => {
      const spoke = crosschain?.spokes[node.chainId];
      return {
        chainId: node.chainId,
        name: node.name,
        role: "member" as const,
        rpcUrl: node.rpcUrl,
        ...(nodes.sequencerUrl ? { sequencerRpcUrl: `${nodes.sequencerUrl}/${node.chainId}` } : {}),
        ...(nodes.sequencerReplicaUrls ? { sequencerReplicaUrls: nodes.sequencerReplicaUrls.map((url) => `${url}/${node.chainId}`) } : {}),
        ...(nodes.hubStateOracles?.[node.chainId] ? { hubStateOracle: nodes.hubStateOracles[node.chainId] } : {}),
        ...(spoke ? { spoke: { ...spoke, deployBlock: spoke.deployBlock.toString() } } : {}),
        chainType: node.chainType,
      };
    }),
    contracts: { ...hub.contracts, ...(crosschain ? { stateProofVerifier: crosschain.stateProofVerifier } : {}) },
    council: hub.council,
    safe: safeContractsOfManifest(),
    deployer: hub.deployer,
    deployBlocks: Object.fromEntries(
      Object.entries({ ...hub.deployBlocks, ...crosschain?.deployBlocks }).map(([name, block]) => [name, block.toString()]),
    ),
  };
}
