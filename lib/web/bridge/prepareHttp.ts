import { BaseError as ViemBaseError, maxUint256 } from "viem";

import { ManifestNoSpokeError, ManifestUnknownChainError, votingMember, type VotingMember } from "../../chains/index.ts";
import { spokeTokenAbi, spokeVotePoolAbi } from "../../contracts/index.ts";
import {
  latestHubState,
  latestOutput,
  prepareFinalizeDeposit,
  prepareFinalizeWithdrawal,
  ProofRootMismatchError,
  RootNotYetPostedError,
  UnknownRecordError,
} from "../../crosschain/index.ts";
import { getDeployment, isUnavailable, type Deployment } from "../server/deployment.ts";
import { BridgePrepareError } from "./errors.ts";
import type { TransferKind } from "./transfers.ts";
import { toPreparedJson, type PreparedFinalizationJson } from "./wire.ts";

/** What to prove: a deposit or withdrawal of one member chain, by id. */
export interface PrepareQuery {
  kind: TransferKind;
  chainId: number;
  id: bigint;
}

const PARAMETERS = new Set(["kind", "chainId", "id"]);

/**
 * Reads `?kind=deposit|withdrawal&chainId=<member>&id=<uint256>` strictly: each parameter once,
 * no others, decimal numbers without sign or leading zeros, so a typo is refused instead of
 * proving something else.
 *
 * @throws {BridgePrepareError} `malformed` for anything else.
 */
export function parsePrepareQuery(params: URLSearchParams): PrepareQuery {
  const names = [...params.keys()];
  const unknown = names.filter((name) => !PARAMETERS.has(name));
  if (unknown.length > 0) throw new BridgePrepareError("malformed", `Unknown parameter ${JSON.stringify(unknown[0]!.slice(0, 32))}; pass kind, chainId and id.`);
  for (const name of PARAMETERS) {
    if (params.getAll(name).length > 1) throw new BridgePrepareError("malformed", `Pass ${name} once.`);
  }
  const kind = params.get("kind");
  if (kind !== "deposit" && kind !== "withdrawal") throw new BridgePrepareError("malformed", 'Pass kind as "deposit" or "withdrawal".');
  const chainId = params.get("chainId") ?? "";
  if (!/^[1-9][0-9]{0,15}$/.test(chainId) || !Number.isSafeInteger(Number(chainId))) {
    throw new BridgePrepareError("malformed", "Pass chainId as the member chain's id, a positive integer.");
  }
  const id = params.get("id") ?? "";
  if (!/^(?:0|[1-9][0-9]{0,77})$/.test(id) || BigInt(id) > maxUint256) {
    throw new BridgePrepareError("malformed", `Pass id as the ${kind}'s id, a non-negative integer below 2^256.`);
  }
  return { kind, chainId: Number(chainId), id: BigInt(id) };
}

function bridgeOf(deployment: Deployment, chainId: number): VotingMember {
  try {
    return votingMember(deployment.manifest, chainId);
  } catch (error) {
    if (error instanceof ManifestUnknownChainError) throw new BridgePrepareError("unknown_chain", error.shortMessage);
    if (error instanceof ManifestNoSpokeError) throw new BridgePrepareError("no_bridge", error.shortMessage, { details: error.details ?? "" });
    throw error;
  }
}

/** The newest source-chain block the destination holds a root of, or null when none. */
async function newestCommitted(deployment: Deployment, kind: TransferKind, voting: VotingMember): Promise<bigint | null> {
  try {
    return kind === "deposit"
      ? (await latestHubState(deployment.client(voting.chain.chainId), voting.hubStateOracle)).hubBlockNumber
      : (await latestOutput(deployment.hub, voting.outputOracle, voting.chain.chainId)).blockNumber;
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
  const voting = bridgeOf(deployment, chainId);
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
        ? await prepareFinalizeDeposit(clients, { pool, token, hubStateOracle: voting.hubStateOracle, depositId: id })
        : await prepareFinalizeWithdrawal(clients, { pool, token, outputOracle: voting.outputOracle, withdrawalId: id });
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
export async function getBridgePrepare(request: Request): Promise<Response> {
  try {
    const query = parsePrepareQuery(new URL(request.url).searchParams);
    const deployment = await getDeployment();
    if (isUnavailable(deployment)) throw new BridgePrepareError("unavailable", deployment.reason);
    return Response.json({ call: await prepareFinalization(deployment, query) }, { headers: { "cache-control": "no-store" } });
  } catch (error) {
    if (error instanceof BridgePrepareError) return error.toResponse();
    if (error instanceof ViemBaseError) {
      return new BridgePrepareError("chain_unreachable", "A chain did not answer while preparing the proof; try again.", { cause: error }).toResponse();
    }
    console.error("bridge prepare API failed", error);
    return new BridgePrepareError("internal", "Preparing the finalization failed.").toResponse();
  }
}
