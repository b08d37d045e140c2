import { createServer, type Server } from "node:http";

import type { Registry } from "prom-client";
import { isAddress, isHash, numberToHex, type Address, type Hex } from "viem";

import { isWalletRpcMethod, WALLET_RPC_METHODS } from "../../rpc/walletMethods.ts";
import type { ChainSequencer } from "../chainSequencer.ts";
import type { ExecutionEngine } from "../engine/types.ts";
import { TransactionRejectedError } from "../errors.ts";
import { answerJsonRpc, failure, failureOf, send, success, type RpcResponse, type ValidRpcRequest } from "./http.ts";
import { pendingTransactionJson } from "./pendingTransaction.ts";

/**
 * Every method the public per-chain endpoint answers: the shared wallet-facing list
 * (lib/rpc/walletMethods, the same the web app's proxy allows) plus `eth_accounts`, which the
 * sequencer answers itself with `[]` — it holds no user keys, and the node's unlocked dev accounts
 * must not show. The web proxy refuses `eth_accounts` instead: it also fronts the hub's node,
 * where nothing answers it locally. Everything else is -32601 before it reaches the node.
 */
export const PUBLIC_RPC_METHODS = [...WALLET_RPC_METHODS, "eth_accounts"] as const;

export interface SequencedChain {
  sequencer: ChainSequencer;
  engine: ExecutionEngine;
}

/** Answers one request for one chain: the sequencer's own methods, allowed reads forwarded, the rest refused. */
async function handle({ sequencer, engine }: SequencedChain, { id, method, params }: ValidRpcRequest): Promise<RpcResponse> {
  try {
    switch (method) {
      case "eth_accounts":
        return success(id, []);
      case "eth_chainId":
        return success(id, numberToHex(sequencer.chainId));
      case "net_version":
        return success(id, String(sequencer.chainId));
      case "eth_sendRawTransaction":
        return success(id, await sequencer.admit(params[0]));
      case "eth_getTransactionCount": {
        const [address, tag] = params;
        if (typeof address !== "string" || !isAddress(address)) return failure(id, -32602, "invalid address");
        if (tag === "pending") return success(id, numberToHex(await sequencer.pendingNonce(address as Address)));
        break;
      }
      case "eth_getTransactionByHash": {
        const [hash] = params;
        if (typeof hash !== "string" || !isHash(hash)) return failure(id, -32602, "invalid transaction hash");
        const pending = sequencer.pendingTransaction(hash as Hex);
        if (pending) return success(id, pendingTransactionJson(pending));
        break;
      }
      default:
        if (!isWalletRpcMethod(method)) {
          return failure(id, -32601, `the method ${method} does not exist/is not available on this endpoint (it answers reads and signed raw transactions)`);
        }
    }
    return success(id, await engine.forward(method, params));
  } catch (error) {
    if (error instanceof TransactionRejectedError) return failure(id, error.code, error.shortMessage, { reason: error.reason });
    return failureOf(id, error);
  }
}

/** What `GET /metrics` serves: a prom-client registry (its text and content type). */
export type MetricsSource = Pick<Registry, "contentType" | "metrics">;

/** The paths only `GET` reads. */
const READ_ONLY_PATHS = new Set(["/healthz", "/metrics"]);

/**
 * The sequencer's public HTTP face: `POST /<chainId>` is that chain's wallet-facing JSON-RPC
 * endpoint ({@link PUBLIC_RPC_METHODS}, single requests and batches, `application/json` only),
 * `GET /healthz` reports every chain, `GET /metrics` is Prometheus text. Operator controls are
 * not here: they live on the authenticated admin listener (lib/sequencer/admin).
 */
export function createRpcServer(chains: ReadonlyMap<number, SequencedChain>, health: () => unknown, metrics: MetricsSource): Server {
  return createServer((request, response) => {
    void (async () => {
      const path = (request.url ?? "/").split("?")[0] ?? "/";
      if (READ_ONLY_PATHS.has(path) && request.method !== "GET") {
        return send(response, 405, failure(null, -32600, `${path} answers GET only, not ${request.method ?? "no method"}`), { allow: "GET" });
      }
      if (path === "/healthz") return send(response, 200, health());
      if (path === "/metrics") {
        const text = await metrics.metrics();
        response.writeHead(200, { "content-type": metrics.contentType }).end(text);
        return;
      }
      const chain = /^\/[1-9][0-9]*$/.test(path) ? chains.get(Number(path.slice(1))) : undefined;
      if (!chain) return send(response, 404, failure(null, -32601, `no sequenced chain at ${path}; use /${[...chains.keys()].join(" or /")}`));
      await answerJsonRpc(request, response, (call) => handle(chain, call));
    })().catch((error: unknown) => send(response, 500, failure(null, -32603, error instanceof Error ? error.message : "internal error")));
  });
}
