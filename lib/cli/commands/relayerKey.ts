/**
 * The account that signs `superchain relay`'s hub transactions: a keystore (`--keystore` or
 * `SUPERCHAIN_RELAYER_KEYSTORE`, its password from `--password-file`,
 * `SUPERCHAIN_RELAYER_PASSWORD_FILE` or a prompt), or on the devnet only the plaintext
 * `SUPERCHAIN_RELAYER_KEY` or, by default, the deployer's public dev key.
 */
import type { Account } from "viem";
import { privateKeyToAccount } from "viem/accounts";

import { isDevnetManifest, type Manifest } from "../../chains/index.ts";
import { devAccount, DEV_ROLES } from "../../devnet/accounts.ts";
import { BaseError } from "../../errors.ts";
import { loadKeystoreAccount, parsePrivateKey, refusePlaintextKey } from "../../keys/index.ts";
import { CliUsageError } from "../errors.ts";
import { passwordSource } from "../secrets.ts";

/** The relayer's plaintext key: accepted on the devnet's manifest only. */
export const RELAYER_KEY_ENV = "SUPERCHAIN_RELAYER_KEY";
/** The relayer's keystore file (what `--keystore` overrides). */
export const RELAYER_KEYSTORE_ENV = "SUPERCHAIN_RELAYER_KEYSTORE";
/** The file whose first line is the relayer keystore's password (what `--password-file` overrides). */
export const RELAYER_PASSWORD_FILE_ENV = "SUPERCHAIN_RELAYER_PASSWORD_FILE";

/** The relayer key is missing, or given two ways at once. */
export class RelayerKeyError extends BaseError {
  override name = "RelayerKeyError";
}

export interface RelayerKeyInputs {
  /** `--keystore`, over `SUPERCHAIN_RELAYER_KEYSTORE`. */
  keystore?: string | undefined;
  /** `--password-file`, over `SUPERCHAIN_RELAYER_PASSWORD_FILE`. */
  passwordFile?: string | undefined;
  /** The relay command's usage, for the usage errors. */
  usage: string;
}

const setting = (value: string | undefined): string | undefined => (value?.trim() ? value.trim() : undefined);

/**
 * The account that signs relays: the keystore when one is given; else, on the devnet's manifest
 * only, `SUPERCHAIN_RELAYER_KEY` or the deployer's public dev key.
 *
 * @throws {CliUsageError} (exit 2) for a keystore with no password file and no terminal, or a
 *   password file without a keystore.
 * @throws {RelayerKeyError} when no key is given outside the devnet, or a keystore and a plaintext key both are.
 * @throws {PlaintextKeyRefusedError | PrivateKeyMalformedError} for `SUPERCHAIN_RELAYER_KEY`
 *   outside the devnet, or not a key; and lib/keys' errors for a keystore that cannot be loaded.
 * @example
 * const account = await relayerAccount(manifest, process.env, { usage })
 */
export async function relayerAccount(manifest: Manifest, env: Readonly<Record<string, string | undefined>>, inputs: RelayerKeyInputs): Promise<Account> {
  const keystore = setting(inputs.keystore) ?? setting(env[RELAYER_KEYSTORE_ENV]);
  const passwordFile = setting(inputs.passwordFile) ?? setting(env[RELAYER_PASSWORD_FILE_ENV]);
  const plaintext = setting(env[RELAYER_KEY_ENV]);
  if (keystore !== undefined) {
    if (plaintext !== undefined) throw new RelayerKeyError(`both a relayer keystore and ${RELAYER_KEY_ENV} are set; unset ${RELAYER_KEY_ENV}`);
    const how = `--password-file <file> or ${RELAYER_PASSWORD_FILE_ENV}`;
    return loadKeystoreAccount({ path: keystore, password: passwordSource({ passwordFile, usage: inputs.usage, how }) });
  }
  if (passwordFile !== undefined) throw new CliUsageError(`a relayer password file needs a keystore: --keystore <file> or ${RELAYER_KEYSTORE_ENV}`, { usage: inputs.usage });
  if (plaintext !== undefined) {
    refusePlaintextKey(manifest, { input: RELAYER_KEY_ENV, alternative: `${RELAYER_KEYSTORE_ENV} (or --keystore) with ${RELAYER_PASSWORD_FILE_ENV}` });
    return privateKeyToAccount(parsePrivateKey(plaintext, RELAYER_KEY_ENV));
  }
  if (isDevnetManifest(manifest)) return devAccount(DEV_ROLES.relayer);
  throw new RelayerKeyError(`set ${RELAYER_KEYSTORE_ENV} (or pass --keystore) to the keystore of the account that sends relays on ${manifest.network}`, {
    details: "Relaying is permissionless: any funded hub account can send it. `superchain keys new` or `superchain keys import` creates the keystore.",
  });
}
