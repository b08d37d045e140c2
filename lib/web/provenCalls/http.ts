import { BaseError as ViemBaseError } from "viem";

import { ManifestNoSpokeError, ManifestUnknownChainError, votingMember, type VotingMember } from "../../chains/index.ts";
import { getDeployment, isUnavailable, type Deployment } from "../server/deployment.ts";
import { ProvenCallError, type CommonRefusalCode, type Refuse } from "./errors.ts";

export interface AnswerProvenCallParameters<Query> {
  /** Reads the query strictly; throws the API's `malformed` refusal. */
  parse: (params: URLSearchParams) => Query;
  /** Proves the call; throws the API's refusals. Its result is the answer's `call`. */
  prepare: (deployment: Deployment, query: Query) => Promise<unknown>;
  /** Builds the API's own error for the refusals every API shares. */
  refuse: Refuse<CommonRefusalCode>;
  /** Names the API in the server log of an unexpected failure, e.g. `bridge prepare API`. */
  name: string;
  /** The sentence of the `internal` refusal. */
  failed: string;
}

/**
 * The one HTTP shape of every proven-call API: `{ call }` (bigints as decimal strings), or
 * `{ error: { code, message } }` with the code's status — a refusal the API threw, 503 without a
 * deployment, 502 when a chain does not answer, 500 (logged, never a stack trace) otherwise.
 * Nothing is cached: both answers are about the chains' state at this moment.
 *
 * @example
 * return answerProvenCall(request, { parse, prepare, refuse: (c, m, o) => new BridgePrepareError(c, m, o), name: "bridge prepare API", failed: "…" })
 */
export async function answerProvenCall<Query>(request: Request, { parse, prepare, refuse, name, failed }: AnswerProvenCallParameters<Query>): Promise<Response> {
  try {
    const query = parse(new URL(request.url).searchParams);
    const deployment = await getDeployment();
    if (isUnavailable(deployment)) throw refuse("unavailable", deployment.reason);
    return Response.json({ call: await prepare(deployment, query) }, { headers: { "cache-control": "no-store" } });
  } catch (error) {
    if (error instanceof ProvenCallError) return error.toResponse();
    if (error instanceof ViemBaseError) return refuse("chain_unreachable", "A chain did not answer while preparing the proof; try again.", { cause: error }).toResponse();
    console.error(`${name} failed`, error);
    return refuse("internal", failed).toResponse();
  }
}

/**
 * The member chain's cross-chain contracts, or the API's refusal: `unknown_chain` for a chain the
 * deployment does not have, `noSpoke` (the API's code) for the hub or a member without a spoke.
 */
export function requireVotingMember<NoSpoke extends string>(deployment: Deployment, chainId: number, refuse: Refuse<"unknown_chain" | NoSpoke>, noSpoke: NoSpoke): VotingMember {
  try {
    return votingMember(deployment.manifest, chainId);
  } catch (error) {
    if (error instanceof ManifestUnknownChainError) throw refuse("unknown_chain", error.shortMessage);
    if (error instanceof ManifestNoSpokeError) throw refuse(noSpoke, error.shortMessage, { details: error.details ?? "" });
    throw error;
  }
}
