import type { VotingMember } from "../../chains/index.ts";
import { spokeVoteAggregatorAbi, spokeVotePoolAbi, superchainGovernorAbi } from "../../contracts/index.ts";
import {
  newestUsableHubState,
  newestUsableOutput,
  NothingToRelayError,
  prepareLearnProposal,
  prepareRelayTally,
  ProofRootMismatchError,
  RootNotYetPostedError,
} from "../../crosschain/index.ts";
import { ProvenCallError, type ProvenCallErrorOptions } from "../provenCalls/errors.ts";
import { answerProvenCall, requireVotingMember } from "../provenCalls/http.ts";
import { chainIdParam, strictQuery, uint256Param } from "../provenCalls/query.ts";
import type { Deployment } from "../server/deployment.ts";
import {
  CROSSCHAIN_REFUSALS,
  learnCallToJson,
  relayCallToJson,
  type CrosschainAction,
  type CrosschainRefusalCode,
  type LearnCallJson,
  type RelayCallJson,
} from "./crosschainWire.ts";
import { PROPOSAL_STATES } from "./types.ts";

/**
 * A refusal of `/api/crosschain/*`: `{ error: { code, message } }` with the code's HTTP status.
 * `committedBlock` tells a not-yet-provable call's newest committed source block.
 */
export class CrosschainApiError extends ProvenCallError<CrosschainRefusalCode> {
  override name = "CrosschainApiError";

  constructor(code: CrosschainRefusalCode, message: string, options: ProvenCallErrorOptions = {}) {
    super(CROSSCHAIN_REFUSALS, code, message, options);
  }
}

const refuse = (code: CrosschainRefusalCode, message: string, options?: ProvenCallErrorOptions) => new CrosschainApiError(code, message, options);
const malformed = (message: string) => refuse("malformed", message);

/** Which proposal, on which member chain. */
export interface CrosschainQuery {
  chainId: number;
  proposalId: bigint;
}

/**
 * Reads `?chainId=<member>&proposalId=<uint256>` strictly: each parameter once, no others,
 * decimal numbers without sign or leading zeros, so a typo is refused instead of proving
 * something else.
 *
 * @throws {CrosschainApiError} `malformed` for anything else.
 * @example
 * parseCrosschainQuery(new URLSearchParams("chainId=901&proposalId=42")) // { chainId: 901, proposalId: 42n }
 */
export function parseCrosschainQuery(params: URLSearchParams): CrosschainQuery {
  const values = strictQuery(params, ["chainId", "proposalId"], malformed);
  const chainId = chainIdParam(values.chainId);
  if (chainId === undefined) throw malformed("Pass chainId as the member chain's id, a positive integer.");
  const proposalId = uint256Param(values.proposalId);
  if (proposalId === undefined) throw malformed("Pass proposalId as the proposal's decimal id, a non-negative integer below 2^256.");
  return { chainId, proposalId };
}

/** The proposal's hub state and its standing on the member chain, in one round trip per chain. */
async function standing(deployment: Deployment, voting: VotingMember, proposalId: bigint) {
  const governor = { address: voting.governor, abi: superchainGovernorAbi } as const;
  const [snapshot, hubState, spokeState] = await Promise.all([
    deployment.hub.readContract({ ...governor, functionName: "proposalSnapshot", args: [proposalId] }),
    deployment.hub.readContract({ ...governor, functionName: "state", args: [proposalId] }).catch(() => undefined),
    deployment.client(voting.chain.chainId).readContract({ address: voting.spoke.aggregator, abi: spokeVoteAggregatorAbi, functionName: "state", args: [proposalId] }),
  ]);
  if (snapshot === 0n || hubState === undefined) throw new CrosschainApiError("unknown_proposal", `The hub governor has no proposal ${proposalId}.`);
  return { hubState: PROPOSAL_STATES[hubState] ?? "pending", known: spokeState !== 0 };
}

const proofMismatch = (error: ProofRootMismatchError) => new CrosschainApiError("proof_mismatch", error.shortMessage, { cause: error });

/**
 * `SpokeVoteAggregator.learnProposal` for a member chain, proven on the server (the browser
 * never asks a node for `eth_getProof`) against the newest hub state the chain holds.
 *
 * @throws {CrosschainApiError} `unknown_chain`, `no_spoke`, `unknown_proposal`, `already_known`,
 * `not_open` (the proposal is no longer open on the hub), `not_yet_provable` (the chain's newest
 * hub state predates the proposal; with that hub block), `proof_mismatch`.
 * @example
 * const call = await prepareLearnJson(deployment, { chainId: 901, proposalId })
 */
export async function prepareLearnJson(deployment: Deployment, { chainId, proposalId }: CrosschainQuery): Promise<LearnCallJson> {
  const voting = requireVotingMember(deployment, chainId, refuse, "no_spoke");
  const { hubState, known } = await standing(deployment, voting, proposalId);
  if (known) throw new CrosschainApiError("already_known", `${voting.chain.name} already knows proposal ${proposalId}.`);
  if (hubState !== "pending" && hubState !== "active") throw new CrosschainApiError("not_open", `The proposal is ${hubState} on the hub: there is nothing left to vote on.`);
  const member = deployment.client(chainId);
  try {
    const call = await prepareLearnProposal(
      { hub: deployment.hub, member },
      { governor: voting.governor, aggregator: voting.spoke.aggregator, hubStateOracle: voting.hubStateOracle, proposalId },
    );
    return learnCallToJson(call);
  } catch (error) {
    if (error instanceof RootNotYetPostedError) {
      const held = await newestUsableHubState(member, voting.hubStateOracle).then((state) => state.blockNumber, () => null);
      const where = held === null ? `${voting.chain.name} holds no hub state yet` : `${voting.chain.name} holds the hub's state up to block ${held}, before the proposal`;
      throw new CrosschainApiError("not_yet_provable", `Waiting for the next hub state: ${where}. The sequencer posts one every commitment interval.`, { committedBlock: held, cause: error });
    }
    if (error instanceof ProofRootMismatchError) throw proofMismatch(error);
    throw error;
  }
}

const sameTally = (a: readonly [bigint, bigint, bigint], b: { againstVotes: bigint; forVotes: bigint; abstainVotes: bigint }) =>
  a[0] === b.againstVotes && a[1] === b.forVotes && a[2] === b.abstainVotes;

/**
 * `SpokeVotePool.relayTally` for a member chain's tally, proven on the server against the
 * chain's newest output committed on the hub. Anyone may send it.
 *
 * @throws {CrosschainApiError} `unknown_chain`, `no_spoke`, `unknown_proposal`, `not_open` (not
 * active on the hub), `not_on_chain` (the chain never learnt it), `not_yet_provable` (the chain
 * has votes its committed output does not cover yet; with that output's block),
 * `nothing_to_relay` (the hub counted everything), `proof_mismatch`.
 * @example
 * const call = await prepareRelayJson(deployment, { chainId: 901, proposalId })
 */
export async function prepareRelayJson(deployment: Deployment, { chainId, proposalId }: CrosschainQuery): Promise<RelayCallJson> {
  const voting = requireVotingMember(deployment, chainId, refuse, "no_spoke");
  const { hubState, known } = await standing(deployment, voting, proposalId);
  if (hubState !== "active") throw new CrosschainApiError("not_open", `The proposal is ${hubState} on the hub: tallies are counted only while it is active.`);
  if (!known) throw new CrosschainApiError("not_on_chain", `${voting.chain.name} has not learnt proposal ${proposalId}: it has no votes to relay.`);
  const member = deployment.client(chainId);
  const contracts = { pool: voting.spoke.pool, aggregator: voting.spoke.aggregator, outputOracle: voting.outputOracle, proposalId };
  try {
    return relayCallToJson(await prepareRelayTally({ hub: deployment.hub, member }, contracts));
  } catch (error) {
    if (error instanceof NothingToRelayError || error instanceof RootNotYetPostedError) {
      // Did the chain vote after its committed output? Then waiting helps; otherwise nothing will.
      const [now, [relayed], committed] = await Promise.all([
        member.readContract({ address: voting.spoke.aggregator, abi: spokeVoteAggregatorAbi, functionName: "proposalVotes", args: [proposalId] }),
        deployment.hub.readContract({ address: voting.spoke.pool, abi: spokeVotePoolAbi, functionName: "relayedTally", args: [proposalId] }),
        newestUsableOutput(deployment.hub, voting.outputOracle, chainId).then((output) => output.blockNumber, () => null),
      ]);
      if (!sameTally(now, relayed)) {
        const where = committed === null ? `the hub holds no output of ${voting.chain.name} yet` : `the hub holds ${voting.chain.name}'s output up to block ${committed}`;
        throw new CrosschainApiError("not_yet_provable", `Waiting for the next commitment: ${voting.chain.name} has votes newer than its committed output (${where}).`, {
          committedBlock: committed,
          cause: error,
        });
      }
      throw new CrosschainApiError("nothing_to_relay", `The hub already counts ${voting.chain.name}'s whole tally on this proposal.`, { cause: error });
    }
    if (error instanceof ProofRootMismatchError) throw proofMismatch(error);
    throw error;
  }
}

const PREPARE = { learn: prepareLearnJson, relay: prepareRelayJson } satisfies Record<CrosschainAction, (d: Deployment, q: CrosschainQuery) => Promise<unknown>>;

/**
 * `GET /api/crosschain/learn|relay?chainId=901&proposalId=…`: the prepared call as JSON
 * (`{ call }`, bigints as decimal strings), or `{ error: { code, message } }` with 400/404 for
 * malformed or unknown input, 409 while not provable yet or when there is nothing to do, 502/503
 * when the chains or the deployment are not there.
 */
export function getCrosschainCall(action: CrosschainAction, request: Request): Promise<Response> {
  return answerProvenCall(request, { parse: parseCrosschainQuery, prepare: PREPARE[action], refuse, name: `crosschain ${action} API`, failed: "Preparing the call failed." });
}
