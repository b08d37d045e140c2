import { defineChain, http, type Chain } from "viem";
import { createConfig, type Config } from "wagmi";

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

/**
 * The wagmi config for a deployment: every chain of the superchain, reads through the app's RPC
 * proxy, and wallets found by EIP-6963 discovery (no connector is bundled: whatever the browser
 * announces is offered).
 */
export function createWagmiConfig(deployment: PublicDeployment, origin: string): Config {
  const chains = [deployment.hub, ...deployment.members].map((chain) => browserChain(chain, origin));
  return createConfig({
    chains: chains as [Chain, ...Chain[]],
    transports: Object.fromEntries(chains.map((chain) => [chain.id, http(chain.rpcUrls.default.http[0], { batch: { batchSize: RPC_PROXY_MAX_BATCH } })])),
    connectors: [],
    multiInjectedProviderDiscovery: true,
    ssr: true,
  });
}
