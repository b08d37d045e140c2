import type { Hash } from "viem";

import { getDeployment, isUnavailable, type Deployment } from "../server/deployment.ts";
import { readJsonBody } from "../server/readBody.ts";
import { councilChains } from "./actions.ts";
import { CouncilSignatureRequestError, CouncilStoreError } from "./errors.ts";
import { councilSignatures, getCouncilStore, readCouncilSafeState } from "./server.ts";
import type { CouncilSignatures, CouncilSignatureStore } from "./store.ts";
import { submitCouncilSignature } from "./submitSignature.ts";
import { readProposalState } from "./vetoes.ts";

/** A signature request is a few hundred bytes; anything this large is refused unread. */
export const SIGNATURE_BODY_LIMIT = 16 * 1024;

const HASH = /^0x[0-9a-fA-F]{64}$/;

/** This deployment's signatures; its id needs the hub's genesis block, so the hub must answer. */
async function scoped(deployment: Deployment, store: CouncilSignatureStore | undefined): Promise<CouncilSignatures> {
  try {
    return await councilSignatures(deployment, store ?? getCouncilStore());
  } catch (cause) {
    if (cause instanceof CouncilStoreError) throw cause;
    throw new CouncilSignatureRequestError("chain_unreachable", `Could not read the hub (chain ${deployment.manifest.hub.chainId}).`, { cause });
  }
}

async function withRefusals(handle: () => Promise<Response>): Promise<Response> {
  try {
    return await handle();
  } catch (error) {
    if (error instanceof CouncilSignatureRequestError) return error.toResponse();
    console.error("council signature API failed", error);
    return Response.json({ error: { code: "internal", message: "The signature store failed; nothing was stored." } }, { status: 500 });
  }
}

/**
 * `POST /api/council/signatures`: checks the body (JSON, ≤ 16 KB), verifies the signature against
 * the council Safe on the chain it names (the hub, or a member chain for a hub-state rejection)
 * and stores it; 201 with the stored record, or a 4xx
 * `{ error: { code, message } }`. The answer is sent only after the signature is on disk.
 */
export function postCouncilSignature(request: Request, store?: CouncilSignatureStore): Promise<Response> {
  return withRefusals(async () => {
    const deployment = await getDeployment();
    if (isUnavailable(deployment)) throw new CouncilSignatureRequestError("unavailable", deployment.reason);
    const body = await readJsonBody(request, SIGNATURE_BODY_LIMIT, (code, message) => new CouncilSignatureRequestError(code, message));
    const { manifest } = deployment;
    const safe = manifest.council.safe;
    const signatures = await scoped(deployment, store);
    const chains = councilChains(manifest).map((chain) => ({ ...chain, readState: () => readCouncilSafeState(deployment.client(chain.chainId), safe) }));
    const proposalState = (proposalId: bigint) => readProposalState(deployment.hub, manifest.contracts.governor, proposalId);
    const stored = await submitCouncilSignature({ safe, registry: manifest.contracts.sequencerConfig, chains, store: signatures, proposalState }, body);
    return Response.json({ signature: stored }, { status: 201 });
  });
}

/**
 * `GET /api/council/signatures?safeTxHash=0x…`: the signatures collected on this deployment for
 * one transaction (owner, signature, createdAt) and the transaction they cover, empty when there
 * are none.
 */
export function getCouncilSignatures(request: Request, store?: CouncilSignatureStore): Promise<Response> {
  return withRefusals(async () => {
    const safeTxHash = new URL(request.url).searchParams.get("safeTxHash") ?? "";
    if (!HASH.test(safeTxHash)) throw new CouncilSignatureRequestError("malformed", "Pass safeTxHash as a 32-byte 0x-prefixed hex string.");
    const hash = safeTxHash.toLowerCase() as Hash;
    const deployment = await getDeployment();
    if (isUnavailable(deployment)) throw new CouncilSignatureRequestError("unavailable", deployment.reason);
    const db = await scoped(deployment, store);
    const [stored, transaction] = await Promise.all([db.signatures(hash), db.transaction(hash)]);
    const signatures = stored.map(({ owner, signature, createdAt }) => ({ owner, signature, createdAt }));
    return Response.json({ safeTxHash: hash, transaction: transaction ?? null, signatures });
  });
}
