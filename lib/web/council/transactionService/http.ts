import { getAddress, isAddress, isAddressEqual, pad, sliceHex, type Address, type Hash } from "viem";

import { getDeployment, isUnavailable, type Deployment } from "../../server/deployment.ts";
import { readJsonBody } from "../../server/readBody.ts";
import { readCouncilExecutions } from "../../server/councilHistory.ts";
import { councilChains } from "../actions.ts";
import { CouncilStoreError } from "../errors.ts";
import { councilSafeAbi } from "../safeTx.ts";
import { councilSignatures, getCouncilStore, readCouncilSafeState } from "../server.ts";
import type { CouncilSignatures, CouncilSignatureStore } from "../store.ts";
import { readProposalState } from "../vetoes.ts";
import { checkOwnerSignature } from "../../../council/managers/checkSafeSignature.ts";
import { acceptConfirmations, jsonToSafeTx, type ServiceChain, type ServiceContext } from "./accept.ts";
import { checksumRefusal, TransactionServiceError } from "./errors.ts";
import { executionsByHash, pageOf, toConfirmationResponse, toTransactionResponse, type QueueReading, type SafeInfoResponse } from "./responses.ts";
import { readListQuery, selectTransactions } from "./listQuery.ts";
import { parseConfirmRequest, parseProposeRequest, parseSafeTxHashSegment } from "./wire.ts";

/** A proposal or confirmation is a few KB (a veto carries a proposal's call); anything larger is refused unread. */
export const SERVICE_BODY_LIMIT = 96 * 1024;

/** The Safe's storage slots for what `GET /v1/safes/{address}/` reports (Safe 1.4.1). */
const FALLBACK_HANDLER_SLOT = "0x6c9a6c4a39284e37ed1cf53d337577d14212a4870fb976a4366c693b939918d5";
const GUARD_SLOT = "0x4a204f620c8c5ccdca3fd54d003badd85ba500436a431f0cbda4f558c93c34c8";
const SENTINEL = "0x0000000000000000000000000000000000000001";

/** The path parameters every endpoint gets from its route. */
export interface ServiceRoute {
  chainId: string;
  address?: string;
  safeTxHash?: string;
}

interface Served {
  deployment: Deployment;
  context: ServiceContext;
}

/** This deployment's council Safe on the chain the URL names, with what accepting needs. */
async function serve(chainIdSegment: string, store: CouncilSignatureStore | undefined): Promise<Served> {
  const deployment = await getDeployment();
  if (isUnavailable(deployment)) throw new TransactionServiceError("unavailable", deployment.reason);
  const { manifest } = deployment;
  const chains = councilChains(manifest);
  const chain = /^[1-9][0-9]{0,15}$/.test(chainIdSegment) ? chains.find((entry) => entry.chainId === Number(chainIdSegment)) : undefined;
  if (!chain) {
    throw new TransactionServiceError("wrong_chain", `This service keeps the council Safe's transactions on chains ${chains.map((entry) => entry.chainId).join(", ")}, not on chain ${chainIdSegment}.`);
  }
  const safe = manifest.council.safe;
  const client = deployment.client(chain.chainId);
  const served: ServiceChain = {
    ...chain,
    readState: () => readCouncilSafeState(client, safe),
    checkSignature: (txHashData, signature) => checkOwnerSignature(client, { safe, txHashData }, signature),
  };
  return {
    deployment,
    context: {
      safe,
      registry: manifest.contracts.sequencerConfig,
      chain: served,
      chainIds: chains.map((entry) => entry.chainId),
      store: await scoped(deployment, store),
      proposalState: (proposalId) => readProposalState(deployment.hub, manifest.contracts.governor, proposalId),
    },
  };
}

/** This deployment's signatures; its id needs the hub's genesis block, so the hub must answer. */
async function scoped(deployment: Deployment, store: CouncilSignatureStore | undefined): Promise<CouncilSignatures> {
  try {
    return await councilSignatures(deployment, store ?? getCouncilStore());
  } catch (cause) {
    if (cause instanceof CouncilStoreError) throw cause;
    throw new TransactionServiceError("chain_unreachable", `Could not read the hub (chain ${deployment.manifest.hub.chainId}).`, { cause });
  }
}

/** Runs a handler, answering its refusals in the service's shapes (`validationStatus` for failed validation). */
async function answer(validationStatus: 400 | 422, handle: () => Promise<Response>): Promise<Response> {
  try {
    return await handle();
  } catch (error) {
    if (error instanceof TransactionServiceError) return error.toResponse(validationStatus);
    console.error("transaction service API failed", error);
    return Response.json({ detail: "The transaction store failed; nothing was stored.", reason: "internal" }, { status: 500 });
  }
}

/** The Safe named in the path: EIP-55 checksummed (else the service's 422), and the council's (else 404). */
function safeInPath(address: string | undefined, context: ServiceContext): Response | Address {
  if (!address || !isAddress(address, { strict: true }) || getAddress(address) !== address) return checksumRefusal(address ?? "");
  if (!isAddressEqual(address, context.safe)) {
    throw new TransactionServiceError("not_found", "Not found.", { details: `This service keeps only the council Safe ${context.safe}, not ${address}.` });
  }
  return address;
}

async function readQueue(deployment: Deployment, context: ServiceContext): Promise<QueueReading> {
  try {
    const [state, executions] = await Promise.all([context.chain.readState(), readCouncilExecutions(deployment, context.chain.chainId)]);
    return { threshold: state.threshold, nonce: state.nonce, executions: executionsByHash(executions) };
  } catch (cause) {
    throw new TransactionServiceError("chain_unreachable", `Could not read the council Safe on chain ${context.chain.chainId}.`, { cause });
  }
}

const refuseBody = (code: "unsupported_media_type" | "payload_too_large" | "malformed", message: string) => new TransactionServiceError(code, message);

/** `GET /v1/about/`: what this service is. */
export function getServiceInfo(route: ServiceRoute, store?: CouncilSignatureStore): Promise<Response> {
  return answer(400, async () => {
    const { context } = await serve(route.chainId, store);
    return Response.json({
      name: "Safe Transaction Service (Superchain Governance council)",
      version: "1.0.0",
      api_version: "v1",
      secure: false,
      host: null,
      chainId: context.chain.chainId,
      settings: { SAFE: context.safe },
    });
  });
}

/** `GET /v1/safes/{address}/`: owners, threshold, nonce and setup of the council Safe on this chain. */
export function getSafeInfo(route: ServiceRoute, store?: CouncilSignatureStore): Promise<Response> {
  return answer(400, async () => {
    const { deployment, context } = await serve(route.chainId, store);
    const safe = safeInPath(route.address, context);
    if (safe instanceof Response) return safe;
    const client = deployment.client(context.chain.chainId);
    const contract = { address: safe, abi: councilSafeAbi } as const;
    const slot = async (at: `0x${string}`) => getAddress(sliceHex(pad((await client.getStorageAt({ address: safe, slot: at })) ?? "0x", { size: 32 }), 12));
    try {
      const [state, version, [modules], singleton, fallbackHandler, guard] = await Promise.all([
        context.chain.readState(),
        client.readContract({ ...contract, functionName: "VERSION" }),
        client.readContract({ ...contract, functionName: "getModulesPaginated", args: [SENTINEL, 10n] }),
        slot("0x0"),
        slot(FALLBACK_HANDLER_SLOT),
        slot(GUARD_SLOT),
      ]);
      const info: SafeInfoResponse = {
        address: safe,
        nonce: state.nonce.toString(),
        threshold: state.threshold,
        owners: [...state.owners],
        singleton,
        masterCopy: singleton,
        modules: [...modules],
        fallbackHandler,
        guard,
        version,
      };
      return Response.json(info);
    } catch (cause) {
      throw new TransactionServiceError("chain_unreachable", `Could not read the council Safe on chain ${context.chain.chainId}.`, { cause });
    }
  });
}

/** `GET /v2/safes/{address}/multisig-transactions/`: the stored transactions, filtered, ordered and paged as the service does. */
export function listMultisigTransactions(request: Request, route: ServiceRoute, store?: CouncilSignatureStore): Promise<Response> {
  return answer(400, async () => {
    const { deployment, context } = await serve(route.chainId, store);
    const safe = safeInPath(route.address, context);
    if (safe instanceof Response) return safe;
    const url = new URL(request.url);
    const query = readListQuery(url.searchParams);
    const [entries, reading] = await Promise.all([context.store.transactions({ safe, chainId: context.chain.chainId, ...query.nonces }), readQueue(deployment, context)]);
    const results = selectTransactions(entries.map((entry) => toTransactionResponse(entry, reading)), query);
    return Response.json({ ...pageOf(results, url, query), countUniqueNonce: new Set(results.map(({ nonce }) => nonce)).size });
  });
}

/**
 * `POST /v2/safes/{address}/multisig-transactions/` (api-kit's `proposeTransaction`): a council
 * transaction with its proposer's signature; 201 with no body, as the service answers. Proposing
 * a transaction that is already stored adds the sender's signature to it.
 */
export function proposeMultisigTransaction(request: Request, route: ServiceRoute, store?: CouncilSignatureStore): Promise<Response> {
  return answer(422, async () => {
    const { context } = await serve(route.chainId, store);
    const safe = safeInPath(route.address, context);
    if (safe instanceof Response) return safe;
    const body = parseProposeRequest(await readJsonBody(request, SERVICE_BODY_LIMIT, refuseBody));
    const { safeTxHash } = await acceptConfirmations(context, { safeTx: body.safeTx, signatures: body.signature, sender: body.sender, ...(body.origin ? { origin: body.origin } : {}), expectedHash: body.safeTxHash });
    return new Response(null, { status: 201, headers: { "x-safe-tx-hash": safeTxHash } });
  });
}

/** The stored transaction for a safeTxHash in the path, or the service's 404. */
async function storedTransaction(context: ServiceContext, segment: string | undefined) {
  const safeTxHash: Hash = parseSafeTxHashSegment(segment ?? "");
  const transaction = await context.store.transaction(safeTxHash);
  if (!transaction || transaction.chainId !== context.chain.chainId) throw new TransactionServiceError("not_found", "No MultisigTransaction matches the given query.");
  return transaction;
}

/** `GET /v2/multisig-transactions/{safeTxHash}/` (api-kit's `getTransaction`). */
export function getMultisigTransaction(route: ServiceRoute, store?: CouncilSignatureStore): Promise<Response> {
  return answer(400, async () => {
    const { deployment, context } = await serve(route.chainId, store);
    const transaction = await storedTransaction(context, route.safeTxHash);
    const [signatures, reading] = await Promise.all([context.store.signatures(transaction.safeTxHash), readQueue(deployment, context)]);
    return Response.json(toTransactionResponse({ ...transaction, signatures }, reading));
  });
}

/** `GET /v1/multisig-transactions/{safeTxHash}/confirmations/` (api-kit's `getTransactionConfirmations`). */
export function getConfirmations(request: Request, route: ServiceRoute, store?: CouncilSignatureStore): Promise<Response> {
  return answer(400, async () => {
    const { context } = await serve(route.chainId, store);
    const safeTxHash = parseSafeTxHashSegment(route.safeTxHash ?? "");
    const signatures = await context.store.signatures(safeTxHash);
    const url = new URL(request.url);
    const { limit, offset } = readListQuery(url.searchParams);
    return Response.json(pageOf(signatures.map(toConfirmationResponse), url, { limit, offset }));
  });
}

/**
 * `POST /v1/multisig-transactions/{safeTxHash}/confirmations/` (api-kit's `confirmTransaction`):
 * one or more owners' signatures of a stored transaction; 201 `{ signature }`, as the service answers.
 */
export function postConfirmation(request: Request, route: ServiceRoute, store?: CouncilSignatureStore): Promise<Response> {
  return answer(400, async () => {
    const { context } = await serve(route.chainId, store);
    const body = parseConfirmRequest(await readJsonBody(request, SERVICE_BODY_LIMIT, refuseBody));
    const safeTxHash = parseSafeTxHashSegment(route.safeTxHash ?? "");
    const transaction = await context.store.transaction(safeTxHash);
    if (!transaction || transaction.chainId !== context.chain.chainId) {
      throw new TransactionServiceError("unknown_transaction", `Multisig transaction with safe-tx-hash=${safeTxHash} was not found: propose it first.`);
    }
    await acceptConfirmations(context, { safeTx: jsonToSafeTx(transaction.safeTx), signatures: body.signature });
    return Response.json({ signature: body.signature }, { status: 201 });
  });
}
