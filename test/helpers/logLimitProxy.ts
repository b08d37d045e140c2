/**
 * A public RPC's `eth_getLogs` limits in front of a real node, for the bounded log scan's tests:
 * an HTTP JSON-RPC proxy on 127.0.0.1 that refuses spans over `maxSpan` blocks (Infura's
 * -32602 "range … exceeds limit of …") and answers over `maxResults` logs (-32005 "query
 * returned more than … results"), forwards everything else, and records every `eth_getLogs`.
 */
import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";

import { jsonRpcClient } from "../../lib/rpc/jsonRpc.ts";

interface JsonRpcCall {
  id: unknown;
  method: string;
  params?: unknown[];
}

export interface LogLimitProxy {
  url: string;
  /** Each `eth_getLogs` asked of the proxy, refused or not, as [fromBlock, toBlock]. */
  getLogs: Array<[bigint, bigint]>;
  close(): Promise<void>;
}

async function bodyOf(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

/** Starts the proxy in front of `upstream` on a free port. */
export async function startLogLimitProxy(upstream: string, { maxSpan = 1_000, maxResults = 1_000 } = {}): Promise<LogLimitProxy> {
  const node = jsonRpcClient(upstream);
  const getLogs: Array<[bigint, bigint]> = [];

  const blockOf = async (tag: unknown): Promise<bigint> =>
    typeof tag === "string" && tag.startsWith("0x") ? BigInt(tag) : BigInt(await node.request<string>("eth_blockNumber"));

  const answer = async (call: JsonRpcCall): Promise<unknown> => {
    const reply = (body: object) => ({ jsonrpc: "2.0", id: call.id, ...body });
    if (call.method === "eth_getLogs") {
      const filter = (call.params?.[0] ?? {}) as { fromBlock?: string; toBlock?: string };
      const [from, to] = [await blockOf(filter.fromBlock ?? "latest"), await blockOf(filter.toBlock ?? "latest")];
      getLogs.push([from, to]);
      const span = to - from + 1n;
      if (span > BigInt(maxSpan)) return reply({ error: { code: -32602, message: `range ${span} exceeds limit of ${maxSpan}` } });
      const logs = await node.request<unknown[]>("eth_getLogs", call.params ?? []);
      if (logs.length > maxResults) return reply({ error: { code: -32005, message: `query returned more than ${maxResults} results` } });
      return reply({ result: logs });
    }
    // Anything else as the node answers it.
    return JSON.parse(await node.post(JSON.stringify(call)));
  };

  const server = createServer((request, response) => {
    bodyOf(request)
      .then(async (text) => {
        const parsed = JSON.parse(text) as JsonRpcCall | JsonRpcCall[];
        const answers = Array.isArray(parsed) ? await Promise.all(parsed.map(answer)) : await answer(parsed);
        response.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(answers));
      })
      .catch((error: unknown) => response.writeHead(500).end(String(error)));
  });
  await new Promise<void>((listening) => server.listen(0, "127.0.0.1", listening));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    getLogs,
    close: () => new Promise((closed) => server.close(() => closed())),
  };
}
