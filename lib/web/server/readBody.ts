/**
 * A request body as text, read only up to `limit` bytes: `undefined` as soon as it is known to be
 * larger (by its declared length, or while streaming), so an oversized body is refused without
 * being held in memory.
 */
export async function readBodyWithin(request: Request, limit: number): Promise<string | undefined> {
  if (Number(request.headers.get("content-length") ?? "0") > limit) return undefined;
  if (!request.body) return "";
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      return undefined;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("utf8");
}

/** The refusals {@link readJsonBody} can make, named as every JSON API of the app names them. */
export type JsonBodyRefusal = "unsupported_media_type" | "payload_too_large" | "malformed";

/**
 * A JSON request body, parsed: refused (with the API's own error, from `refuse`) unless it is
 * declared `application/json`, fits in `limit` bytes and parses.
 *
 * @example
 * const body = await readJsonBody(request, 16 * 1024, (code, message) => new RelayApiError(code, message))
 */
export async function readJsonBody(request: Request, limit: number, refuse: (code: JsonBodyRefusal, message: string) => Error): Promise<unknown> {
  if (!/^application\/json\b/i.test(request.headers.get("content-type") ?? "")) throw refuse("unsupported_media_type", "Send the body as application/json.");
  const text = await readBodyWithin(request, limit);
  if (text === undefined) throw refuse("payload_too_large", `The request body is over ${limit} bytes.`);
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw refuse("malformed", "The request body is not JSON.");
  }
}
