import type { VotingMember } from "../../chains/index.ts";
import { spokeTokenAbi, spokeVotePoolAbi } from "../../contracts/index.ts";
import {
  newestUsableHubState,
  newestUsableOutput,
  prepareFinalizeDeposit,
  prepareFinalizeWithdrawal,
  ProofRootMismatchError,
  RootNotYetPostedError,
  UnknownRecordError,
} from "../../crosschain/index.ts";
import type { ProvenCallErrorOptions } from "../provenCalls/errors.ts";
import { answerProvenCall, requireVotingMember } from "../provenCalls/http.ts";
import { chainIdParam, strictQuery, uint256Param } from "../provenCalls/query.ts";
import type { Deployment } from "../server/deployment.ts";
import { BridgePrepareError } from "./errors.ts";
import type { TransferKind } from "./transfers.ts";
import { toPreparedJson, type PrepareRefusalCode, type PreparedFinalizationJson } from "./wire.ts";

/** What to prove: a deposit or withdrawal of one member chain, by id. */
export interface PrepareQuery {
  kind: TransferKind;
  chainId: number;
  id: bigint;
}

const refuse = (code: PrepareRefusalCode, message: string, options?: ProvenCallErrorOptions) => new BridgePrepareError(code, message, options);
const malformed = (message: string) => refuse("malformed", message);

/**
 * Reads `?kind=deposit|withdrawal&chainId=<member>&id=<uint256>` strictly: each parameter once,
 * no others, decimal numbers without sign or leading zeros, so a typo is refused instead of
 * proving something else.
 *
 * @throws {BridgePrepareError} `malformed` for anything else.
 * @example
 * parsePrepareQuery(new URLSearchParams("kind=deposit&chainId=901&id=3")) // { kind: "deposit", chainId: 901, id: 3n }
 */
export function parsePrepareQuery(params: URLSearchParams): PrepareQuery {
  const values = strictQuery(params, ["kind", "chainId", "id"], malformed);
  const { kind } = values;
  if (kind !== "deposit" && kind !== "withdrawal") throw malformed('Pass kind as "deposit" or "withdrawal".');
  const chainId = chainIdParam(values.chainId);
  if (chainId === undefined) throw malformed("Pass chainId as the member chain's id, a positive integer.");
  const id = uint256Param(values.id);
  if (id === undefined) throw malformed(`Pass id as the ${kind}'s id, a non-negative integer below 2^256.`);
  return { kind, chainId, id };
}

/** The newest source-chain block the destination holds a root of, or null when none. */
async function newestCommitted(deployment: Deployment, kind: TransferKind, voting: VotingMember): Promise<bigint | null> {
  try {
    return kind === "deposit"
      ? (await newestUsableHubState(deployment.client(voting.chain.chainId), voting.hubStateOracle)).blockNumber
      : (await newestUsableOutput(deployment.hub, voting.outputOracle, voting.chain.chainId)).blockNumber;
  } catch (error) {
    if (error instanceof RootNotYetPostedError) return null;
    throw error;
  }
}

/**
 * The finalization call of one transfer, proven on the server (the browser never asks a node for
 * `eth_getProof`): `SpokeToken.finalizeDeposit` on the member chain for a deposit,
 * `SpokeVotePool.finalizeWithdrawal` on the hub for a withdrawal.
 *
 * @throws {BridgePrepareError} `unknown_chain`, `no_bridge`, `unknown_transfer`, `already_finalized`,
 * `not_yet_provable` (with the newest committed block), `proof_mismatch`.
 */
export async function prepareFinalization(deployment: Deployment, { kind, chainId, id }: PrepareQuery): Promise<PreparedFinalizationJson> {
  const voting = requireVotingMember(deployment, chainId, refuse, "no_bridge");
  const clients = { hub: deployment.hub, member: deployment.client(chainId) };
  const { pool, token } = voting.spoke;
  const finalized =
    kind === "deposit"
      ? await clients.member.readContract({ address: token, abi: spokeTokenAbi, functionName: "isDepositFinalized", args: [id] })
      : await clients.hub.readContract({ address: pool, abi: spokeVotePoolAbi, functionName: "isWithdrawalFinalized", args: [id] });
  if (finalized) throw new BridgePrepareError("already_finalized", `The ${kind} ${id} of ${voting.chain.name} is already finalized.`);
  try {
    const call =
      kind === "deposit"
        ? await prepareFinalizeDeposit(clients, { pool, token, hubStateOracle: voting.hubStateOracle, depositId: id, fromBlock: voting.fromBlock.hub })
        : await prepareFinalizeWithdrawal(clients, { pool, token, outputOracle: voting.outputOracle, withdrawalId: id, fromBlock: voting.fromBlock.member });
    return toPreparedJson(kind, call);
  } catch (error) {
    if (error instanceof UnknownRecordError) throw new BridgePrepareError("unknown_transfer", `${voting.chain.name} has no ${kind} ${id}.`);
    if (error instanceof RootNotYetPostedError) {
      const committedBlock = await newestCommitted(deployment, kind, voting);
      const [source, destination] = kind === "deposit" ? [deployment.manifest.hub.name, voting.chain.name] : [voting.chain.name, deployment.manifest.hub.name];
      const held = committedBlock === null ? `${destination} holds no commitment of ${source} yet` : `${destination} holds ${source} up to block ${committedBlock}`;
      throw new BridgePrepareError("not_yet_provable", `Waiting for the next commitment: ${held}.`, { committedBlock, cause: error });
    }
    if (error instanceof ProofRootMismatchError) throw new BridgePrepareError("proof_mismatch", error.shortMessage, { cause: error });
    throw error;
  }
}

/**
 * `GET /api/bridge/prepare?kind=deposit|withdrawal&chainId=901&id=3`: the finalization call as
 * JSON (bigints as decimal strings), or `{ error: { code, message } }` with a 4xx for bad or
 * unknown input, 409 while the transfer is not provable yet or already finalized, 502/503 when
 * the chains or the deployment are not there.
 */
export function getBridgePrepare(request: Request): Promise<Response> {
  return answerProvenCall(request, {
    parse: parsePrepareQuery,
    prepare: prepareFinalization,
    refuse,
    name: "bridge prepare API",
    failed: "Preparing the finalization failed.",
  });
}
