/**
 * The devnet's contracts, deployed the way every deployment is: `deploySuperchain`'s Ignition
 * modules, signed with the dev deployer key, with the devnet's short windows. Its journal lives
 * under the devnet's folder and is started afresh with every new devnet (new chains).
 */
import { rmSync } from "node:fs";
import { join } from "node:path";

import type { Address } from "viem";

import { deploySuperchain } from "../deploy/deploy.ts";
import { deploymentParamsSchema } from "../deploy/params.ts";
import { devAccount, DEV_ROLES } from "./accounts.ts";
import { DEVNET_CLOSING_MARGIN, type CrosschainDeployment } from "./crosschain.ts";
import { DEVNET_HUB_DEFAULTS, type HubDeployment } from "./deploy.ts";
import { hdPrivateKey } from "./keys.ts";
import type { RunningNode } from "./nodes.ts";

export interface DevnetContracts {
  hub: HubDeployment;
  crosschain: CrosschainDeployment;
  hubStateOracles: Record<number, Address>;
}

/** Deploys every contract of the devnet on its running nodes (the hub first in `nodes`). */
export async function deployDevnetContracts(
  [hubNode, ...memberNodes]: readonly RunningNode[],
  { dataDir, onProgress }: { dataDir: string; onProgress: (line: string) => void },
): Promise<DevnetContracts> {
  const d = DEVNET_HUB_DEFAULTS;
  const params = deploymentParamsSchema.parse({
    hub: { name: hubNode!.name, chainId: hubNode!.chainId, rpcUrl: hubNode!.rpcUrl },
    members: memberNodes.map((node, i) => ({
      name: node.name,
      chainId: node.chainId,
      rpcUrl: node.rpcUrl,
      operator: devAccount(DEV_ROLES.operators[i] ?? DEV_ROLES.deployer).address,
    })),
    council: { owners: DEV_ROLES.councilOwners.map((i) => devAccount(i).address), threshold: 2 },
    token: { name: d.token.name, symbol: d.token.symbol, supply: d.token.supply.toString() },
    governor: { ...d.governor, proposalThreshold: d.governor.proposalThreshold.toString(), quorumNumerator: d.governor.quorumNumerator.toString() },
    timelockDelay: d.timelockDelay.toString(),
    sequencer: { minActivationDelay: d.sequencer.minActivationDelay, approvalWindow: d.sequencer.approvalWindow, blockTimeMs: d.sequencer.defaults.blockTimeMs },
    roots: {
      outputs: { ...d.roots.outputs, maxBlockStep: d.roots.outputs.maxBlockStep.toString() },
      hubStates: { ...d.roots.hubStates, maxBlockStep: d.roots.hubStates.maxBlockStep.toString() },
      minChallengeWindow: d.roots.minChallengeWindow,
    },
    closingMargin: DEVNET_CLOSING_MARGIN,
  });
  const ignitionDir = join(dataDir, "ignition");
  rmSync(ignitionDir, { recursive: true, force: true }); // new chains: an earlier devnet's journal means nothing
  const deployed = await deploySuperchain({ name: "devnet", params, key: { devKey: hdPrivateKey(DEV_ROLES.deployer) }, ignitionDir, showPlan: false, onProgress });
  const blocks = (names: readonly string[]) => Object.fromEntries(names.map((name) => [name, BigInt(deployed.deployBlocks[name] ?? 0)]));
  const { stateProofVerifier, outputOracle, rootSettings, ...governance } = deployed.contracts;
  return {
    hub: {
      contracts: { ...governance, outputOracle, rootSettings },
      council: deployed.council,
      deployer: deployed.deployer,
      deployBlocks: blocks(["SuperchainToken", "SuperchainTimelock", "SuperchainGovernor", "MemberChainRegistry", "SequencerConfigRegistry", "RootSettings", "OutputOracle"]),
    },
    crosschain: {
      stateProofVerifier,
      spokes: Object.fromEntries(Object.entries(deployed.spokes).map(([chainId, { hubStateOracle: _oracle, ...spoke }]) => [chainId, spoke])),
      deployBlocks: blocks(["StateProofVerifier", "SpokeVotePool"]),
    },
    hubStateOracles: Object.fromEntries(Object.entries(deployed.spokes).map(([chainId, spoke]) => [chainId, spoke.hubStateOracle])),
  };
}
