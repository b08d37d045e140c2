import { encodeAbiParameters, hexToBigInt, isAddressEqual, keccak256, slice, toBytes, type Address, type Hex } from "viem";

import {
  buildProposal,
  decodeProposal,
  describeAction,
  type DecodedAction,
  type DescribeContext,
  type GovernanceAction,
  type ProposalInput,
} from "../../governance/index.ts";
import { chainNameOf, currentParameters, type ProposeContext } from "./context.ts";

/** One call of the proposal as the chain will see it, decoded back from its calldata. */
export interface PreviewCall {
  target: Address;
  /** Which contract of the deployment the call goes to. */
  targetName: string;
  selector: Hex;
  data: Hex;
  action: DecodedAction;
  /** The plain sentence a voter reads, with before → after values where known. */
  sentence: string;
}

export interface ProposalPreview {
  input: ProposalInput;
  /** The governor's id for this proposal (`hashProposal`), known before it is sent. */
  proposalId: bigint;
  calls: PreviewCall[];
}

/**
 * The governor's proposal id: `uint256(keccak256(abi.encode(targets, values, calldatas,
 * keccak256(description))))`, as OpenZeppelin's `hashProposal` computes it, so the page can link
 * to the proposal it is about to create.
 */
export function hashProposal(input: Pick<ProposalInput, "targets" | "values" | "calldatas" | "description">): bigint {
  const descriptionHash = keccak256(toBytes(input.description));
  const encoded = encodeAbiParameters(
    [{ type: "address[]" }, { type: "uint256[]" }, { type: "bytes[]" }, { type: "bytes32" }],
    [input.targets, input.values, input.calldatas, descriptionHash],
  );
  return hexToBigInt(keccak256(encoded));
}

/** What `describeAction` needs, from the page's context: chain names, values in force, the token. */
export function describeContext(context: ProposeContext): DescribeContext {
  return {
    chainName: (chainId) => chainNameOf(context, chainId),
    currentParameters: (chainId) => currentParameters(context, chainId),
    token: context.token,
  };
}

function targetName(target: Address, context: ProposeContext): string {
  const names: Array<[Address, string]> = [
    [context.contracts.sequencerConfig, "SequencerConfigRegistry"],
    [context.contracts.memberChains, "MemberChainRegistry"],
    [context.contracts.governor, "SuperchainGovernor"],
    [context.contracts.timelock, "SuperchainTimelock"],
    [context.contracts.token, "SuperchainToken"],
  ];
  return names.find(([address]) => isAddressEqual(address, target))?.[1] ?? "unknown contract";
}

/**
 * Encodes the actions into the proposal the governor will store, then decodes that calldata
 * again and describes it: the preview shows what the chain will see, not what the form meant.
 *
 * @example
 * const { proposalId, calls } = previewProposal([{ kind: "unpause", chainId: 901n }], "# Resume\n", context)
 * calls[0].sentence // "Resume sequencing of base-local (chain 901)"
 */
export function previewProposal(actions: readonly GovernanceAction[], description: string, context: ProposeContext): ProposalPreview {
  const input = buildProposal(actions, description, context.contracts);
  const decoded = decodeProposal(input, context.contracts);
  const describe = describeContext(context);
  const calls = decoded.map((action, i): PreviewCall => {
    const target = input.targets[i]!;
    const data = input.calldatas[i]!;
    return {
      target,
      targetName: targetName(target, context),
      selector: data.length >= 10 ? slice(data, 0, 4) : "0x",
      data,
      action,
      sentence: describeAction(action, describe),
    };
  });
  return { input, proposalId: hashProposal(input), calls };
}
