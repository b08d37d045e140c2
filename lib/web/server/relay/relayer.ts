import { createWalletClient, http, type Account, type Hash, type WalletClient } from "viem";

import { chainById, isDevnetManifest, userRpcUrl, viemChain, type Manifest } from "../../../chains/index.ts";
import { devAccount, DEV_ROLES } from "../../../devnet/accounts.ts";
import { RELAYER_KEY_ENV, RELAYER_KEYSTORE_ENV, RELAYER_PASSWORD_FILE_ENV, relayerSetting, resolveRelayerAccount } from "../../../keys/relayer.ts";

type Env = Readonly<Record<string, string | undefined>>;

/**
 * Whether the app can relay on this deployment: a relayer keystore (with its password file) or,
 * on the devnet, a plaintext key or the devnet's funded gasless relayer. Decided from settings
 * alone; a keystore that does not open is found at the first relay.
 */
export function relayConfigured(manifest: Manifest, env: Env = process.env): boolean {
  return relayerSetting(env[RELAYER_KEYSTORE_ENV]) !== undefined || isDevnetManifest(manifest);
}

/** The account relays are sent from, and a wallet client per chain that sends through the chain's user RPC. */
export interface Relayer {
  account: Account;
  wallet(chainId: number): WalletClient;
  /**
   * Runs `send` after every earlier send on `chainId` has been handed to the node: each takes the
   * account's next nonce, so two relays never race for one.
   */
  serialized(chainId: number, send: () => Promise<Hash>): Promise<Hash>;
}

let cached: { key: string; relayer: Promise<Relayer> } | undefined;

/**
 * The app's relayer for the deployment, loaded once (a keystore takes a second to unlock).
 *
 * @throws {RelayerKeyError} and lib/keys' errors when the settings give no usable key.
 */
export function getRelayer(manifest: Manifest, env: Env = process.env): Promise<Relayer> {
  const key = [manifest.network, manifest.createdAt, env[RELAYER_KEYSTORE_ENV], env[RELAYER_PASSWORD_FILE_ENV], env[RELAYER_KEY_ENV]].join("\n");
  if (cached?.key !== key) {
    const relayer = loadRelayer(manifest, env);
    cached = { key, relayer };
    relayer.catch(() => {
      if (cached?.relayer === relayer) cached = undefined; // a fixed setting is picked up by the next request
    });
  }
  return cached.relayer;
}

async function loadRelayer(manifest: Manifest, env: Env): Promise<Relayer> {
  const keystore = relayerSetting(env[RELAYER_KEYSTORE_ENV]);
  const passwordFile = relayerSetting(env[RELAYER_PASSWORD_FILE_ENV]);
  const account = await resolveRelayerAccount(manifest, {
    keystore,
    password: passwordFile === undefined ? undefined : { kind: "file", path: passwordFile },
    plaintext: relayerSetting(env[RELAYER_KEY_ENV]),
    devnet: isDevnetManifest(manifest),
    devDefault: () => devAccount(DEV_ROLES.gaslessRelayer),
  });
  const wallets = new Map<number, WalletClient>();
  const queues = new Map<number, Promise<unknown>>();
  return {
    account,
    wallet(chainId) {
      let wallet = wallets.get(chainId);
      if (!wallet) {
        const entry = chainById(manifest, chainId);
        wallet = createWalletClient({ account, chain: viemChain(entry), transport: http(userRpcUrl(entry), { retryCount: 0, timeout: 15_000 }) });
        wallets.set(chainId, wallet);
      }
      return wallet;
    },
    serialized(chainId, send) {
      const previous = queues.get(chainId) ?? Promise.resolve();
      const next = previous.then(send, send);
      queues.set(chainId, next.catch(() => undefined));
      return next;
    },
  };
}
