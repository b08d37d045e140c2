import { governanceContracts, memberChains } from "../../chains/index.ts";
import { sequencerConfigRegistryAbi, superchainGovernorAbi, superchainTimelockAbi, superchainTokenAbi } from "../../contracts/index.ts";
import type { Deployment } from "../server/deployment.ts";
import type { ProposeContext } from "./context.ts";

/**
 * Reads everything the new-proposal form validates against, concurrently (one Multicall3 call and
 * one block read on the hub): the registry's parameter bounds and setting limits, the parameters
 * in force for the default and each member chain, the governor's settings and the token.
 */
export async function loadProposeContext(deployment: Deployment): Promise<ProposeContext> {
  const { manifest, hub } = deployment;
  const contracts = { ...governanceContracts(manifest), token: manifest.contracts.token };
  const registry = { address: contracts.sequencerConfig, abi: sequencerConfigRegistryAbi } as const;
  const governor = { address: contracts.governor, abi: superchainGovernorAbi } as const;
  const token = { address: contracts.token, abi: superchainTokenAbi } as const;
  const members = memberChains(manifest);
  const scopes = [0, ...members.map((chain) => chain.chainId)];

  const [
    parameterBounds,
    configs,
    [minActivationDelay, approvalWindow, maxActivationDelay, minApprovalWindow, maxApprovalWindow, maxActivationLead],
    [votingDelay, votingPeriod, proposalThreshold, quorumNumerator, quorumDenominator, lateQuorumVoteExtension, proposalGuardian],
    timelockDelay,
    [symbol, decimals],
    block,
  ] = await Promise.all([
    hub.readContract({ ...registry, functionName: "parameterBounds" }),
    Promise.all(scopes.map((scope) => hub.readContract({ ...registry, functionName: "currentConfig", args: [BigInt(scope)] }))),
    Promise.all([
      hub.readContract({ ...registry, functionName: "minActivationDelay" }),
      hub.readContract({ ...registry, functionName: "approvalWindow" }),
      hub.readContract({ ...registry, functionName: "MAX_ACTIVATION_DELAY" }),
      hub.readContract({ ...registry, functionName: "MIN_APPROVAL_WINDOW" }),
      hub.readContract({ ...registry, functionName: "MAX_APPROVAL_WINDOW" }),
      hub.readContract({ ...registry, functionName: "MAX_ACTIVATION_LEAD" }),
    ]),
    Promise.all([
      hub.readContract({ ...governor, functionName: "votingDelay" }),
      hub.readContract({ ...governor, functionName: "votingPeriod" }),
      hub.readContract({ ...governor, functionName: "proposalThreshold" }),
      hub.readContract({ ...governor, functionName: "quorumNumerator" }),
      hub.readContract({ ...governor, functionName: "quorumDenominator" }),
      hub.readContract({ ...governor, functionName: "lateQuorumVoteExtension" }),
      hub.readContract({ ...governor, functionName: "proposalGuardian" }),
    ]),
    hub.readContract({ address: contracts.timelock, abi: superchainTimelockAbi, functionName: "getMinDelay" }),
    Promise.all([hub.readContract({ ...token, functionName: "symbol" }), hub.readContract({ ...token, functionName: "decimals" })]),
    hub.getBlock({ blockTag: "latest" }),
  ]);

  return {
    hubChainId: manifest.hub.chainId,
    contracts,
    chains: members.map((chain) => ({ chainId: chain.chainId, name: chain.name })),
    parameterBounds,
    current: configs.map((config, i) => ({ scope: scopes[i]!, parameters: config.parameters })),
    registry: {
      minActivationDelay: BigInt(minActivationDelay),
      approvalWindow: BigInt(approvalWindow),
      maxActivationDelay: BigInt(maxActivationDelay),
      minApprovalWindow: BigInt(minApprovalWindow),
      maxApprovalWindow: BigInt(maxApprovalWindow),
      maxActivationLead: BigInt(maxActivationLead),
    },
    governor: {
      votingDelay,
      votingPeriod,
      proposalThreshold,
      quorumNumerator,
      quorumDenominator,
      lateQuorumVoteExtension: BigInt(lateQuorumVoteExtension),
      proposalGuardian,
      timelockDelay,
    },
    token: { symbol, decimals },
    now: block.timestamp,
  };
}
