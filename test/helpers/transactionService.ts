import assert from "node:assert/strict";
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";

import type SafeApiKit from "@safe-global/api-kit";
import Safe from "@safe-global/protocol-kit";
import type { Address, Hash, Hex } from "viem";
import type { LocalAccount } from "viem";

import { devAccount } from "../../lib/devnet/accounts.ts";
import { hdPrivateKey } from "../../lib/devnet/keys.ts";
import { safeContractNetworks } from "../../lib/safe/contractNetworks.ts";
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

type Kit = Awaited<ReturnType<typeof Safe.init>>;

/**
 * protocol-kit and signing as the devnet's accounts on the council Safe of one chain: what a
 * council member's script does before it calls api-kit.
 */
export function councilSigners({ rpcUrl, chainId, safe }: { rpcUrl: string; chainId: number; safe: Address }) {
  const kits = new Map<number, Promise<Kit>>();
  const kit = (index: number): Promise<Kit> => {
    let found = kits.get(index);
    if (!found) {
      found = Safe.init({ provider: rpcUrl, signer: hdPrivateKey(index), safeAddress: safe, contractNetworks: safeContractNetworks(chainId) });
      kits.set(index, found);
    }
    return found;
  };
  /**
   * A call from the Safe at `at`, built by protocol-kit and signed by dev account `index`: by
   * EIP-712 typed data (what wallets do: the key's signature of the safeTxHash, which lets a
   * non-owner sign too, for refusals), or with `eth_sign` over the hash.
   */
  const build = async (index: number, call: { to: Address; data: Hex }, at: bigint, method: "typedData" | "ethSign" = "typedData") => {
    const signer = await kit(index);
    const tx = await signer.createTransaction({ transactions: [{ to: call.to, value: "0", data: call.data }], options: { nonce: Number(at) } });
    const safeTxHash = (await signer.getTransactionHash(tx)) as Hash;
    const sender = devAccount(index).address;
    const signature = method === "ethSign" ? (await signer.signHash(safeTxHash)).data : await devAccount(index).sign({ hash: safeTxHash });
    return { tx, safeTxHash, signature: signature as Hex, sender };
  };
  return { kit, build };
}
export type BuiltCouncilTx = Awaited<ReturnType<ReturnType<typeof councilSigners>["build"]>>;

/** api-kit's `proposeTransaction` of a built transaction, proposed by its signer. */
export const proposeBuilt = (api: SafeApiKit, safe: Address, built: BuiltCouncilTx, origin = "test") =>
  api.proposeTransaction({ safeAddress: safe, safeTransactionData: built.tx.data, safeTxHash: built.safeTxHash, senderAddress: built.sender, senderSignature: built.signature, origin });

/** An assertion for `assert.rejects`: api-kit's HttpError with this status and our `reason`. */
export const refusedWith = (status: number, reason: string, message?: RegExp) => (error: unknown) => {
  const { statusCode, data } = error as { statusCode?: number; data?: { reason?: string } };
  assert.equal(statusCode, status, String(error));
  assert.equal(data?.reason, reason, String(error));
  if (message) assert.match(String((error as Error).message), message);
  return true;
};
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
