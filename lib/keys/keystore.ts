/**
 * Web3 Secret Storage (v3) keystores — scrypt or pbkdf2, aes-128-ctr, keccak MAC — as geth, clef
 * and ethers write them. The cryptography is ethers v6's (`encryptKeystoreJson`,
 * `decryptKeystoreJson`); this module bounds what it reads, maps failures to typed errors that
 * carry no secret, and hands out viem accounts.
 */
import { writeFile } from "node:fs/promises";

import { decryptKeystoreJson, encryptKeystoreJson } from "ethers/wallet";
import type { Address, Hex, LocalAccount } from "viem";
import { privateKeyToAccount } from "viem/accounts";

import { KeystoreExistsError, KeystoreMalformedError, KeystoreNotWritableError, KeystoreWrongPasswordError, PrivateKeyMalformedError } from "./errors.ts";
import { readBoundedFile } from "./files.ts";
import { readPassword, type PasswordSource } from "./password.ts";

/** The largest keystore file read, in bytes (a real one is under 1 KiB). */
export const KEYSTORE_MAX_BYTES = 64 * 1024;

/** The key-derivation cost a keystore may ask for: scrypt's memory (128·N·r bytes) and pbkdf2's rounds. */
const MAX_SCRYPT_MEMORY = 2 ** 30;
const MAX_SCRYPT_P = 16;
const MAX_PBKDF2_ROUNDS = 2 ** 24;

const SECP256K1_ORDER = 0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141n;

/**
 * `text` (surrounding whitespace ignored) as a private key: 0x and 64 hex digits, in the curve's range.
 *
 * @throws {PrivateKeyMalformedError} naming `source`, never the text.
 * @example
 * parsePrivateKey("0x59c6…690d\n", "stdin")
 */
export function parsePrivateKey(text: string, source: string): Hex {
  const key = text.trim();
  if (!/^0x[0-9a-fA-F]{64}$/.test(key)) throw new PrivateKeyMalformedError(source);
  const value = BigInt(key);
  if (value === 0n || value >= SECP256K1_ORDER) throw new PrivateKeyMalformedError(source);
  return key.toLowerCase() as Hex;
}

/**
 * A v3 keystore JSON of `privateKey` under `password`, with ethers' standard scrypt cost
 * (N = 2^17). `scryptN` lowers it for tests only.
 *
 * @example
 * const json = await encryptKeystore({ privateKey: generatePrivateKey(), password })
 */
export async function encryptKeystore({ privateKey, password, scryptN }: { privateKey: Hex; password: string; scryptN?: number }): Promise<string> {
  const { address } = privateKeyToAccount(privateKey);
  return encryptKeystoreJson({ address, privateKey }, password, scryptN === undefined ? {} : { scrypt: { N: scryptN } });
}

/**
 * Encrypts `privateKey` under `password` into a new keystore file `out` (mode 0600), which must not
 * exist, and returns the key's address.
 *
 * @throws {KeystoreExistsError | KeystoreNotWritableError}
 * @example
 * const address = await writeKeystore({ out: "relayer.json", privateKey, password })
 */
export async function writeKeystore({ out, ...key }: { out: string; privateKey: Hex; password: string; scryptN?: number }): Promise<Address> {
  const json = await encryptKeystore(key);
  try {
    await writeFile(out, `${json}\n`, { flag: "wx", mode: 0o600 });
  } catch (cause) {
    if ((cause as { code?: unknown }).code === "EEXIST") throw new KeystoreExistsError({ path: out });
    throw new KeystoreNotWritableError({ path: out, cause });
  }
  return privateKeyToAccount(key.privateKey).address;
}

/**
 * The account in the keystore file `path`, decrypted with the password from `password` (asked
 * for only once the file is known to be a keystore).
 *
 * @throws {KeyFileUnreadableError | KeystoreMalformedError | KeystoreWrongPasswordError} and
 *   whatever {@link readPassword} throws.
 * @example
 * const operator = await loadKeystoreAccount({ path: "op-901.json", password: { kind: "file", path: "pw" } })
 */
export async function loadKeystoreAccount({ path, password }: { path: string; password: PasswordSource }): Promise<LocalAccount> {
  const json = await readKeystoreFile(path);
  return decryptKeystore({ path, json, password: await readPassword(password, { question: `Password for ${path}: ` }) });
}

/** The private key of the keystore file `path` (see {@link decryptKeystoreKey} for who may need it). */
export async function loadKeystoreKey({ path, password }: { path: string; password: PasswordSource }): Promise<Hex> {
  const json = await readKeystoreFile(path);
  return decryptKeystoreKey({ path, json, password: await readPassword(password, { question: `Password for ${path}: ` }) });
}

/**
 * The text of the keystore file `path`, checked to be a v3 keystore with a bounded key-derivation cost.
 *
 * @throws {KeyFileUnreadableError | KeystoreMalformedError}
 */
export async function readKeystoreFile(path: string): Promise<string> {
  const read = await readBoundedFile(path, KEYSTORE_MAX_BYTES, "keystore");
  if (read.kind === "oversized") throw new KeystoreMalformedError({ path, reason: `it is larger than ${KEYSTORE_MAX_BYTES} bytes` });
  let data: unknown;
  try {
    data = JSON.parse(read.text);
  } catch {
    // The parser's message quotes the text, which may be a key: it is not passed on.
    throw new KeystoreMalformedError({ path, reason: "it is not JSON" });
  }
  const problem = keystoreProblem(data);
  if (problem !== undefined) throw new KeystoreMalformedError({ path, reason: problem });
  return read.text;
}

/**
 * Decrypts the keystore `json` (read from `path`) with `password`.
 *
 * @throws {KeystoreWrongPasswordError | KeystoreMalformedError}
 */
export async function decryptKeystore({ path, json, password }: { path: string; json: string; password: string }): Promise<LocalAccount> {
  return privateKeyToAccount(await decryptKeystoreKey({ path, json, password }));
}

/**
 * The private key a keystore holds, for the one library that signs only with a raw key
 * (protocol-kit relaying a Safe transaction); everything else takes the account.
 *
 * @throws {KeystoreWrongPasswordError | KeystoreMalformedError}
 */
export async function decryptKeystoreKey({ path, json, password }: { path: string; json: string; password: string }): Promise<Hex> {
  let privateKey: string;
  try {
    ({ privateKey } = await decryptKeystoreJson(json, password));
  } catch (error) {
    const { argument, shortMessage } = error as { argument?: unknown; shortMessage?: unknown };
    if (argument === "password") throw new KeystoreWrongPasswordError({ path });
    // ethers' short messages are fixed sentences ("unsupported cipher"); its full ones quote values.
    throw new KeystoreMalformedError({ path, reason: typeof shortMessage === "string" ? shortMessage : "it cannot be decrypted" });
  }
  return privateKey as Hex;
}

type Loose = Record<string, unknown>;
const isObject = (value: unknown): value is Loose => typeof value === "object" && value !== null && !Array.isArray(value);

/** Why parsed JSON is not a v3 keystore this code will decrypt, or undefined. */
function keystoreProblem(data: unknown): string | undefined {
  if (!isObject(data)) return "it is not a JSON object";
  if (Number(data["version"]) !== 3) return "it is not version 3 of Web3 Secret Storage";
  const crypto = data["crypto"] ?? data["Crypto"];
  if (!isObject(crypto)) return "it has no crypto section";
  if (crypto["cipher"] !== "aes-128-ctr") return "its cipher is not aes-128-ctr";
  const params = crypto["kdfparams"];
  if (!isObject(params)) return "it has no kdfparams";
  const number = (key: string) => Number(params[key]);
  if (crypto["kdf"] === "scrypt") {
    const [n, r, p] = [number("n"), number("r"), number("p")];
    if (![n, r, p].every((v) => Number.isSafeInteger(v) && v > 0)) return "its scrypt parameters are not positive integers";
    if (128 * n * r > MAX_SCRYPT_MEMORY || p > MAX_SCRYPT_P) return "its scrypt parameters ask for more than 1 GiB or 16 lanes";
    return undefined;
  }
  if (crypto["kdf"] === "pbkdf2") {
    const c = number("c");
    if (!Number.isSafeInteger(c) || c <= 0 || c > MAX_PBKDF2_ROUNDS) return `its pbkdf2 rounds are not between 1 and ${MAX_PBKDF2_ROUNDS}`;
    return undefined;
  }
  return "its key derivation is neither scrypt nor pbkdf2";
}
