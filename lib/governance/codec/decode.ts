import { decodeFunctionData, isAddressEqual, slice, type Abi, type Address, type Hex } from "viem";

import { sequencerConfigRegistryAbi, superchainGovernorAbi } from "../../contracts/index.ts";
import { pickMasked, type SequencerParameters } from "../parameters.ts";
import { RELEASE_KINDS } from "./encode.ts";
import type { DecodedAction, GovernanceAction, GovernanceContracts, ProposalCall, UnknownAction } from "./types.ts";

type Args = readonly unknown[];

const big = (value: unknown) => BigInt(value as bigint | number);

const REGISTRY: Record<string, (args: Args) => GovernanceAction> = {
  scheduleParameters: ([chainId, mask, parameters, at]) => ({
    kind: "setParameters",
    chainId: big(chainId),
    changes: pickMasked(parameters as SequencerParameters, Number(mask)),
    requestedActivation: big(at),
  }),
  scheduleRelease: ([release, at]) => {
    const r = release as { major: number; minor: number; patch: number; kind: number; digest: Hex };
    const kind = RELEASE_KINDS[r.kind];
    if (kind === undefined) throw new RangeError(`unknown release kind ${r.kind}`);
    return {
      kind: "approveRelease",
      release: { major: r.major, minor: r.minor, patch: r.patch, kind, digest: r.digest },
      requestedActivation: big(at),
    };
  },
  scheduleCouncil: ([council, at]) => ({ kind: "replaceCouncil", council: council as Address, requestedActivation: big(at) }),
  scheduleOperator: ([chainId, operator, at]) => ({
    kind: "replaceOperator",
    chainId: big(chainId),
    operator: operator as Address,
    requestedActivation: big(at),
  }),
  scheduleAddChain: ([chainId, name, operator, at]) => ({
    kind: "addChain",
    chainId: big(chainId),
    name: name as string,
    operator: operator as Address,
    requestedActivation: big(at),
  }),
  scheduleRemoveChain: ([chainId, at]) => ({ kind: "removeChain", chainId: big(chainId), requestedActivation: big(at) }),
  cancelChange: ([changeId]) => ({ kind: "cancelChange", changeId: big(changeId) }),
  unpause: ([chainId]) => ({ kind: "unpause", chainId: big(chainId) }),
  updateMinActivationDelay: ([seconds]) => ({ kind: "updateMinActivationDelay", seconds: big(seconds) }),
  updateApprovalWindow: ([seconds]) => ({ kind: "updateApprovalWindow", seconds: big(seconds) }),
};

const GOVERNOR: Record<string, (args: Args) => GovernanceAction> = {
  setVotingDelay: ([s]) => ({ kind: "setVotingDelay", seconds: big(s) }),
  setVotingPeriod: ([s]) => ({ kind: "setVotingPeriod", seconds: big(s) }),
  setProposalThreshold: ([amount]) => ({ kind: "setProposalThreshold", amount: big(amount) }),
  updateQuorumNumerator: ([percent]) => ({ kind: "updateQuorumNumerator", percent: big(percent) }),
  setLateQuorumVoteExtension: ([s]) => ({ kind: "setLateQuorumVoteExtension", seconds: big(s) }),
  setProposalGuardian: ([guardian]) => ({ kind: "setProposalGuardian", guardian: guardian as Address }),
  setVoteSource: ([chainId, source]) => ({ kind: "setVoteSource", chainId: big(chainId), source: source as Address }),
};

function unknownCall({ target, value, data }: ProposalCall): UnknownAction {
  const selector = data.length >= 10 ? slice(data, 0, 4) : "0x";
  const body = data.length > 10 ? data.slice(10) : "";
  const words: Hex[] = [];
  for (let i = 0; i < body.length; i += 64) words.push(`0x${body.slice(i, i + 64)}`);
  return { kind: "unknown", target, value, selector, words, data };
}

/**
 * The typed action a proposal call performs, or an {@link UnknownAction} carrying its target,
 * selector and raw argument words when the call is not one the codec knows. Never throws for
 * foreign calldata: voters must always see what a proposal does.
 */
export function decodeCall(call: ProposalCall, contracts: GovernanceContracts): DecodedAction {
  const table: Array<[Address, Abi, Record<string, (args: Args) => GovernanceAction>]> = [
    [contracts.sequencerConfig, sequencerConfigRegistryAbi, REGISTRY],
    [contracts.governor, superchainGovernorAbi, GOVERNOR],
  ];
  const match = table.find(([address]) => isAddressEqual(address, call.target));
  if (!match || call.value !== 0n) return unknownCall(call);
  const [, abi, decoders] = match;
  try {
    const { functionName, args } = decodeFunctionData({ abi, data: call.data });
    const decode = decoders[functionName];
    return decode ? decode(args ?? []) : unknownCall(call);
  } catch {
    return unknownCall(call);
  }
}

/** Every call of a proposal decoded, in order. */
export function decodeProposal(
  proposal: { targets: readonly Address[]; values: readonly bigint[]; calldatas: readonly Hex[] },
  contracts: GovernanceContracts,
): DecodedAction[] {
  return proposal.targets.map((target, i) =>
    decodeCall({ target, value: proposal.values[i] ?? 0n, data: proposal.calldatas[i] ?? "0x" }, contracts),
  );
}
