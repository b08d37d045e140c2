import { getAddress, isAddress, isAddressEqual, isHex, type Address, type Hex } from "viem";
import { z } from "zod";

import { spokeVoteAggregatorAbi, spokeVotePoolAbi } from "../../contracts/index.ts";
import type { PreparedCall, SpokeTally } from "../../crosschain/prepare.ts";
import type { ContractWrite } from "../useTransaction.ts";

/**
 * What `/api/crosschain/<action>` prepares: `learn` brings a hub proposal to a member chain
 * (`SpokeVoteAggregator.learnProposal`, sent on that chain), `relay` counts the chain's committed
 * tally on the hub (`SpokeVotePool.relayTally`, sent on the hub).
 */
export type CrosschainAction = "learn" | "relay";

/** A decimal uint256 as JSON carries it (JSON has no bigints). */
type Uint = string;

/** `learnProposal(proposalId, hubBlockNumber, accountProof, storageProof)` as the API answers it. */
export interface LearnCallJson {
  action: "learn";
  chainId: number;
  address: Address;
  functionName: "learnProposal";
  args: [proposalId: Uint, hubBlockNumber: Uint, accountProof: Hex[], storageProof: Hex[]];
}

/** `relayTally(proposalId, blockNumber, tally, accountProof, storageProof)` as the API answers it. */
export interface RelayCallJson {
  action: "relay";
  chainId: number;
  address: Address;
  functionName: "relayTally";
  args: [proposalId: Uint, blockNumber: Uint, tally: { againstVotes: Uint; forVotes: Uint; abstainVotes: Uint }, accountProof: Hex[], storageProof: Hex[]];
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
    args: [proposalId.toString(), hubBlockNumber.toString(), [...accountProof], [...storageProof]],
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
      [...accountProof],
      [...storageProof],
    ],
  };
}

const uint = z
  .string()
  .regex(/^(?:0|[1-9][0-9]{0,77})$/)
  .transform((value) => BigInt(value));
const address = z
  .string()
  .refine((value) => isAddress(value, { strict: false }))
  .transform((value) => getAddress(value));
// A trie proof of a 256-bit key has at most 64 nibbles' worth of nodes, each under a few KB.
const proof = z.array(z.string().refine((value): value is Hex => isHex(value) && value.length % 2 === 0 && value.length <= 2 + 2 * 4096)).max(64);

const learnSchema = z.object({
  action: z.literal("learn"),
  chainId: z.int().positive(),
  address,
  functionName: z.literal("learnProposal"),
  args: z.tuple([uint, uint, proof, proof]),
});

const relaySchema = z.object({
  action: z.literal("relay"),
  chainId: z.int().positive(),
  address,
  functionName: z.literal("relayTally"),
  args: z.tuple([uint, uint, z.object({ againstVotes: uint, forVotes: uint, abstainVotes: uint }), proof, proof]),
});

export type LearnWrite = ContractWrite<typeof spokeVoteAggregatorAbi, "learnProposal">;
export type RelayWrite = ContractWrite<typeof spokeVotePoolAbi, "relayTally">;

/** What the browser expects the API to have prepared: the call is refused unless it matches. */
export interface ExpectedCall {
  chainId: number;
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
  if (chainId !== expected.chainId || !isAddressEqual(target, expected.address) || proposalId !== expected.proposalId) return undefined;
  return { chainId, address: target, abi: spokeVoteAggregatorAbi, functionName: "learnProposal", args: [proposalId, hubBlockNumber, accountProof, storageProof] };
}

/** The API's `relay` answer back to a contract write, checked like {@link learnWriteFromJson}. */
export function relayWriteFromJson(json: unknown, expected: ExpectedCall): RelayWrite | undefined {
  const parsed = relaySchema.safeParse(json);
  if (!parsed.success) return undefined;
  const { chainId, address: target, args } = parsed.data;
  const [proposalId, blockNumber, tally, accountProof, storageProof] = args as [bigint, bigint, SpokeTally, Hex[], Hex[]];
  if (chainId !== expected.chainId || !isAddressEqual(target, expected.address) || proposalId !== expected.proposalId) return undefined;
  return { chainId, address: target, abi: spokeVotePoolAbi, functionName: "relayTally", args: [proposalId, blockNumber, tally, accountProof, storageProof] };
}

/** Why the API refused: the code clients branch on, with its HTTP status. */
export const CROSSCHAIN_REFUSALS = {
  malformed: 400,
  unknown_chain: 404,
  no_spoke: 404,
  unknown_proposal: 404,
  /** learn: the chain already knows the proposal. */
  already_known: 409,
  /** The proposal is not open for voting on the hub (learn: closed; relay: not active). */
  not_open: 409,
  /** relay: the chain has not learnt the proposal, so it has no tally. */
  not_on_chain: 409,
  /** The other chain holds no commitment covering what must be proven yet: wait for the next. */
  not_yet_provable: 409,
  /** relay: the hub already counted the chain's tally and the chain has no newer vote. */
  nothing_to_relay: 409,
  unavailable: 503,
  chain_unreachable: 502,
  proof_mismatch: 502,
  internal: 500,
} as const;
export type CrosschainRefusalCode = keyof typeof CROSSCHAIN_REFUSALS;

/** The API's refusal body. `committedBlock`: the newest source block the destination holds (null: none). */
export interface CrosschainRefusalJson {
  error: { code: CrosschainRefusalCode; message: string; committedBlock?: string | null };
}
