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
