import type { IncomingMessage, ServerResponse } from "node:http";

export const MAX_BODY_BYTES = 16 * 1024 * 1024;
export const MAX_BATCH = 1_000;

export interface RpcRequest {
  jsonrpc?: unknown;
  id?: unknown;
  method?: unknown;
  params?: unknown;
}

export type RpcResponse =
  | { jsonrpc: "2.0"; id: unknown; result: unknown }
  | { jsonrpc: "2.0"; id: unknown; error: { code: number; message: string; data?: unknown } };

/** A checked request: `method` a string, `params` an array (absent params are `[]`). */
export interface ValidRpcRequest {
  id: unknown;
  method: string;
  params: unknown[];
}

export const success = (id: unknown, result: unknown): RpcResponse => ({ jsonrpc: "2.0", id: id ?? null, result });

export const failure = (id: unknown, code: number, message: string, data?: unknown): RpcResponse => ({
  jsonrpc: "2.0",
  id: id ?? null,
  error: data === undefined ? { code, message } : { code, message, data },
});

/** The error answer for an exception: its numeric `code` when it has one, else -32603. */
export function failureOf(id: unknown, error: unknown): RpcResponse {
  const code = (error as { code?: unknown } | null)?.code;
  return failure(id, typeof code === "number" ? code : -32603, error instanceof Error ? error.message : String(error));
}

/**
 * `application/json`, parameters allowed (`application/json; charset=utf-8`). Anything else —
 * `text/plain`, a form encoding, no type at all — is what a web page can POST cross-site without
 * a CORS preflight, so JSON-RPC endpoints refuse it.
 */
export function isJsonContentType(header: string | undefined): boolean {
  return header !== undefined && /^application\/json\s*(?:;|$)/i.test(header.trim());
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

export function send(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  const text = JSON.stringify(body, (_key, value: unknown) => (typeof value === "bigint" ? value.toString() : value));
  response.writeHead(status, { "content-type": "application/json", ...headers }).end(text);
}

/** Checks the envelope of one request; an error answer when it is not a JSON-RPC 2.0 call. */
function validate(request: RpcRequest): ValidRpcRequest | RpcResponse {
  if (typeof request !== "object" || request === null || Array.isArray(request) || request.jsonrpc !== "2.0" || typeof request.method !== "string") {
    return failure(request?.id, -32600, 'invalid request: expected {jsonrpc: "2.0", method, params, id}');
  }
  const params = request.params === undefined ? [] : request.params;
  if (!Array.isArray(params)) return failure(request.id, -32602, "params must be an array");
  return { id: request.id, method: request.method, params };
}

/**
 * Answers a POSTed JSON-RPC body (one request or a batch): 415 unless it is JSON, 413 when it is
 * over {@link MAX_BODY_BYTES}, JSON-RPC errors for unparsable bodies, bad envelopes and batches
 * out of bounds; every valid request goes through `handle`, batch items concurrently.
 */
export async function answerJsonRpc(request: IncomingMessage, response: ServerResponse, handle: (request: ValidRpcRequest) => Promise<RpcResponse>): Promise<void> {
  if (request.method !== "POST") return send(response, 405, failure(null, -32600, "JSON-RPC requests are POSTed"), { allow: "POST" });
  if (!isJsonContentType(request.headers["content-type"])) {
    return send(response, 415, failure(null, -32600, "send JSON-RPC with content-type application/json"));
  }
  const body = await readBody(request);
  if (body === undefined) return send(response, 413, failure(null, -32600, `request body over ${MAX_BODY_BYTES} bytes`));
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return send(response, 200, failure(null, -32700, "parse error: the body is not JSON"));
  }
  const one = async (item: unknown): Promise<RpcResponse> => {
    const checked = validate((item ?? {}) as RpcRequest);
    if ("jsonrpc" in checked) return checked;
    try {
      return await handle(checked);
    } catch (error) {
      return failureOf(checked.id, error);
    }
  };
  if (!Array.isArray(parsed)) return send(response, 200, await one(parsed));
  if (parsed.length === 0) return send(response, 200, failure(null, -32600, "empty batch"));
  if (parsed.length > MAX_BATCH) return send(response, 200, failure(null, -32600, `batch over ${MAX_BATCH} requests`));
  return send(response, 200, await inSlices(parsed, one));
}

/** Batch items started per turn of the event loop. */
const BATCH_SLICE = 32;
/** Slices of one batch in flight at once: a batch has at most BATCH_SLICE × BATCH_LANES items running. */
const BATCH_LANES = 4;

/**
 * Runs a batch's items a slice at a time on a few lanes: each lane starts its next slice once its
 * previous one has settled, yielding to the event loop in between. A client's thousand-transaction
 * batch so has at most {@link BATCH_SLICE} × {@link BATCH_LANES} items in the sequencer at once and
 * is paced by how fast they are answered — flow control, as a peer's transaction announcements are
 * in geth — instead of putting all thousand ahead of another client's single request. The answers
 * still come back together, in order.
 */
async function inSlices<T, R>(items: readonly T[], start: (item: T) => Promise<R>): Promise<R[]> {
  const answers: Array<Promise<R>> = new Array<Promise<R>>(items.length);
  const slices = Math.ceil(items.length / BATCH_SLICE);
  let next = 0;
  const lane = async () => {
    while (next < slices) {
      const first = next++ * BATCH_SLICE;
      if (first > 0) await new Promise<void>((resolve) => setImmediate(resolve));
      const running = items.slice(first, first + BATCH_SLICE).map(start);
      running.forEach((answer, i) => (answers[first + i] = answer));
      await Promise.allSettled(running);
    }
  };
  await Promise.all(Array.from({ length: Math.min(BATCH_LANES, slices) }, lane));
  return Promise.all(answers);
}
