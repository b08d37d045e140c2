/**
 * Which key sends the transactions anyone may send on someone's behalf (relayed tallies, relayed
 * votes and delegations): a keystore unlocked with a password, or on the devnet only a plaintext
 * key or a public dev key. The CLI (`superchain relay`) and the web app's relay decide where the
 * password comes from; this decides which account they get.
 */
import type { Account } from "viem";
import { privateKeyToAccount } from "viem/accounts";

import { BaseError } from "../errors.ts";
import { loadKeystoreAccount, parsePrivateKey } from "./keystore.ts";
import type { PasswordSource } from "./password.ts";
import { refusePlaintextKey } from "./policy.ts";

/** The relayer's plaintext key: accepted on the devnet's manifest only. */
export const RELAYER_KEY_ENV = "SUPERCHAIN_RELAYER_KEY";
/** The relayer's keystore file. */
export const RELAYER_KEYSTORE_ENV = "SUPERCHAIN_RELAYER_KEYSTORE";
/** The file whose first line is the relayer keystore's password. */
export const RELAYER_PASSWORD_FILE_ENV = "SUPERCHAIN_RELAYER_PASSWORD_FILE";

/** The relayer key is missing, or given two ways at once. */
export class RelayerKeyError extends BaseError {
  override name = "RelayerKeyError";
}

export interface RelayerKeySettings {
  /** A keystore file, unlocked with `password`. */
  keystore?: string | undefined;
  password?: PasswordSource | undefined;
  /** `SUPERCHAIN_RELAYER_KEY`'s value. */
  plaintext?: string | undefined;
  /** Whether the manifest is the devnet's: plaintext keys and `devDefault` count there only. */
  devnet: boolean;
  /** The account relays use on the devnet when no key is given. */
  devDefault: () => Account;
  /** How the caller names the keystore setting in its messages (default the variable's name). */
  keystoreSetting?: string;
}

/** An environment setting, trimmed; blank counts as unset. */
export const relayerSetting = (value: string | undefined): string | undefined => (value?.trim() ? value.trim() : undefined);

/**
 * The relayer account the settings give: the keystore when one is set; else, on the devnet's
 * manifest only, the plaintext key or `devDefault`.
 *
 * @throws {RelayerKeyError} when no key is given outside the devnet, a keystore comes without a
 *   password, or a keystore and a plaintext key both are set.
 * @throws {PlaintextKeyRefusedError | PrivateKeyMalformedError} for a plaintext key outside the
 *   devnet, or not a key; and lib/keys' errors for a keystore that cannot be loaded.
 * @example
 * const account = await resolveRelayerAccount(manifest, { keystore, password: { kind: "file", path }, devnet: false, devDefault })
 */
export async function resolveRelayerAccount(manifest: { network: string }, settings: RelayerKeySettings): Promise<Account> {
  const { keystore, password, plaintext, devnet, devDefault, keystoreSetting = RELAYER_KEYSTORE_ENV } = settings;
  if (keystore !== undefined) {
    if (plaintext !== undefined) throw new RelayerKeyError(`both a relayer keystore and ${RELAYER_KEY_ENV} are set; unset ${RELAYER_KEY_ENV}`);
    if (password === undefined) throw new RelayerKeyError(`the relayer keystore needs its password: set ${RELAYER_PASSWORD_FILE_ENV} to a file holding it`);
    return loadKeystoreAccount({ path: keystore, password });
  }
  if (plaintext !== undefined) {
    refusePlaintextKey(manifest, { input: RELAYER_KEY_ENV, alternative: `${keystoreSetting} with ${RELAYER_PASSWORD_FILE_ENV}` });
    return privateKeyToAccount(parsePrivateKey(plaintext, RELAYER_KEY_ENV));
  }
  if (devnet) return devDefault();
  throw new RelayerKeyError(`set ${keystoreSetting} to the keystore of the account that sends relays on ${manifest.network}`, {
    details: "Relaying is permissionless: any funded account can send it. `superchain keys new` or `superchain keys import` creates the keystore.",
  });
}
