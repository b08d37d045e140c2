import { createServer, type Server } from "node:http";

/**
 * A JSON-RPC proxy in front of a node that counts what passes: HTTP requests, and JSON-RPC calls
 * by method (a batch counts each call). The web app is pointed at it to measure a page's RPC cost.
 */
export interface RpcCounter {
  url: string;
  reset(): void;
  snapshot(): { httpRequests: number; calls: number; byMethod: Record<string, number> };
  close(): Promise<void>;
}

type RpcCall = { method?: string; params?: unknown[] };

/** The method, and for `eth_call` what was called (`aggregate3` for a Multicall3 batch, else the target and selector). */
function describeCall(call: RpcCall): string {
  const method = call.method ?? "?";
  if (method !== "eth_call") return method;
  const target = call.params?.[0] as { to?: string; data?: string; input?: string } | undefined;
  const selector = (target?.data ?? target?.input ?? "").slice(0, 10);
  return selector === "0x82ad56cb" ? "eth_call(aggregate3)" : `eth_call(${target?.to?.slice(0, 8)}… ${selector})`;
}

export async function startRpcCounter(target: string): Promise<RpcCounter> {
  let httpRequests = 0;
  let byMethod: Record<string, number> = {};
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", async () => {
      const body = Buffer.concat(chunks).toString("utf8");
      httpRequests++;
      try {
        const parsed = JSON.parse(body) as RpcCall | RpcCall[];
        for (const call of Array.isArray(parsed) ? parsed : [parsed]) {
          const method = describeCall(call);
          byMethod[method] = (byMethod[method] ?? 0) + 1;
        }
      } catch {
        byMethod["(unparsable)"] = (byMethod["(unparsable)"] ?? 0) + 1;
      }
      const upstream = await fetch(target, { method: "POST", headers: { "content-type": "application/json" }, body });
      response.writeHead(upstream.status, { "content-type": "application/json" });
      response.end(await upstream.text());
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  if (!address || typeof address === "string") throw new Error("the RPC counter has no port");
  return {
    url: `http://127.0.0.1:${address.port}`,
    reset() {
      httpRequests = 0;
      byMethod = {};
    },
    snapshot() {
      return { httpRequests, calls: Object.values(byMethod).reduce((a, b) => a + b, 0), byMethod: { ...byMethod } };
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
