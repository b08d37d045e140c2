/**
 * lib/keys/keystore.ts: v3 keystores written and read back, and every way a keystore or its
 * password can be wrong — each a typed error that never quotes a secret. Keystores here use a
 * small scrypt cost (N = 2^10) so the suite stays fast; `superchain keys` uses the standard one.
 */
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { after, describe, it } from "node:test";

import { generatePrivateKey, privateKeyToAccount } from "viem/accounts";

import {
  encryptKeystore,
  KeyFileUnreadableError,
  KEYSTORE_MAX_BYTES,
  KeystoreExistsError,
  KeystoreMalformedError,
  KeystoreWrongPasswordError,
  loadKeystoreAccount,
  parsePrivateKey,
  PasswordInvalidError,
  PasswordUnavailableError,
  PrivateKeyMalformedError,
  writeKeystore,
  type KeyError,
} from "../../../lib/keys/index.ts";

const dir = mkdtempSync(join(tmpdir(), "superchain-keys-"));
const SCRYPT_N = 1024;
const privateKey = generatePrivateKey();
const { address } = privateKeyToAccount(privateKey);
const PASSWORD = "correct horse battery staple";

function file(name: string, content: string): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}
const passwordFile = file("password", `${PASSWORD}\nignored second line\n`);
const fromFile = { kind: "file", path: passwordFile } as const;

/** The error's every text, for asserting that a secret is in none of it. */
const texts = (error: KeyError): string => [error.message, error.shortMessage, error.details ?? ""].join("\n");

describe("keystores", () => {
  after(() => rmSync(dir, { recursive: true, force: true }));

  it("a written keystore loads back as the same account, with the password file's first line", async () => {
    const out = join(dir, "round-trip.json");
    assert.equal(await writeKeystore({ out, privateKey, password: PASSWORD, scryptN: SCRYPT_N }), address);
    assert.equal(statSync(out).mode & 0o777, 0o600);
    const account = await loadKeystoreAccount({ path: out, password: fromFile });
    assert.equal(account.address, address);
    assert.equal(account.type, "local");
    assert.ok(!JSON.stringify(account).includes(privateKey.slice(2)), "the account object does not expose the key");
  });

  it("opens a keystore written by another tool: the Web3 Secret Storage definition's pbkdf2 test vector", async () => {
    const vector = {
      crypto: {
        cipher: "aes-128-ctr",
        cipherparams: { iv: "6087dab2f9fdbbfaddc31a909735c1e6" },
        ciphertext: "5318b4d5bcd28de64ee5559e671353e16f075ecae9f99c7a79a38af5f869aa46",
        kdf: "pbkdf2",
        kdfparams: { c: 262144, dklen: 32, prf: "hmac-sha256", salt: "ae3cd4e7013836a3df6bd7241b12db061dbe2c6785853cce422d148a624ce0bd" },
        mac: "517ead924a9d0dc3124507e3393d175ce3ff7c1e96529c6c555ce9e51205e9b2",
      },
      id: "3198bc9c-6672-5ab3-d995-4942343ae5b6",
      version: 3,
    };
    const path = file("spec-vector.json", JSON.stringify(vector));
    const account = await loadKeystoreAccount({ path, password: { kind: "file", path: file("spec-password", "testpassword") } });
    assert.equal(account.address.toLowerCase(), "0x008aeeda4d805471df9b2a5b0f38a0c3bcba786b");
  });

  it("the standard cost is ethers' (scrypt N = 2^17) unless a test lowers it", async () => {
    const json = JSON.parse(await encryptKeystore({ privateKey, password: PASSWORD }));
    assert.equal(json.Crypto.kdf, "scrypt");
    assert.equal(json.Crypto.kdfparams.n, 2 ** 17);
    assert.equal(json.Crypto.cipher, "aes-128-ctr");
  });

  it("never overwrites a file", async () => {
    const out = file("taken.json", "{}");
    await assert.rejects(writeKeystore({ out, privateKey, password: PASSWORD, scryptN: SCRYPT_N }), KeystoreExistsError);
  });

  it("a wrong password is KeystoreWrongPasswordError, naming neither password", async () => {
    const out = join(dir, "wrong.json");
    await writeKeystore({ out, privateKey, password: PASSWORD, scryptN: SCRYPT_N });
    const other = file("other-password", "not the password\n");
    const error = await loadKeystoreAccount({ path: out, password: { kind: "file", path: other } }).catch((e: unknown) => e);
    assert.ok(error instanceof KeystoreWrongPasswordError);
    assert.ok(!texts(error).includes("not the password") && !texts(error).includes(PASSWORD));
  });

  it("malformed keystores are KeystoreMalformedError, and a plaintext key in one is never quoted", async () => {
    const valid = JSON.parse(await encryptKeystore({ privateKey, password: PASSWORD, scryptN: SCRYPT_N }));
    const cases: Record<string, string> = {
      "raw-key": `${privateKey}\n`,
      "plaintext-map": JSON.stringify({ 901: privateKey }),
      "not-json": `{"key": ${privateKey}`,
      array: "[]",
      "version-1": JSON.stringify({ ...valid, version: 1 }),
      "no-crypto": JSON.stringify({ version: 3 }),
      cipher: JSON.stringify({ ...valid, Crypto: { ...valid.Crypto, cipher: "aes-256-gcm" } }),
      kdf: JSON.stringify({ ...valid, Crypto: { ...valid.Crypto, kdf: "argon2" } }),
      "scrypt-huge": JSON.stringify({ ...valid, Crypto: { ...valid.Crypto, kdfparams: { ...valid.Crypto.kdfparams, n: 2 ** 30 } } }),
      "mac-missing": JSON.stringify({ ...valid, Crypto: { ...valid.Crypto, mac: undefined } }),
    };
    for (const [name, content] of Object.entries(cases)) {
      const error = await loadKeystoreAccount({ path: file(`${name}.json`, content), password: fromFile }).catch((e: unknown) => e);
      assert.ok(error instanceof KeystoreMalformedError, `${name}: ${String(error)}`);
      assert.ok(!texts(error).includes(privateKey.slice(2)), name);
    }
  });

  it("an oversized keystore is refused unread", async () => {
    const path = file("huge.json", " ".repeat(KEYSTORE_MAX_BYTES + 1));
    await assert.rejects(loadKeystoreAccount({ path, password: fromFile }), (error: unknown) => error instanceof KeystoreMalformedError && /larger than 65536 bytes/.test(error.shortMessage));
  });

  it("a missing or unreadable file is KeyFileUnreadableError, before any password is asked for", async () => {
    const input = Object.assign(new PassThrough(), { isTTY: true, setRawMode: () => assert.fail("the password was asked for") });
    const neverAsked = { kind: "prompt", terminal: { input, output: new PassThrough() } } as const;
    await assert.rejects(loadKeystoreAccount({ path: join(dir, "absent.json"), password: neverAsked }), (e: unknown) => e instanceof KeyFileUnreadableError && /no such file/.test(e.shortMessage));
    const folder = join(dir, "folder");
    mkdirSync(folder);
    await assert.rejects(loadKeystoreAccount({ path: folder, password: fromFile }), KeyFileUnreadableError);
  });

  it("a password file that is missing, empty or oversized is refused", async () => {
    const out = join(dir, "pw-cases.json");
    await writeKeystore({ out, privateKey, password: PASSWORD, scryptN: SCRYPT_N });
    const load = (path: string) => loadKeystoreAccount({ path: out, password: { kind: "file", path } });
    await assert.rejects(load(join(dir, "no-password")), KeyFileUnreadableError);
    await assert.rejects(load(file("empty-password", "\n")), PasswordInvalidError);
    await assert.rejects(load(file("huge-password", "x".repeat(5000))), PasswordInvalidError);
  });

  it("a prompt without a terminal is PasswordUnavailableError", async () => {
    const out = join(dir, "no-tty.json");
    await writeKeystore({ out, privateKey, password: PASSWORD, scryptN: SCRYPT_N });
    const notATerminal = { input: Object.assign(new PassThrough(), { isTTY: false }), output: new PassThrough() };
    await assert.rejects(loadKeystoreAccount({ path: out, password: { kind: "prompt", terminal: notATerminal } }), PasswordUnavailableError);
  });

  it("parsePrivateKey takes 0x and 64 hex digits in the curve's range, and names only the source", () => {
    assert.equal(parsePrivateKey(`  ${privateKey.toUpperCase().replace("0X", "0x")}\n`, "stdin"), privateKey.toLowerCase());
    for (const bad of ["", "0x1234", privateKey.slice(2), `0x${"0".repeat(64)}`, `0x${"f".repeat(64)}`, `${privateKey}00`]) {
      assert.throws(() => parsePrivateKey(bad, "stdin"), (e: unknown) => e instanceof PrivateKeyMalformedError && e.shortMessage === "stdin is not a private key (0x and 64 hex digits)");
    }
  });
});
