import { encodeFunctionData, type Abi, type Address, type Hex } from "viem";

import { sequencerConfigRegistryAbi, superchainGovernorAbi } from "../../contracts/index.ts";
import { fillParameters, parameterMask } from "../parameters.ts";
import type { GovernanceAction, GovernanceContracts, ProposalCall, ProposalInput, Release } from "./types.ts";

export const RELEASE_KINDS = ["recommended", "required"] as const;

export const toContractRelease = (release: Release) => ({
  major: release.major,
  minor: release.minor,
  patch: release.patch,
  kind: RELEASE_KINDS.indexOf(release.kind),
  digest: release.digest,
});

function call(target: Address, abi: Abi, functionName: string, args: readonly unknown[]): ProposalCall {
  // One untyped seam: each case below passes arguments in the ABI's order, checked by the round-trip tests.
  const data: Hex = encodeFunctionData({ abi, functionName, args } as Parameters<typeof encodeFunctionData>[0]);
  return { target, value: 0n, data };
}

/**
 * The call that carries out `action`, addressed to the right contract.
 *
 * @example
 * encodeAction({ kind: "setParameters", chainId: 901n, changes: { blockTimeMs: 1000 }, requestedActivation: 0n }, contracts)
 */
export function encodeAction(action: GovernanceAction, contracts: GovernanceContracts): ProposalCall {
  const registry = (name: string, args: readonly unknown[]) =>
    call(contracts.sequencerConfig, sequencerConfigRegistryAbi, name, args);
  const governor = (name: string, args: readonly unknown[]) => call(contracts.governor, superchainGovernorAbi, name, args);

  switch (action.kind) {
    case "setParameters":
      return registry("scheduleParameters", [
        action.chainId,
        parameterMask(action.changes),
        fillParameters(action.changes),
        Number(action.requestedActivation),
      ]);
    case "approveRelease":
      return registry("scheduleRelease", [toContractRelease(action.release), Number(action.requestedActivation)]);
    case "replaceCouncil":
      return registry("scheduleCouncil", [action.council, Number(action.requestedActivation)]);
    case "replaceOperator":
      return registry("scheduleOperator", [action.chainId, action.operator, Number(action.requestedActivation)]);
    case "cancelChange":
      return registry("cancelChange", [action.changeId]);
    case "unpause":
      return registry("unpause", [action.chainId]);
    case "updateMinActivationDelay":
      return registry("updateMinActivationDelay", [Number(action.seconds)]);
    case "updateApprovalWindow":
      return registry("updateApprovalWindow", [Number(action.seconds)]);
    case "addChain":
      return registry("scheduleAddChain", [action.chainId, action.name, action.operator, Number(action.requestedActivation)]);
    case "removeChain":
      return registry("scheduleRemoveChain", [action.chainId, Number(action.requestedActivation)]);
    case "setVotingDelay":
      return governor("setVotingDelay", [Number(action.seconds)]);
    case "setVotingPeriod":
      return governor("setVotingPeriod", [Number(action.seconds)]);
    case "setProposalThreshold":
      return governor("setProposalThreshold", [action.amount]);
    case "updateQuorumNumerator":
      return governor("updateQuorumNumerator", [action.percent]);
    case "setLateQuorumVoteExtension":
      return governor("setLateQuorumVoteExtension", [Number(action.seconds)]);
    case "setProposalGuardian":
      return governor("setProposalGuardian", [action.guardian]);
    case "setVoteSource":
      return governor("setVoteSource", [action.chainId, action.source]);
  }
}

/**
 * A governor proposal (targets, values, calldatas, description) carrying `actions` in order.
 *
 * @example
 * const proposal = buildProposal([{ kind: "unpause", chainId: 901n }], "Resume base-local", contracts)
 * await walletClient.writeContract({ address: contracts.governor, abi: superchainGovernorAbi, functionName: "propose", args: [proposal.targets, proposal.values, proposal.calldatas, proposal.description] })
 */
export function buildProposal(
  actions: readonly GovernanceAction[],
  description: string,
  contracts: GovernanceContracts,
): ProposalInput {
  if (actions.length === 0) throw new RangeError("a proposal needs at least one action");
  if (description.trim() === "") throw new RangeError("a proposal needs a description");
  const calls = actions.map((action) => encodeAction(action, contracts));
  return {
    targets: calls.map((c) => c.target),
    values: calls.map((c) => c.value),
    calldatas: calls.map((c) => c.data),
    description,
  };
}
