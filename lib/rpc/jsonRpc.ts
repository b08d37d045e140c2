import { BaseError } from "../errors.ts";

/** A node answered with a JSON-RPC error, or not at all. */
export class JsonRpcRequestError extends BaseError {
  override name = "JsonRpcRequestError";
  readonly code: number | undefined;
  constructor(method: string, message: string, code?: number, cause?: unknown) {
    super(`${method} failed: ${message}`, { cause });
    this.code = code;
  }
}

/** A minimal JSON-RPC client over fetch, with a timeout: how the sequencer and the devnet talk to nodes. */
export function jsonRpcClient(url: string, { timeoutMs = 10_000 } = {}) {
  let id = 0;
  const post = async (body: string): Promise<string> => {
    const response = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body,
      signal: AbortSignal.timeout(timeoutMs),
    });
    return response.text();
  };
  return {
    url,
    post,
    /** Several requests in one JSON-RPC batch; answers in request order, each a result or an error. */
    async batch(requests: ReadonlyArray<{ method: string; params: unknown[] }>): Promise<Array<{ result?: unknown; error?: { code: number; message: string } }>> {
      const first = id + 1;
      id += requests.length;
      let text: string;
      try {
        text = await post(JSON.stringify(requests.map((r, i) => ({ jsonrpc: "2.0", id: first + i, method: r.method, params: r.params }))));
      } catch (cause) {
        throw new JsonRpcRequestError("batch", `no answer from ${url}`, undefined, cause);
      }
      const answers = JSON.parse(text) as Array<{ id: number; result?: unknown; error?: { code: number; message: string } }>;
      const byId = new Map(answers.map((a) => [a.id, a]));
      return requests.map((_, i) => byId.get(first + i) ?? { error: { code: -32603, message: "no answer in batch" } });
    },
    async request<T>(method: string, params: unknown[] = []): Promise<T> {
      let text: string;
      try {
        text = await post(JSON.stringify({ jsonrpc: "2.0", id: ++id, method, params }));
      } catch (cause) {
        throw new JsonRpcRequestError(method, `no answer from ${url}`, undefined, cause);
      }
      const body = JSON.parse(text) as { result?: T; error?: { code: number; message: string } };
      if (body.error) throw new JsonRpcRequestError(method, body.error.message, body.error.code);
      return body.result as T;
    },
  };
}
