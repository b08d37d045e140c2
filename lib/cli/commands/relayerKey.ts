/**
 * The account that signs `superchain relay`'s hub transactions: a keystore (`--keystore` or
 * `SUPERCHAIN_RELAYER_KEYSTORE`, its password from `--password-file`,
 * `SUPERCHAIN_RELAYER_PASSWORD_FILE` or a prompt), or on the devnet only the plaintext
 * `SUPERCHAIN_RELAYER_KEY` or, by default, the deployer's public dev key.
 */
import type { Account } from "viem";

import { isDevnetManifest, type Manifest } from "../../chains/index.ts";
import { devAccount, DEV_ROLES } from "../../devnet/accounts.ts";
import { RELAYER_KEY_ENV, RELAYER_KEYSTORE_ENV, RELAYER_PASSWORD_FILE_ENV, relayerSetting, resolveRelayerAccount } from "../../keys/relayer.ts";
import { CliUsageError } from "../errors.ts";
import { passwordSource } from "../secrets.ts";

export { RELAYER_KEY_ENV, RELAYER_KEYSTORE_ENV, RELAYER_PASSWORD_FILE_ENV, RelayerKeyError } from "../../keys/relayer.ts";

export interface RelayerKeyInputs {
  /** `--keystore`, over `SUPERCHAIN_RELAYER_KEYSTORE`. */
  keystore?: string | undefined;
  /** `--password-file`, over `SUPERCHAIN_RELAYER_PASSWORD_FILE`. */
  passwordFile?: string | undefined;
  /** The relay command's usage, for the usage errors. */
  usage: string;
}

/**
 * The account that signs relays: the keystore when one is given (its password from the file or
 * the terminal); else, on the devnet's manifest only, `SUPERCHAIN_RELAYER_KEY` or the deployer's
 * public dev key.
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
  const keystore = relayerSetting(inputs.keystore) ?? relayerSetting(env[RELAYER_KEYSTORE_ENV]);
  const passwordFile = relayerSetting(inputs.passwordFile) ?? relayerSetting(env[RELAYER_PASSWORD_FILE_ENV]);
  if (keystore === undefined && passwordFile !== undefined) {
    throw new CliUsageError(`a relayer password file needs a keystore: --keystore <file> or ${RELAYER_KEYSTORE_ENV}`, { usage: inputs.usage });
  }
  const password = keystore === undefined ? undefined : passwordSource({ passwordFile, usage: inputs.usage, how: `--password-file <file> or ${RELAYER_PASSWORD_FILE_ENV}` });
  return resolveRelayerAccount(manifest, {
    keystore,
    password,
    plaintext: relayerSetting(env[RELAYER_KEY_ENV]),
    devnet: isDevnetManifest(manifest),
    devDefault: () => devAccount(DEV_ROLES.relayer),
    keystoreSetting: `${RELAYER_KEYSTORE_ENV} (or pass --keystore)`,
  });
}
