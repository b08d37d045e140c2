import { type Address, type Hex, type PublicClient } from "viem";

import { spokeTokenAbi, spokeVoteAggregatorAbi, superchainGovernorAbi } from "../../../contracts/index.ts";
import { ballotTypedData, domainOf, type BallotContract } from "../../../governance/bySignature.ts";
import { PROPOSAL_STATES } from "../../../governance/votes.ts";
import { requireVotingMember } from "../../provenCalls/http.ts";
import { SPOKE_STATES } from "../../proposals/types.ts";
import type { RelayVoteRequest } from "../../relay/wire.ts";
import type { Deployment } from "../deployment.ts";
import { refuseRelay, RelayApiError } from "./errors.ts";
import type { RelayCall } from "./send.ts";

/** What the counting contract says about the voter and the proposal, read in one multicall. */
interface BallotStanding {
  contract: BallotContract;
  address: Address;
  /** The proposal's state there, by name; undefined: the contract does not know it. */
  state: string | undefined;
  hasVoted: boolean;
  nonce: bigint;
  domain: ReturnType<typeof domainOf>;
  /** The voter's weight at the snapshot; undefined while the snapshot lies ahead. */
  weight: bigint | undefined;
}

const value = <T>(read: { status: "success"; result: T } | { status: "failure"; error: Error }): T | undefined => (read.status === "success" ? read.result : undefined);

async function hubStanding(client: PublicClient, governor: Address, { proposalId, voter }: RelayVoteRequest): Promise<BallotStanding> {
  const contract = { address: governor, abi: superchainGovernorAbi } as const;
  const [state, snapshot, hasVoted, nonce, domain] = await client.multicall({
    allowFailure: true,
    contracts: [
      { ...contract, functionName: "state", args: [proposalId] },
      { ...contract, functionName: "proposalSnapshot", args: [proposalId] },
      { ...contract, functionName: "hasVoted", args: [proposalId, voter] },
      { ...contract, functionName: "nonces", args: [voter] },
      { ...contract, functionName: "eip712Domain" },
    ],
  });
  const known = value(state);
  const at = value(snapshot);
  const weight =
    known === undefined || at === undefined || at === 0n || PROPOSAL_STATES[known] === "pending"
      ? undefined
      : await client.readContract({ ...contract, functionName: "getVotes", args: [voter, at] });
  return {
    contract: "governor",
    address: governor,
    state: known === undefined || at === 0n ? undefined : PROPOSAL_STATES[known],
    hasVoted: value(hasVoted) ?? false,
    nonce: needed(value(nonce), "nonces"),
    domain: domainOf(needed(value(domain), "eip712Domain")),
    weight,
  };
}

async function spokeStanding(client: PublicClient, spoke: { aggregator: Address; token: Address }, { proposalId, voter }: RelayVoteRequest): Promise<BallotStanding> {
  const contract = { address: spoke.aggregator, abi: spokeVoteAggregatorAbi } as const;
  const [state, proposal, hasVoted, nonce, domain] = await client.multicall({
    allowFailure: true,
    contracts: [
      { ...contract, functionName: "state", args: [proposalId] },
      { ...contract, functionName: "proposal", args: [proposalId] },
      { ...contract, functionName: "hasVoted", args: [proposalId, voter] },
      { ...contract, functionName: "nonces", args: [voter] },
      { ...contract, functionName: "eip712Domain" },
    ],
  });
  const name = SPOKE_STATES[needed(value(state), "state")];
  const snapshot = BigInt(needed(value(proposal), "proposal")[0]);
  const weight = name === "active" || name === "closed" ? await client.readContract({ address: spoke.token, abi: spokeTokenAbi, functionName: "getPastVotes", args: [voter, snapshot] }) : undefined;
  return {
    contract: "aggregator",
    address: spoke.aggregator,
    state: name === "unknown" ? undefined : name,
    hasVoted: value(hasVoted) ?? false,
    nonce: needed(value(nonce), "nonces"),
    domain: domainOf(needed(value(domain), "eip712Domain")),
    weight,
  };
}

function needed<T>(read: T | undefined, what: string): T {
  if (read === undefined) throw new RelayApiError("chain_unreachable", `Could not read ${what} from the chain.`);
  return read;
}

/**
 * Checks a signed ballot against the chain that counts it — known and open proposal, no earlier
 * vote, the voter's current nonce, a signature that is the voter's (ECDSA or ERC-1271), voting
 * power at the snapshot — and gives the call that casts it. Nothing is sent here.
 *
 * @throws {RelayApiError} `unknown_chain`, `no_spoke`, `unknown_proposal`, `already_voted`, `not_open`,
 *   `stale_nonce`, `future_nonce`, `invalid_signature`, `no_voting_power`, `chain_unreachable`.
 */
export async function prepareRelayedVote(deployment: Deployment, request: RelayVoteRequest): Promise<RelayCall> {
  const { chainId, proposalId, support, voter, reason, nonce, signature } = request;
  const hub = chainId === deployment.manifest.hub.chainId;
  const member = hub ? undefined : requireVotingMember(deployment, chainId, refuseRelay, "no_spoke");
  const client = deployment.client(chainId);
  const where = member ? member.chain.name : "the hub";
  let standing: BallotStanding;
  try {
    standing = member ? await spokeStanding(client, member.spoke, request) : await hubStanding(client, deployment.manifest.contracts.governor, request);
  } catch (cause) {
    if (cause instanceof RelayApiError) throw cause;
    throw new RelayApiError("chain_unreachable", `Could not read ${where} (chain ${chainId}).`, { cause });
  }
  if (standing.state === undefined) throw new RelayApiError("unknown_proposal", `${where} has no proposal ${proposalId}${hub ? "" : ": bring it there first"}.`);
  if (standing.hasVoted) throw new RelayApiError("already_voted", `${voter} has already voted on proposal ${proposalId} on ${where}.`);
  if (standing.state !== "active") throw new RelayApiError("not_open", `Voting on ${where} is not open: the proposal is ${standing.state} there.`);
  if (nonce < standing.nonce) throw new RelayApiError("stale_nonce", `The ballot was signed with nonce ${nonce}, but ${voter}'s nonce is ${standing.nonce}: that signature was used or replaced.`);
  if (nonce > standing.nonce) throw new RelayApiError("future_nonce", `The ballot was signed with nonce ${nonce}, but ${voter}'s nonce is ${standing.nonce}.`);
  const typedData = ballotTypedData(standing.contract, standing.domain, { proposalId, support, voter, nonce, reason });
  const valid = await client.verifyTypedData({ address: voter, signature, ...typedData } as unknown as Parameters<PublicClient["verifyTypedData"]>[0]).catch(() => false);
  if (!valid) throw new RelayApiError("invalid_signature", `The signature is not ${voter}'s over this ballot (proposal ${proposalId}, support ${support}, nonce ${nonce}${reason ? ", with its reason" : ""}) for ${where}.`);
  if (standing.weight === 0n) throw new RelayApiError("no_voting_power", `${voter} had no voting power on ${where} at the proposal's snapshot: the vote would count nothing.`);
  return { chainId, dedupeKey: `vote:${chainId}:${standing.address}:${voter}:${nonce}`, write: ballotWrite(standing, request) };
}

function ballotWrite({ contract, address }: BallotStanding, { proposalId, support, voter, reason, signature }: RelayVoteRequest): RelayCall["write"] {
  if (contract === "governor") {
    return reason === ""
      ? { address, abi: superchainGovernorAbi, functionName: "castVoteBySig", args: [proposalId, support, voter, signature] }
      : { address, abi: superchainGovernorAbi, functionName: "castVoteWithReasonAndParamsBySig", args: [proposalId, support, voter, reason, "0x" as Hex, signature] };
  }
  return reason === ""
    ? { address, abi: spokeVoteAggregatorAbi, functionName: "castVoteBySig", args: [proposalId, support, voter, signature] }
    : { address, abi: spokeVoteAggregatorAbi, functionName: "castVoteWithReasonBySig", args: [proposalId, support, voter, reason, signature] };
}
