import {
  BaseError as ViemBaseError,
  parseEventLogs,
  type Abi,
  type Account,
  type Address,
  type Chain,
  type Client,
  type Hash,
  type PublicClient,
  type Transport,
} from "viem";

import { contractErrorsAbi } from "../contracts/generated/errors.ts";
import { spokeVoteAggregatorAbi, spokeVotePoolAbi, superchainGovernorAbi } from "../contracts/index.ts";
import type { VoteTally } from "../governance/votes.ts";
import { writeContractWithHeadroom } from "../rpc/gasHeadroom.ts";
import { revertName } from "../rpc/revertName.ts";
import {
  NothingToRelayError,
  ProofRootMismatchError,
  RelayRevertedError,
  RootNotYetPostedError,
  RootNotYetUsableError,
  TallyAlreadyCountedError,
  UnknownRecordError,
} from "./errors.ts";
import { prepareRelayTally } from "./prepare.ts";

export interface RelayTallyClients {
  /** Reads the hub and waits for the relay's receipt. */
  hub: Pick<PublicClient, "readContract" | "getProof" | "getBlock" | "getBlockNumber" | "getContractEvents" | "getChainId" | "waitForTransactionReceipt">;
  /** The member chain's execution node: reads and proofs. */
  member: Pick<PublicClient, "readContract" | "getProof" | "getBlock" | "getBlockNumber" | "getContractEvents" | "getChainId">;
  /** Sends the relay on the hub; any funded account (relaying is permissionless). */
  wallet: Client<Transport, Chain | undefined, Account>;
}

export interface RelayTallyParameters {
  /** The chain's SpokeVotePool on the hub. */
  pool: Address;
  /** The chain's SpokeVoteAggregator on the member chain. */
  aggregator: Address;
  /** The hub's OutputOracle. */
  outputOracle: Address;
  proposalId: bigint;
}

export interface RelayTallyReturnType {
  transaction: Hash;
  /** The member-chain block whose usable output the tally was proven against. */
  blockNumber: bigint;
  /** The tally as committed at that block. */
  tally: VoteTally;
  /** What the hub counted for the chain after the relay. */
  counted: VoteTally;
}

/** Everything {@link relayTally} throws; branch on the classes. */
export type RelayTallyErrorType =
  | UnknownRecordError
  | NothingToRelayError
  | RootNotYetPostedError
  | RootNotYetUsableError
  | ProofRootMismatchError
  | TallyAlreadyCountedError
  | RelayRevertedError
  | ViemBaseError;

/** The pool's refusals that mean "already counted": someone relayed this tally or a newer one. */
const ALREADY_COUNTED = new Set(["SpokeVotePoolTallyUnchanged", "SpokeVotePoolStaleTally"]);

/**
 * Relays a member chain's tally on one proposal to the hub: the tally at the chain's newest
 * usable output, proven by storage proof; the pool casts only what grew since the last relay.
 * The one relay action: the sequencer's relayer, `superchain relay` and anyone else call it.
 *
 * @throws {UnknownRecordError} when the member chain has not learnt the proposal.
 * @throws {NothingToRelayError} when the committed tally is empty or already counted.
 * @throws {RootNotYetPostedError} (or its {RootNotYetUsableError}) when no output is usable yet.
 * @throws {TallyAlreadyCountedError} when someone else relayed it between our read and our transaction.
 * @throws {RelayRevertedError} when the relay transaction reverted on-chain.
 * @example
 * const { counted } = await relayTally({ hub, member, wallet }, { pool, aggregator, outputOracle, proposalId })
 */
export async function relayTally(clients: RelayTallyClients, parameters: RelayTallyParameters): Promise<RelayTallyReturnType> {
  const { hub, member, wallet } = clients;
  const { aggregator, proposalId } = parameters;
  const [snapshot] = await member.readContract({ address: aggregator, abi: spokeVoteAggregatorAbi, functionName: "proposal", args: [proposalId] });
  if (snapshot === 0) throw new UnknownRecordError(`Proposal ${proposalId} is not learnt on this member chain yet: nobody can vote on it there (learnProposal brings it).`);

  const call = await prepareRelayTally({ hub, member }, parameters);
  let transaction: Hash;
  try {
    transaction = await writeContractWithHeadroom(wallet, {
      address: call.address,
      abi: [...spokeVotePoolAbi, ...contractErrorsAbi] as Abi,
      functionName: call.functionName,
      args: call.args,
      chain: wallet.chain,
    });
  } catch (error) {
    if (ALREADY_COUNTED.has(revertName(error) ?? "")) {
      throw new TallyAlreadyCountedError(`The hub already counted this tally of proposal ${proposalId}: it was relayed by someone else meanwhile.`, { cause: error });
    }
    throw error;
  }
  const receipt = await hub.waitForTransactionReceipt({ hash: transaction });
  if (receipt.status !== "success") throw new RelayRevertedError(`The relay transaction ${transaction} reverted.`);
  const [event] = parseEventLogs({ abi: superchainGovernorAbi, logs: receipt.logs, eventName: "ChainVotesCounted" });
  const counted = event ? { againstVotes: event.args.againstVotes, forVotes: event.args.forVotes, abstainVotes: event.args.abstainVotes } : call.committed.tally;
  return { transaction, blockNumber: call.committed.blockNumber, tally: call.committed.tally, counted };
}
