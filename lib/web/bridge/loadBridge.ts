import type { Address } from "viem";

import { spokeTokenAbi, superchainTokenAbi } from "../../contracts/index.ts";
import type { WebChain, WebSpoke } from "../deployment.ts";
import type { Deployment } from "../server/deployment.ts";

/** A member chain the bridge serves. */
export type BridgeChain = WebChain & { spoke: WebSpoke };

/** What the bridge page renders for one member chain: plain JSON, it crosses into client components. */
export interface BridgeView {
  hub: WebChain;
  /** Every member chain with bridge contracts, in manifest order. */
  chains: BridgeChain[];
  /** The chain the page shows; undefined when no member has bridge contracts. */
  selected: BridgeChain | undefined;
  /** The `?chain=` the page was asked for when it names no bridged member (the first is shown instead). */
  unknownChain: string | undefined;
  outputOracle: Address | undefined;
  /** The hub's voting token, and the same token's symbol on the selected member chain. */
  token: { address: Address; symbol: string; memberSymbol: string; decimals: number };
}

const hasSpoke = (chain: WebChain): chain is BridgeChain => chain.spoke !== undefined;

/** `?chain=` as given: a member's chain id or name. */
function pick(chains: readonly BridgeChain[], requested: string | undefined): BridgeChain | undefined {
  if (requested === undefined) return chains[0];
  return chains.find((chain) => String(chain.chainId) === requested || chain.name === requested);
}

/**
 * The bridge page's server data: which member chains have a bridge, the one to show (by
 * `?chain=<id or name>`, the first by default) and the token's symbol and decimals on each side
 * (one multicall per chain). Balances and transfers depend on the connected wallet, so the
 * browser reads them (`useBridge`).
 *
 * @example
 * const view = await loadBridge(deployment, { chain: "901" })
 */
export async function loadBridge(deployment: Deployment, { chain }: { chain: string | undefined }): Promise<BridgeView> {
  const { public: web, manifest, hub } = deployment;
  const chains = web.members.filter(hasSpoke);
  const found = pick(chains, chain);
  const selected = found ?? chains[0];
  const token = { address: manifest.contracts.token, abi: superchainTokenAbi } as const;
  const [symbol, decimals, memberSymbol] = await Promise.all([
    hub.readContract({ ...token, functionName: "symbol" }),
    hub.readContract({ ...token, functionName: "decimals" }),
    selected ? deployment.client(selected.chainId).readContract({ address: selected.spoke.token, abi: spokeTokenAbi, functionName: "symbol" }) : undefined,
  ]);
  return {
    hub: web.hub,
    chains,
    selected,
    unknownChain: found === undefined && chain !== undefined ? chain.slice(0, 40) : undefined,
    outputOracle: manifest.contracts.outputOracle,
    token: { address: token.address, symbol, memberSymbol: memberSymbol ?? symbol, decimals },
  };
}
