import type { Address, Hex } from "viem";
import * as z from "zod/mini";

import { spokeVoteAggregatorAbi, spokeVotePoolAbi } from "../../contracts/index.ts";
import type { PreparedCall, SpokeTally } from "../../crosschain/prepare.ts";
import { COMMON_REFUSALS, type RefusalJson } from "../provenCalls/errors.ts";
import { addressJson, chainIdJson, isExpectedTarget, proofJson, proofToJson, uintJson, type ExpectedTarget, type UintJson } from "../provenCalls/wire.ts";
import type { ContractWrite } from "../useTransaction.ts";

/**
 * What `/api/crosschain/<action>` prepares: `learn` brings a hub proposal to a member chain
 * (`SpokeVoteAggregator.learnProposal`, sent on that chain), `relay` counts the chain's committed
 * tally on the hub (`SpokeVotePool.relayTally`, sent on the hub).
 */
export type CrosschainAction = "learn" | "relay";

/** `learnProposal(proposalId, hubBlockNumber, accountProof, storageProof)` as the API answers it. */
export interface LearnCallJson {
  action: "learn";
  chainId: number;
  address: Address;
  functionName: "learnProposal";
  args: [proposalId: UintJson, hubBlockNumber: UintJson, accountProof: Hex[], storageProof: Hex[]];
}

/** `relayTally(proposalId, blockNumber, tally, accountProof, storageProof)` as the API answers it. */
export interface RelayCallJson {
  action: "relay";
  chainId: number;
  address: Address;
  functionName: "relayTally";
  args: [proposalId: UintJson, blockNumber: UintJson, tally: { againstVotes: UintJson; forVotes: UintJson; abstainVotes: UintJson }, accountProof: Hex[], storageProof: Hex[]];
}

export type CrosschainCallJson = LearnCallJson | RelayCallJson;

/** The API's JSON for a call `prepareLearnProposal` returned. */
export function learnCallToJson(call: PreparedCall): LearnCallJson {
  const [proposalId, hubBlockNumber, accountProof, storageProof] = call.args as [bigint, bigint, Hex[], Hex[]];
  return {
    action: "learn",
    chainId: call.chainId,
    address: call.address,
    functionName: "learnProposal",
    args: [proposalId.toString(), hubBlockNumber.toString(), proofToJson(accountProof), proofToJson(storageProof)],
  };
}

/** The API's JSON for a call `prepareRelayTally` returned. */
export function relayCallToJson(call: PreparedCall): RelayCallJson {
  const [proposalId, blockNumber, tally, accountProof, storageProof] = call.args as [bigint, bigint, SpokeTally, Hex[], Hex[]];
  return {
    action: "relay",
    chainId: call.chainId,
    address: call.address,
    functionName: "relayTally",
    args: [
      proposalId.toString(),
      blockNumber.toString(),
      { againstVotes: tally.againstVotes.toString(), forVotes: tally.forVotes.toString(), abstainVotes: tally.abstainVotes.toString() },
      proofToJson(accountProof),
      proofToJson(storageProof),
    ],
  };
}

const learnSchema = z.object({
  action: z.literal("learn"),
  chainId: chainIdJson,
  address: addressJson,
  functionName: z.literal("learnProposal"),
  args: z.tuple([uintJson, uintJson, proofJson, proofJson]),
});

const relaySchema = z.object({
  action: z.literal("relay"),
  chainId: chainIdJson,
  address: addressJson,
  functionName: z.literal("relayTally"),
  args: z.tuple([uintJson, uintJson, z.object({ againstVotes: uintJson, forVotes: uintJson, abstainVotes: uintJson }), proofJson, proofJson]),
});

export type LearnWrite = ContractWrite<typeof spokeVoteAggregatorAbi, "learnProposal">;
export type RelayWrite = ContractWrite<typeof spokeVotePoolAbi, "relayTally">;

/** What the browser expects the API to have prepared: the call is refused unless it matches. */
export interface ExpectedCall extends ExpectedTarget {
  /** The aggregator on the member chain (learn) or the chain's pool on the hub (relay). */
  address: Address;
  proposalId: bigint;
}

/**
 * The API's `learn` answer back to a contract write, checked against what the page asked for —
 * chain, contract and proposal — so a confused or tampered answer never asks the wallet to sign
 * something else. Undefined when it does not match.
 */
export function learnWriteFromJson(json: unknown, expected: ExpectedCall): LearnWrite | undefined {
  const parsed = learnSchema.safeParse(json);
  if (!parsed.success) return undefined;
  const { chainId, address: target, args } = parsed.data;
  const [proposalId, hubBlockNumber, accountProof, storageProof] = args as [bigint, bigint, Hex[], Hex[]];
  if (!isExpectedTarget({ chainId, address: target }, expected) || proposalId !== expected.proposalId) return undefined;
  return { chainId, address: target, abi: spokeVoteAggregatorAbi, functionName: "learnProposal", args: [proposalId, hubBlockNumber, accountProof, storageProof] };
}

/** The API's `relay` answer back to a contract write, checked like {@link learnWriteFromJson}. */
export function relayWriteFromJson(json: unknown, expected: ExpectedCall): RelayWrite | undefined {
  const parsed = relaySchema.safeParse(json);
  if (!parsed.success) return undefined;
  const { chainId, address: target, args } = parsed.data;
  const [proposalId, blockNumber, tally, accountProof, storageProof] = args as [bigint, bigint, SpokeTally, Hex[], Hex[]];
  if (!isExpectedTarget({ chainId, address: target }, expected) || proposalId !== expected.proposalId) return undefined;
  return { chainId, address: target, abi: spokeVotePoolAbi, functionName: "relayTally", args: [proposalId, blockNumber, tally, accountProof, storageProof] };
}

/** Why the API refused: the code clients branch on, with its HTTP status. */
export const CROSSCHAIN_REFUSALS = {
  ...COMMON_REFUSALS,
  /** The chain is the hub, or a member without cross-chain voting (spoke). */
  no_spoke: 404,
  unknown_proposal: 404,
  /** learn: the chain already knows the proposal. */
  already_known: 409,
  /** The proposal is not open for voting on the hub (learn: closed; relay: not active). */
  not_open: 409,
  /** relay: the chain has not learnt the proposal, so it has no tally. */
  not_on_chain: 409,
  /** relay: the hub already counted the chain's tally and the chain has no newer vote. */
  nothing_to_relay: 409,
} as const;
export type CrosschainRefusalCode = keyof typeof CROSSCHAIN_REFUSALS;

/** The API's refusal body. `committedBlock`: the newest source block the destination holds (null: none). */
export type CrosschainRefusalJson = RefusalJson<CrosschainRefusalCode>;
