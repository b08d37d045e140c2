import { defineChain, http, type Chain } from "viem";
import { createConfig, createConnector, createStorage, noopStorage, type Config, type CreateConnectorFn } from "wagmi";
import type { safe } from "wagmi/connectors/safe";

import { MULTICALL3_ADDRESS } from "../chains/chains.ts";
import type { PublicDeployment, WebChain } from "./deployment.ts";
import { RPC_PROXY_MAX_BATCH } from "./rpcLimits.ts";

/** A viem chain whose RPC is the app's own proxy, so the browser needs no node URL. */
export function browserChain(chain: WebChain, origin: string): Chain {
  return defineChain({
    id: chain.chainId,
    name: chain.name,
    nativeCurrency: { name: "Ether", symbol: "ETH", decimals: 18 },
    rpcUrls: { default: { http: [`${origin}${chain.rpcPath}`] } },
    contracts: { multicall3: { address: MULTICALL3_ADDRESS } },
  });
}

type SafeConnector = ReturnType<ReturnType<typeof safe>>;

/** The type wagmi's Safe connector reports (`connector.type`). */
export const SAFE_CONNECTOR_TYPE = "safe";

/** Whether the app is framed (where a Safe{Wallet} parent may be); false on the server. */
export function isFramed(): boolean {
  return typeof window !== "undefined" && window.parent !== window;
}

/**
 * The Safe App connector: inside Safe{Wallet}'s iframe the connected account is the Safe itself
 * on the Safe's chain, and every transaction the app sends lands in the Safe's queue
 * (`sendTransactions`) instead of being signed. It connects by itself on load (wagmi's reconnect
 * asks `isAuthorized`, which asks the parent). It is wagmi's Safe connector
 * (`./safeAppConnector.ts`), loaded on first use: it, the SDK and the provider stay out of every
 * route's first load (the bridge page is within a few KB of the 300 KB budget) and load only in a frame.
 */
export function safeAppConnector(): CreateConnectorFn {
  return createConnector((config) => {
    let inner: Promise<SafeConnector> | undefined;
    const load = () => (inner ??= import("./safeAppConnector.ts").then(({ createSafeAppConnector }) => createSafeAppConnector()(config)));
    return {
      id: "safe",
      name: "Safe",
      type: SAFE_CONNECTOR_TYPE,
      async connect(options) {
        return (await load()).connect(options) as never;
      },
      disconnect: async () => (await load()).disconnect(),
      getAccounts: async () => (await load()).getAccounts(),
      getChainId: async () => (await load()).getChainId(),
      getProvider: async () => (await load()).getProvider(),
      isAuthorized: async () => (await load()).isAuthorized(),
      // A Safe App changes neither account nor chain without a reload (as wagmi's connector says).
      onAccountsChanged: () => {},
      onChainChanged: () => {},
      onDisconnect: () => config.emitter.emit("disconnect"),
    };
  });
}

/**
 * `localStorage`, or nothing when the browser denies it: a framed app (Safe{Wallet}'s iframe) is
 * third-party, and browsers that block third-party storage throw on the mere read of
 * `window.localStorage`, which wagmi's default storage does while the config is created.
 */
function browserStorage(): Pick<Storage, "getItem" | "setItem" | "removeItem"> {
  let storage: Pick<Storage, "getItem" | "setItem" | "removeItem"> = noopStorage;
  try {
    if (typeof window !== "undefined" && window.localStorage) storage = window.localStorage;
  } catch {
    // Denied: the app runs without remembering its last wallet.
  }
  // A full or revoked storage fails per call (QuotaExceededError, SecurityError): forget, never throw.
  return {
    getItem: (key) => {
      try {
        return storage.getItem(key);
      } catch {
        return null;
      }
    },
    setItem: (key, value) => {
      try {
        storage.setItem(key, value);
      } catch {}
    },
    removeItem: (key) => {
      try {
        storage.removeItem(key);
      } catch {}
    },
  };
}

/**
 * The wagmi config for a deployment: every chain of the superchain, reads through the app's RPC
 * proxy, and wallets found by EIP-6963 discovery (whatever the browser announces is offered),
 * plus `connectors` (the Safe App connector when the app is framed).
 */
export function createWagmiConfig(deployment: PublicDeployment, origin: string, connectors: CreateConnectorFn[] = []): Config {
  const chains = [deployment.hub, ...deployment.members].map((chain) => browserChain(chain, origin));
  return createConfig({
    chains: chains as [Chain, ...Chain[]],
    transports: Object.fromEntries(chains.map((chain) => [chain.id, http(chain.rpcUrls.default.http[0], { batch: { batchSize: RPC_PROXY_MAX_BATCH } })])),
    connectors,
    storage: createStorage({ storage: browserStorage() }),
    multiInjectedProviderDiscovery: true,
    ssr: true,
  });
}
