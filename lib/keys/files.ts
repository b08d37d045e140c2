import { open } from "node:fs/promises";

import { KeyFileUnreadableError } from "./errors.ts";

/** What a bounded read found: the text, or that the file is larger than allowed. */
export type BoundedRead = { kind: "text"; text: string } | { kind: "oversized" };

/**
 * Reads at most `maxBytes` of a small secret-bearing file (a keystore, a password file) as UTF-8;
 * a larger file is reported, never read whole.
 *
 * @throws {KeyFileUnreadableError} when the file cannot be opened or read.
 * @example
 * const read = await readBoundedFile("/etc/superchain/relayer.json", 65_536, "keystore")
 * if (read.kind === "text") JSON.parse(read.text)
 */
export async function readBoundedFile(path: string, maxBytes: number, what: "keystore" | "password file"): Promise<BoundedRead> {
  try {
    const handle = await open(path, "r");
    try {
      const { size } = await handle.stat();
      if (size > maxBytes) return { kind: "oversized" };
      const buffer = Buffer.alloc(maxBytes + 1);
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
      if (bytesRead > maxBytes) return { kind: "oversized" };
      return { kind: "text", text: buffer.subarray(0, bytesRead).toString("utf8") };
    } finally {
      await handle.close();
    }
  } catch (cause) {
    throw new KeyFileUnreadableError({ path, what, cause });
  }
}
