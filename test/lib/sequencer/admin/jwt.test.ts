import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";

import { ensureJwtSecret, JwtAuthError, JwtSecretError, readJwtSecret, signJwt, verifyJwt, type JwtRejection } from "../../../../lib/sequencer/admin/jwt.ts";

const secret = Buffer.alloc(32, 7);
const now = 1_700_000_000;
const bearer = (token: string) => `Bearer ${token}`;

function rejection(authorization: string | undefined, at = now): JwtRejection | undefined {
  try {
    verifyJwt(authorization, secret, at);
    return undefined;
  } catch (error) {
    assert.ok(error instanceof JwtAuthError);
    return error.reason;
  }
}

describe("admin JWT (Engine API style)", () => {
  it("accepts an HS256 token whose iat is within 60 s either way", () => {
    for (const iat of [now, now - 60, now + 60]) assert.equal(rejection(bearer(signJwt(secret, { iat }))), undefined, `iat ${iat - now}`);
  });

  it("refuses missing, malformed, unsigned, wrongly signed, stale and expired tokens", () => {
    const none = `${Buffer.from('{"alg":"none","typ":"JWT"}').toString("base64url")}.${Buffer.from(JSON.stringify({ iat: now })).toString("base64url")}.`;
    const cases: Array<[string | undefined, JwtRejection]> = [
      [undefined, "missing"],
      ["Basic dXNlcjpwYXNz", "missing"],
      [bearer("not.a.jwt"), "malformed"],
      [bearer(none), "algorithm"],
      [bearer(signJwt(Buffer.alloc(32, 8), { iat: now })), "signature"],
      [bearer(signJwt(secret, { iat: now - 61 })), "iat"],
      [bearer(signJwt(secret, { iat: now + 61 })), "iat"],
      [bearer(signJwt(secret, { iat: now, exp: now - 1 })), "expired"],
    ];
    for (const [authorization, reason] of cases) assert.equal(rejection(authorization), reason, String(authorization));
    const [header, , signature] = signJwt(secret, { iat: now }).split(".");
    const forged = `${header}.${Buffer.from(JSON.stringify({ iat: now, admin: true })).toString("base64url")}.${signature}`;
    assert.equal(rejection(bearer(forged)), "signature", "claims changed after signing");
  });

  it("creates a missing secret file once (mode 0600, 32 random bytes) and reads 0x-prefixed or bare hex", () => {
    const dir = mkdtempSync(join(tmpdir(), "jwt-"));
    const path = join(dir, "jwt.hex");
    const first = ensureJwtSecret(path);
    assert.equal(first.created, true);
    assert.equal(first.secret.length, 32);
    assert.equal(statSync(path).mode & 0o777, 0o600);
    const again = ensureJwtSecret(path);
    assert.deepEqual([again.created, again.secret.equals(first.secret)], [false, true], "kept, not regenerated");
    writeFileSync(join(dir, "bare.hex"), `${"ab".repeat(32)}\n`);
    assert.equal(readJwtSecret(join(dir, "bare.hex")).toString("hex"), "ab".repeat(32));
    assert.match(readFileSync(path, "utf8"), /^0x[0-9a-f]{64}\n$/);
    writeFileSync(join(dir, "short.hex"), "0x1234");
    assert.throws(() => readJwtSecret(join(dir, "short.hex")), JwtSecretError);
  });
});
