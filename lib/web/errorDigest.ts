/**
 * The digest Next.js gives a server error that reaches an `error.tsx` boundary: production hides
 * the message, and the digest is what finds the error in the server's log.
 */
export function errorDigest(error: unknown): string | undefined {
  return error instanceof Error && "digest" in error && typeof error.digest === "string" ? error.digest : undefined;
}
