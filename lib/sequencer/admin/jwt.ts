/**
 * JWT authentication exactly as the Engine API does it: a 32-byte secret kept hex-encoded in a
 * file both sides read, and every request carries `Authorization: Bearer <token>`, an HS256 JWT
 * whose `iat` is within ±60 s of the server's clock. Nothing but HS256 is accepted (no `none`).
 */
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";

import { BaseError } from "../../errors.ts";

export const JWT_IAT_TOLERANCE_SECONDS = 60;
const SECRET_BYTES = 32;

/** The secret file is missing where it must exist, or does not hold 32 bytes of hex. */
export class JwtSecretError extends BaseError {
  override name = "JwtSecretError";
}

export type JwtRejection = "missing" | "malformed" | "algorithm" | "signature" | "iat" | "expired";

/** A request's token was refused; the admin listener answers it with HTTP 401. */
export class JwtAuthError extends BaseError {
  override name = "JwtAuthError";
  readonly reason: JwtRejection;
  constructor(reason: JwtRejection, message: string) {
    super(message);
    this.reason = reason;
  }
}

/**
 * The 32-byte secret in `path` (64 hex digits, `0x` prefix and surrounding whitespace allowed).
 *
 * @throws {JwtSecretError} when the file cannot be read or holds anything else.
 */
export function readJwtSecret(path: string): Buffer {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (cause) {
    throw new JwtSecretError(`cannot read the JWT secret file ${path}`, { cause });
  }
  const hex = text.trim().replace(/^0x/i, "");
  if (!/^[0-9a-fA-F]{64}$/.test(hex)) throw new JwtSecretError(`${path} must hold a 32-byte hex secret (64 hex digits)`);
  return Buffer.from(hex, "hex");
}

/**
 * The secret in `path`, generated first (random, written with mode 0600) when there is no file,
 * as geth does with `--authrpc.jwtsecret`. The secret itself is never printed or logged.
 *
 * @example
 * const { secret, created } = ensureJwtSecret(".devnet/sequencer-jwt.hex")
 */
export function ensureJwtSecret(path: string): { secret: Buffer; created: boolean } {
  try {
    writeFileSync(path, `0x${randomBytes(SECRET_BYTES).toString("hex")}\n`, { mode: 0o600, flag: "wx" });
    return { secret: readJwtSecret(path), created: true };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw new JwtSecretError(`cannot create the JWT secret file ${path}`, { cause: error });
  }
  return { secret: readJwtSecret(path), created: false };
}

const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");
const mac = (secret: Buffer, signingInput: string) => createHmac("sha256", secret).update(signingInput).digest();

/**
 * An HS256 token for the admin listener (what an operator's client sends as `Bearer <token>`).
 *
 * @example
 * fetch(adminUrl, { headers: { authorization: `Bearer ${signJwt(secret, { iat: Math.floor(Date.now() / 1000) })}` }, … })
 */
export function signJwt(secret: Buffer, claims: { iat: number } & Record<string, unknown>): string {
  const signingInput = `${encode({ alg: "HS256", typ: "JWT" })}.${encode(claims)}`;
  return `${signingInput}.${mac(secret, signingInput).toString("base64url")}`;
}

function decodeJson(part: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(Buffer.from(part, "base64url").toString("utf8"));
    return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Checks an `Authorization` header: a Bearer HS256 JWT signed with `secret` whose `iat` is within
 * {@link JWT_IAT_TOLERANCE_SECONDS} of `nowSeconds` (and whose `exp`, if it has one, is not past).
 *
 * @throws {JwtAuthError} saying why the token is refused.
 */
export function verifyJwt(authorization: string | undefined, secret: Buffer, nowSeconds: number): void {
  const token = /^Bearer\s+(\S+)$/i.exec(authorization?.trim() ?? "")?.[1];
  if (token === undefined) throw new JwtAuthError("missing", "missing bearer token: send Authorization: Bearer <HS256 JWT>");
  const [header = "", payload = "", signature = "", ...extra] = token.split(".");
  const [headerJson, claims] = [decodeJson(header), decodeJson(payload)];
  if (!headerJson || !claims || extra.length > 0) throw new JwtAuthError("malformed", "malformed JWT");
  if (headerJson["alg"] !== "HS256") throw new JwtAuthError("algorithm", "the JWT must be signed with HS256");
  const expected = mac(secret, `${header}.${payload}`);
  const given = Buffer.from(signature, "base64url");
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw new JwtAuthError("signature", "invalid JWT signature");
  const { iat, exp } = claims;
  if (typeof iat !== "number" || Math.abs(nowSeconds - iat) > JWT_IAT_TOLERANCE_SECONDS) {
    throw new JwtAuthError("iat", `the JWT's iat must be within ${JWT_IAT_TOLERANCE_SECONDS} s of the server's time`);
  }
  if (exp !== undefined && (typeof exp !== "number" || exp < nowSeconds)) throw new JwtAuthError("expired", "the JWT has expired");
}
