import { userRpcUrl } from "../../chains/index.ts";
import { getDeployment, isUnavailable } from "./deployment.ts";
import { readBodyWithin } from "./readBody.ts";
import { RPC_PROXY_MAX_BATCH } from "../rpcLimits.ts";
import { isWalletRpcMethod } from "../../rpc/walletMethods.ts";

/** Larger bodies are refused before they are read to the end. */
export const RPC_PROXY_MAX_BODY_BYTES = 1 << 20;

type RpcId = string | number | null;
interface RpcRequest {
  jsonrpc: "2.0";
  id: RpcId;
  method: string;
  params?: unknown;
}

const json = (body: unknown, status = 200) => Response.json(body, { status });
const rpcError = (id: RpcId, code: number, message: string) => ({ jsonrpc: "2.0", id, error: { code, message } });

function asRequest(value: unknown): RpcRequest | string {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return "each request must be a JSON object";
  const { jsonrpc, method, id } = value as Record<string, unknown>;
  if (jsonrpc !== "2.0") return 'jsonrpc must be "2.0"';
  if (typeof method !== "string" || method.length === 0 || method.length > 64) return "method must be a non-empty string";
  if (id !== undefined && id !== null && typeof id !== "string" && typeof id !== "number") return "id must be a string, a number or null";
  return value as RpcRequest;
}

/**
 * The app's same-origin JSON-RPC endpoint for one chain (`POST /api/rpc/<chainId>`): checks the
 * request, refuses every method outside `WALLET_RPC_METHODS` (lib/rpc/walletMethods: node-side
 * signing, node control, stateful filters), and forwards the rest to the chain's user RPC (the shared
 * sequencer for member chains). Single requests and batches, answered in JSON-RPC's own format.
 */
export async function proxyJsonRpc(request: Request, chainIdParam: string): Promise<Response> {
  const deployment = await getDeployment();
  if (isUnavailable(deployment)) return json({ error: deployment.reason }, 503);
  const chainId = /^[1-9][0-9]{0,15}$/.test(chainIdParam) ? Number(chainIdParam) : Number.NaN;
  const entry = [deployment.manifest.hub, ...deployment.manifest.members].find((chain) => chain.chainId === chainId);
  if (!entry) return json({ error: `Unknown chain ${JSON.stringify(chainIdParam)}: this deployment has chains ${[deployment.manifest.hub, ...deployment.manifest.members].map((c) => c.chainId).join(", ")}.` }, 404);

  if (!/^application\/json\b/i.test(request.headers.get("content-type") ?? "")) {
    // A cross-site form post cannot send JSON; refusing everything else keeps the proxy same-origin in practice.
    return json(rpcError(null, -32600, "Send JSON-RPC as application/json."), 415);
  }
  const body = await readBodyWithin(request, RPC_PROXY_MAX_BODY_BYTES);
  if (body === undefined) return json(rpcError(null, -32600, `Request body over ${RPC_PROXY_MAX_BODY_BYTES} bytes.`), 413);
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return json(rpcError(null, -32700, "Parse error: the body is not JSON."), 400);
  }
  const batch = Array.isArray(parsed);
  const items = batch ? (parsed as unknown[]) : [parsed];
  if (batch && (items.length === 0 || items.length > RPC_PROXY_MAX_BATCH)) {
    return json(rpcError(null, -32600, `A batch needs 1 to ${RPC_PROXY_MAX_BATCH} requests.`), 400);
  }

  const answers: unknown[] = new Array(items.length);
  const forward: Array<{ index: number; request: RpcRequest }> = [];
  items.forEach((item, index) => {
    const checked = asRequest(item);
    if (typeof checked === "string") answers[index] = rpcError(null, -32600, `Invalid request: ${checked}.`);
    else if (!isWalletRpcMethod(checked.method)) answers[index] = rpcError(checked.id ?? null, -32601, `Method ${checked.method} is not available through this app: it answers reads and raw transactions a wallet signed itself.`);
    else forward.push({ index, request: { jsonrpc: "2.0", id: index, method: checked.method, ...(checked.params === undefined ? {} : { params: checked.params }) } });
  });

  if (forward.length > 0) {
    let upstream: Array<{ id: number }>;
    try {
      const response = await fetch(userRpcUrl(entry), {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(forward.map((f) => f.request)),
        signal: AbortSignal.timeout(15_000),
      });
      upstream = (await response.json()) as Array<{ id: number }>;
      if (!Array.isArray(upstream)) throw new Error("the node did not answer the batch");
    } catch (error) {
      const message = `Chain ${chainId}'s RPC is unreachable: ${error instanceof Error ? error.message : String(error)}.`;
      return json(batch ? forward.map(({ request: r }) => rpcError(r.id, -32603, message)) : rpcError(null, -32603, message), 502);
    }
    const byIndex = new Map(upstream.map((answer) => [answer.id, answer]));
    for (const { index } of forward) {
      const original = items[index] as RpcRequest;
      const answer = byIndex.get(index);
      answers[index] = answer ? { ...answer, id: original.id ?? null } : rpcError(original.id ?? null, -32603, "The node gave no answer to this request.");
    }
  }
  return json(batch ? answers : answers[0]);
}
