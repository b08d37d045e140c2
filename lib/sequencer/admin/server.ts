/**
 * The operator's admin listener, modeled on op-node's admin RPC and authenticated like the Engine
 * API (HS256 JWT, see ./jwt.ts). It is a listener of its own, bound to 127.0.0.1, so nothing on the
 * public wallet endpoint can reach these controls.
 *
 *   admin_sequencerActive(chainId) → boolean
 *   admin_stopSequencer(chainId) → the head block hash (blocks stop; transactions are still admitted and stored)
 *   admin_startSequencer(chainId, blockHash?) → null (from `blockHash` when given: refused unless it is the head)
 *   admin_health() → the `/healthz` report
 *   conductor_*(…) → a replica's leadership controls (./conductor.ts)
 *
 * Starting cannot override the council's on-chain pause or a release halt: ticks still honour both.
 */
import { createServer, type Server } from "node:http";

import { isHash, type Hash } from "viem";

import type { ChainSequencer } from "../chainSequencer.ts";
import type { ReplicaLeadership } from "../replication/leadership.ts";
import { CONDUCTOR_RPC_METHODS, handleConductor } from "./conductor.ts";
import { answerJsonRpc, failure, send, success, type RpcResponse, type ValidRpcRequest } from "../rpc/http.ts";
import { JwtAuthError, verifyJwt } from "./jwt.ts";

export const ADMIN_RPC_METHODS = ["admin_sequencerActive", "admin_stopSequencer", "admin_startSequencer", "admin_health", ...CONDUCTOR_RPC_METHODS] as const;

export interface AdminServerOptions {
  chains: ReadonlyMap<number, Pick<ChainSequencer, "status" | "stopSequencing" | "startSequencing">>;
  health: () => unknown;
  /** A replica's leadership (conductor_* methods); none on a sequencer that is not replicated. */
  leadership?: () => ReplicaLeadership | undefined;
  /** The 32-byte JWT secret (lib/sequencer/admin/jwt). */
  secret: Buffer;
  /** Unix seconds, for the token's `iat` window; the wall clock by default. */
  now?: () => number;
}

/** A chain id parameter: a number, or a decimal or 0x-hex string. */
function chainIdParam(value: unknown): number | undefined {
  const id = typeof value === "number" ? value : typeof value === "string" && /^(?:0x[0-9a-fA-F]+|[0-9]+)$/.test(value) ? Number(value) : Number.NaN;
  return Number.isSafeInteger(id) && id > 0 ? id : undefined;
}

async function handle({ chains, health, leadership }: AdminServerOptions, call: ValidRpcRequest): Promise<RpcResponse> {
  const { id, method, params } = call;
  if (method === "admin_health") return success(id, health());
  if (!(ADMIN_RPC_METHODS as readonly string[]).includes(method)) return failure(id, -32601, `the method ${method} does not exist/is not available`);
  if (method.startsWith("conductor_")) {
    return handleConductor(leadership?.(), call, (value) => {
      const chainId = chainIdParam(value);
      return chainId !== undefined && chains.has(chainId) ? chainId : undefined;
    });
  }
  const chainId = chainIdParam(params[0]);
  const chain = chainId === undefined ? undefined : chains.get(chainId);
  if (!chain) return failure(id, -32602, `params[0] must be a sequenced chain id: ${[...chains.keys()].join(", ")}`);
  switch (method) {
    case "admin_sequencerActive":
      return success(id, chain.status().active);
    case "admin_stopSequencer":
      return success(id, await chain.stopSequencing());
    default: {
      const blockHash = params[1];
      if (blockHash !== undefined && (typeof blockHash !== "string" || !isHash(blockHash))) return failure(id, -32602, "params[1] must be a block hash");
      await chain.startSequencing(blockHash as Hash | undefined);
      return success(id, null);
    }
  }
}

/**
 * The admin listener's HTTP server: `POST /` with a valid `Authorization: Bearer <JWT>`, else 401
 * (with a JSON-RPC error body) before the body is read. The caller binds it to 127.0.0.1.
 */
export function createAdminServer(options: AdminServerOptions): Server {
  const now = options.now ?? (() => Math.floor(Date.now() / 1000));
  return createServer((request, response) => {
    void (async () => {
      if ((request.url ?? "/").split("?")[0] !== "/") return send(response, 404, failure(null, -32601, "the admin RPC is served at /"));
      try {
        verifyJwt(request.headers.authorization, options.secret, now());
      } catch (error) {
        if (!(error instanceof JwtAuthError)) throw error;
        return send(response, 401, failure(null, -32000, `unauthorized: ${error.shortMessage}`), { "www-authenticate": 'Bearer error="invalid_token"' });
      }
      await answerJsonRpc(request, response, (call) => handle(options, call));
    })().catch((error: unknown) => send(response, 500, failure(null, -32603, error instanceof Error ? error.message : "internal error")));
  });
}
