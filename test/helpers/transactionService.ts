import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";

import type { Hash, LocalAccount } from "viem";

import {
  getConfirmations,
  getMultisigTransaction,
  getSafeInfo,
  getServiceInfo,
  listMultisigTransactions,
  postConfirmation,
  proposeMultisigTransaction,
  type ServiceRoute,
} from "../../lib/web/council/transactionService/http.ts";
import type { CouncilSignatureStore } from "../../lib/web/council/store.ts";
import { proposeUrl } from "../../lib/web/council/transactionService/client.ts";
import { readServiceAnswer, signedProposal, type CouncilTx, type ServiceAnswer } from "./councilProposal.ts";

type Handler = (request: Request, route: ServiceRoute, store: CouncilSignatureStore) => Promise<Response>;

/** The app's routes under app/api/safe-transaction-service, as Next.js maps them (trailing slash optional). */
const ROUTES: Array<{ method: string; path: RegExp; handle: Handler }> = [
  { method: "GET", path: /^\/(?<chainId>[^/]+)\/v1\/about$/, handle: (_, route, store) => getServiceInfo(route, store) },
  { method: "GET", path: /^\/(?<chainId>[^/]+)\/v1\/safes\/(?<address>[^/]+)$/, handle: (_, route, store) => getSafeInfo(route, store) },
  { method: "GET", path: /^\/(?<chainId>[^/]+)\/v2\/safes\/(?<address>[^/]+)\/multisig-transactions$/, handle: listMultisigTransactions },
  { method: "POST", path: /^\/(?<chainId>[^/]+)\/v2\/safes\/(?<address>[^/]+)\/multisig-transactions$/, handle: proposeMultisigTransaction },
  { method: "GET", path: /^\/(?<chainId>[^/]+)\/v2\/multisig-transactions\/(?<safeTxHash>[^/]+)$/, handle: (_, route, store) => getMultisigTransaction(route, store) },
  { method: "GET", path: /^\/(?<chainId>[^/]+)\/v1\/multisig-transactions\/(?<safeTxHash>[^/]+)\/confirmations$/, handle: getConfirmations },
  { method: "POST", path: /^\/(?<chainId>[^/]+)\/v1\/multisig-transactions\/(?<safeTxHash>[^/]+)\/confirmations$/, handle: postConfirmation },
];

async function toRequest(incoming: IncomingMessage, origin: string): Promise<Request> {
  const chunks: Buffer[] = [];
  for await (const chunk of incoming) chunks.push(chunk as Buffer);
  const headers = new Headers();
  for (const [name, value] of Object.entries(incoming.headers)) if (typeof value === "string") headers.set(name, value);
  const body = incoming.method === "GET" || incoming.method === "HEAD" ? undefined : Buffer.concat(chunks);
  return new Request(new URL(incoming.url ?? "/", origin), { method: incoming.method ?? "GET", headers, ...(body ? { body } : {}) });
}

/**
 * The Transaction Service–compatible API's handlers behind a plain HTTP server on a free port,
 * routed as the app routes them, over `store`: what api-kit talks to in the TypeScript suite (the
 * browser suite runs it against the built app). `txServiceUrl(chainId)` is what
 * `new SafeApiKit({ chainId, txServiceUrl })` takes.
 */
export async function serveTransactionService(store: CouncilSignatureStore): Promise<{ txServiceUrl: (chainId: number) => string; close: () => Promise<void> }> {
  let origin = "";
  const server: Server = createServer((incoming, outgoing) => {
    void (async () => {
      const request = await toRequest(incoming, origin);
      const path = new URL(request.url).pathname.replace(/\/$/, "");
      const route = ROUTES.find((entry) => entry.method === request.method && entry.path.test(path));
      const response = route
        ? await route.handle(request, { ...(route.path.exec(path)!.groups as unknown as ServiceRoute) }, store)
        : Response.json({ detail: "Not found." }, { status: 404 });
      outgoing.writeHead(response.status, Object.fromEntries(response.headers));
      outgoing.end(Buffer.from(await response.arrayBuffer()));
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    txServiceUrl: (chainId) => `${origin}/${chainId}`,
    close: () => new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
}

/**
 * `POST /api/safe-transaction-service/{chainId}/v2/safes/{safe}/multisig-transactions` with
 * `body`, answered by the route's handler over `store` (the deployment is the one
 * `SUPERCHAIN_MANIFEST` names).
 */
export async function postProposal(store: CouncilSignatureStore, { safe, chainId }: Omit<CouncilTx, "safeTx">, body: unknown): Promise<ServiceAnswer> {
  const request = new Request(`http://127.0.0.1${proposeUrl(chainId, safe)}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  return readServiceAnswer(await proposeMultisigTransaction(request, { chainId: String(chainId), address: safe }, store));
}

/**
 * Proposes `tx` with `account`'s signature, `account` as sender: 201 when stored (or already
 * there), else the service's refusal.
 *
 * @example
 * const { status, reason } = await proposeCouncilTx(store, owner1, { safe, chainId, safeTx })
 */
export async function proposeCouncilTx(store: CouncilSignatureStore, account: LocalAccount, tx: CouncilTx): Promise<ServiceAnswer & { safeTxHash: Hash }> {
  const { safeTxHash, body } = await signedProposal(account, tx);
  return { ...(await postProposal(store, tx, body)), safeTxHash };
}
