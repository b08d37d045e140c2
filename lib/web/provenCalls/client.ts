import type { TransactionState } from "../useTransaction.ts";
import type { RefusalJson } from "./errors.ts";

export interface FetchProvenCallParameters<Write, Code extends string> {
  /** The API's URL with its query, e.g. `/api/bridge/prepare?kind=deposit&chainId=901&id=3`. */
  url: string;
  /** Reads the answer's `call` back to the write the page asked for; undefined refuses it. */
  parse: (call: unknown) => Write | undefined;
  /** The error names the status line shows for refusal codes; any other refusal is `PrepareFailed`. */
  names?: Partial<Record<Code, string>>;
  /** The sentence shown when the answer is not the call the page asked for. */
  mismatch: string;
}

export type FetchProvenCallReturnType<Write, Code extends string> =
  | { ok: true; write: Write }
  | { ok: false; state: TransactionState & { status: "failed" }; /** The server's refusal code, when it refused. */ refusal: Code | undefined };

const failed = (name: string, sentence: string) => ({ status: "failed", error: { name, sentence } }) as const;

/**
 * Fetches a call proven on the server (the browser never asks a node for `eth_getProof`) and
 * checks it, turning every way it can fail (no answer, the server's refusal, an answer that is
 * not the asked call) into a failed state the status line shows as a sentence, never a raw body.
 *
 * @example
 * const fetched = await fetchProvenCall({ url: `/api/bridge/prepare?${query}`, parse: fromPreparedJson, mismatch: "…" })
 * if (fetched.ok) await send(fetched.write)
 */
export async function fetchProvenCall<Write, Code extends string>({ url, parse, names = {}, mismatch }: FetchProvenCallParameters<Write, Code>): Promise<FetchProvenCallReturnType<Write, Code>> {
  let response: Response;
  try {
    response = await fetch(url, { cache: "no-store" });
  } catch {
    return { ok: false, state: failed("NetworkError", "The app's server did not answer; check your connection and try again."), refusal: undefined };
  }
  const body = (await response.json().catch(() => undefined)) as ({ call?: unknown } & Partial<RefusalJson<Code>>) | undefined;
  if (!response.ok) {
    const code = body?.error?.code;
    const message = body?.error?.message ?? `The server could not prepare the proof (HTTP ${response.status}).`;
    const name = code !== undefined && Object.hasOwn(names, code) ? names[code] : undefined;
    return { ok: false, state: failed(name ?? "PrepareFailed", message), refusal: code };
  }
  const write = parse(body?.call);
  return write === undefined ? { ok: false, state: failed("PrepareFailed", mismatch), refusal: undefined } : { ok: true, write };
}
