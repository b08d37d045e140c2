import { decodeFunctionData, encodeAbiParameters, encodeFunctionData, hexToBigInt, isAddressEqual, keccak256, type Address, type Hash, type Hex } from "viem";

import { superchainGovernorAbi } from "../contracts/index.ts";
import type { ProposalStateName } from "../governance/votes.ts";
import type { CouncilCall } from "./types.ts";

/**
 * The council's veto of a governor proposal: `cancel(targets, values, calldatas, descriptionHash)`
 * on the hub governor, sent by the council Safe (the governor's proposal guardian, which
 * OpenZeppelin's `GovernorProposalGuardian` lets cancel any proposal that is not canceled, expired
 * or executed). The proposal is named by its full call, as the governor needs it; `proposalId` is
 * derived from it, never taken on trust.
 */
export interface ProposalVeto {
  kind: "vetoProposal";
  governor: Address;
  proposalId: bigint;
  targets: readonly Address[];
  values: readonly bigint[];
  calldatas: readonly Hex[];
  descriptionHash: Hash;
}

/**
 * The governor's proposal id of a call: `uint256(keccak256(abi.encode(targets, values, calldatas,
 * descriptionHash)))`, as OpenZeppelin's `hashProposal` computes it.
 */
export function proposalIdOf(call: Pick<ProposalVeto, "targets" | "values" | "calldatas" | "descriptionHash">): bigint {
  const encoded = encodeAbiParameters(
    [{ type: "address[]" }, { type: "uint256[]" }, { type: "bytes[]" }, { type: "bytes32" }],
    [call.targets, call.values, call.calldatas, call.descriptionHash],
  );
  return hexToBigInt(keccak256(encoded));
}

/**
 * The veto of the proposal with this call, on `governor`.
 *
 * @example
 * const veto = proposalVeto(governor, { targets, values, calldatas, descriptionHash })
 */
export function proposalVeto(governor: Address, call: Pick<ProposalVeto, "targets" | "values" | "calldatas" | "descriptionHash">): ProposalVeto {
  return { kind: "vetoProposal", governor, proposalId: proposalIdOf(call), targets: call.targets, values: call.values, calldatas: call.calldatas, descriptionHash: call.descriptionHash };
}

/** The Safe call that carries out a veto. */
export function proposalVetoCall(veto: ProposalVeto): CouncilCall {
  return {
    to: veto.governor,
    data: encodeFunctionData({ abi: superchainGovernorAbi, functionName: "cancel", args: [veto.targets, veto.values, veto.calldatas, veto.descriptionHash] }),
  };
}

/**
 * The veto a council Safe transaction carries, or `undefined` when it is anything else (another
 * contract than `governor`, another function). Whether the proposal exists and can still be
 * canceled is the chain's to say (see `classifyCouncilTransaction` in lib/web/council/transactionService).
 */
export function decodeProposalVetoCall(governor: Address, call: { to: Address; data: Hex }): ProposalVeto | undefined {
  if (!isAddressEqual(call.to, governor)) return undefined;
  try {
    const { functionName, args } = decodeFunctionData({ abi: superchainGovernorAbi, data: call.data });
    if (functionName !== "cancel") return undefined;
    const [targets, values, calldatas, descriptionHash] = args;
    return proposalVeto(governor, { targets, values, calldatas, descriptionHash });
  } catch {
    return undefined;
  }
}

/**
 * The sentence a signer reads before signing a veto.
 *
 * @example
 * describeProposalVeto(veto, "Faster blocks on base-local") // "Veto proposal 1234…5678 (Faster blocks on base-local): cancel it before it can be executed"
 */
export function describeProposalVeto(veto: ProposalVeto, title?: string): string {
  const id = veto.proposalId.toString();
  const short = id.length > 12 ? `${id.slice(0, 6)}…${id.slice(-4)}` : id;
  return `Veto proposal ${short}${title ? ` (${title})` : ""}: cancel it before it can be executed`;
}

/**
 * The states in which the app offers and collects a veto: those from which a proposal can still
 * be executed. The governor would also cancel a defeated proposal, but it can never run, so a veto
 * of it would spend the council's nonce on nothing.
 */
export const VETOABLE_STATES: ReadonlySet<ProposalStateName> = new Set(["pending", "active", "succeeded", "queued"]);
