/**
 * Where `superchain sequencer start` gets the operators' accounts: keystores
 * (`--operator-keystore <chainId>=<file>`, one password from `--password-file` or a prompt per
 * keystore), or on the devnet only the plaintext `--operator-keys` file it writes.
 */
import { readFileSync } from "node:fs";

import type { LocalAccount } from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { z } from "zod";

import type { Manifest } from "../../chains/index.ts";
import { fileFailure, loadKeystoreAccount, refusePlaintextKey } from "../../keys/index.ts";
import { OperatorKeysFileError, OperatorKeystoreError } from "../errors.ts";
import { passwordSource } from "../secrets.ts";

/** `--operator-keystore`: `<chainId>=<file>`, repeatable, one per member chain. */
export const operatorKeystoreOption = z
  .array(z.string().regex(/^\d+=.+$/, { error: "must be <chainId>=<keystore file>" }))
  .refine((entries) => new Set(entries.map((entry) => entry.split("=")[0])).size === entries.length, {
    error: "--operator-keystore names a chain twice",
    params: { standalone: true },
  })
  .optional()
  .meta({ description: "A member chain's operator keystore (signs its commitments), e.g. 901=op-901.json", placeholder: "chainId=file" });

export interface OperatorKeyOptions {
  operatorKeys?: string | undefined;
  operatorKeystore?: readonly string[] | undefined;
  passwordFile?: string | undefined;
}

/**
 * The operators' accounts by chain id, or undefined when none was given (commitments off).
 *
 * @throws {PlaintextKeyRefusedError} for `--operator-keys` on a manifest other than the devnet's.
 * @throws {CliUsageError} for keystores with no password file and no terminal (exit 2).
 * @throws {OperatorKeystoreError | OperatorKeysFileError} and lib/keys' errors for a keystore
 *   of no member chain, or a key file or keystore that cannot be read or decrypted.
 */
export async function operatorAccounts(options: OperatorKeyOptions, manifest: Manifest, usage: string): Promise<Record<number, LocalAccount> | undefined> {
  if (options.operatorKeys !== undefined) {
    refusePlaintextKey(manifest, { input: `--operator-keys ${options.operatorKeys}`, alternative: "--operator-keystore <chainId>=<file> (with --password-file <file>)" });
    const keys = readOperatorKeys(options.operatorKeys);
    return Object.fromEntries(Object.entries(keys).map(([chainId, key]) => [chainId, privateKeyToAccount(key)]));
  }
  if (options.operatorKeystore === undefined) return undefined;
  const password = passwordSource({ passwordFile: options.passwordFile, usage });
  const accounts: Record<number, LocalAccount> = {};
  for (const entry of options.operatorKeystore) {
    const [chainId, path] = [Number(entry.slice(0, entry.indexOf("="))), entry.slice(entry.indexOf("=") + 1)];
    if (!manifest.members.some((member) => member.chainId === chainId)) throw new OperatorKeystoreError(chainId, manifest);
    accounts[chainId] = await loadKeystoreAccount({ path, password });
  }
  return accounts;
}

const operatorKeysSchema = z.record(z.string().regex(/^\d+$/), z.string().regex(/^0x[0-9a-fA-F]{64}$/));

/** `{"<chainId>": "0x<32-byte key>"}` from `file`; no error quotes the file's text. */
function readOperatorKeys(file: string): Record<number, `0x${string}`> {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (cause) {
    throw new OperatorKeysFileError(file, { details: fileFailure(cause), cause });
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    // The parser's message quotes the text, which holds keys: it is not passed on.
    throw new OperatorKeysFileError(file, { details: 'it is not JSON; expected {"<chainId>": "0x<64 hex digits>", …}' });
  }
  const parsed = operatorKeysSchema.safeParse(json);
  if (!parsed.success) throw new OperatorKeysFileError(file, { details: 'expected {"<chainId>": "0x<64 hex digits>", …}' });
  return Object.fromEntries(Object.entries(parsed.data).map(([chainId, key]) => [Number(chainId), key as `0x${string}`]));
}
