import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";

import { isAddress, isHash, numberToHex, type Address, type Hex } from "viem";

import type { ChainSequencer } from "../chainSequencer.ts";
import type { ExecutionEngine } from "../engine/types.ts";
import { TransactionRejectedError } from "../errors.ts";
import { PROMETHEUS_CONTENT_TYPE } from "../metrics/index.ts";
import { pendingTransactionJson } from "./pendingTransaction.ts";

export const MAX_BODY_BYTES = 16 * 1024 * 1024;
export const MAX_BATCH = 1_000;

interface RpcRequest {
  jsonrpc?: unknown;
  id?: unknown;
  method?: unknown;
  params?: unknown;
}

type RpcResponse =
  | { jsonrpc: "2.0"; id: unknown; result: unknown }
  | { jsonrpc: "2.0"; id: unknown; error: { code: number; message: string; data?: unknown } };

const failure = (id: unknown, code: number, message: string, data?: unknown): RpcResponse => ({
  jsonrpc: "2.0",
  id: id ?? null,
  error: data === undefined ? { code, message } : { code, message, data },
});

export interface SequencedChain {
  sequencer: ChainSequencer;
  engine: ExecutionEngine;
}

/** Answers one JSON-RPC request for one chain: the sequencer's own methods, the rest forwarded. */
async function handle(chain: SequencedChain, request: RpcRequest): Promise<RpcResponse> {
  const id = request.id;
  if (request.jsonrpc !== "2.0" || typeof request.method !== "string") {
    return failure(id, -32600, "invalid request: expected {jsonrpc: \"2.0\", method, params, id}");
  }
  const params = request.params === undefined ? [] : request.params;
  if (!Array.isArray(params)) return failure(id, -32602, "params must be an array");
  const { sequencer, engine } = chain;
  try {
    switch (request.method) {
      case "eth_chainId":
        return { jsonrpc: "2.0", id, result: numberToHex(sequencer.chainId) };
      case "net_version":
        return { jsonrpc: "2.0", id, result: String(sequencer.chainId) };
      case "eth_sendRawTransaction":
        return { jsonrpc: "2.0", id, result: await sequencer.admit(params[0]) };
      case "eth_getTransactionCount": {
        const [address, tag] = params as [unknown, unknown];
        if (typeof address !== "string" || !isAddress(address)) return failure(id, -32602, "invalid address");
        if (tag === "pending") return { jsonrpc: "2.0", id, result: numberToHex(await sequencer.pendingNonce(address as Address)) };
        break;
      }
      case "eth_getTransactionByHash": {
        const [hash] = params as [unknown];
        if (typeof hash !== "string" || !isHash(hash)) return failure(id, -32602, "invalid transaction hash");
        const pending = sequencer.mempool.get(hash as Hex);
        if (pending) return { jsonrpc: "2.0", id, result: pendingTransactionJson(pending) };
        break;
      }
    }
    return { jsonrpc: "2.0", id, result: await engine.forward(request.method, params) };
  } catch (error) {
    if (error instanceof TransactionRejectedError) return failure(id, error.code, error.shortMessage, { reason: error.reason });
    const code = (error as { code?: unknown }).code;
    return failure(id, typeof code === "number" ? code : -32603, error instanceof Error ? error.message : String(error));
  }
}

/**
 * The request body, or undefined when it is over {@link MAX_BODY_BYTES}. An oversized body is
 * read to its end without being kept, so the client receives the 413 answer instead of a reset
 * connection; one that goes on past four times the limit is cut off.
 */
function readBody(request: IncomingMessage): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
      else if (size > 4 * MAX_BODY_BYTES) request.destroy();
    });
    request.on("end", () => resolve(size > MAX_BODY_BYTES ? undefined : Buffer.concat(chunks).toString("utf8")));
    request.on("error", reject);
  });
}

function send(response: ServerResponse, status: number, body: unknown) {
  const text = JSON.stringify(body, (_key, value: unknown) => (typeof value === "bigint" ? value.toString() : value));
  response.writeHead(status, { "content-type": "application/json" }).end(text);
}

/**
 * The sequencer's HTTP face: `POST /<chainId>` is that chain's JSON-RPC endpoint (single requests
 * and batches), `GET /healthz` reports every chain, `GET /metrics` is Prometheus text. Binds to
 * 127.0.0.1 only.
 */
export function createRpcServer(chains: ReadonlyMap<number, SequencedChain>, health: () => unknown, metrics: () => string): Server {
  return createServer((request, response) => {
    void (async () => {
      const path = (request.url ?? "/").split("?")[0] ?? "/";
      if (request.method === "GET" && path === "/healthz") return send(response, 200, health());
      if (request.method === "GET" && path === "/metrics") {
        response.writeHead(200, { "content-type": PROMETHEUS_CONTENT_TYPE }).end(metrics());
        return;
      }
      const chainId = Number(path.slice(1));
      const chain = chains.get(chainId);
      if (!chain) return send(response, 404, failure(null, -32601, `no sequenced chain at ${path}; use /${[...chains.keys()].join(" or /")}`));
      if (request.method !== "POST") return send(response, 405, failure(null, -32600, "JSON-RPC requests are POSTed"));
      const body = await readBody(request);
      if (body === undefined) return send(response, 413, failure(null, -32600, `request body over ${MAX_BODY_BYTES} bytes`));
      let parsed: unknown;
      try {
        parsed = JSON.parse(body);
      } catch {
        return send(response, 200, failure(null, -32700, "parse error: the body is not JSON"));
      }
      if (Array.isArray(parsed)) {
        if (parsed.length === 0) return send(response, 200, failure(null, -32600, "empty batch"));
        if (parsed.length > MAX_BATCH) return send(response, 200, failure(null, -32600, `batch over ${MAX_BATCH} requests`));
        const results = await Promise.all(parsed.map((item) => handle(chain, (item ?? {}) as RpcRequest)));
        return send(response, 200, results);
      }
      return send(response, 200, await handle(chain, (parsed ?? {}) as RpcRequest));
    })().catch((error: unknown) => send(response, 500, failure(null, -32603, error instanceof Error ? error.message : "internal error")));
  });
}
