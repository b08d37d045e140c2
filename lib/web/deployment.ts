import type { Address } from "viem";

import { allChains, type Manifest } from "../chains/index.ts";

/** One chain as the browser sees it: reads and wallet RPC go through the app's own proxy. */
export interface WebChain {
  chainId: number;
  name: string;
  role: "hub" | "member";
  /** Same-origin JSON-RPC endpoint (`/api/rpc/<chainId>`), forwarded to the chain's user RPC. */
  rpcPath: `/api/rpc/${number}`;
}

/**
 * The part of the deployment manifest the browser needs: chains and contract addresses, no
 * node URLs (the browser reaches chains through the app) and no bigints (it crosses the
 * server/client boundary as plain JSON).
 */
export interface PublicDeployment {
  /** Changes whenever the deployment does (a restarted devnet): client state is keyed by it. */
  id: string;
  network: string;
  hub: WebChain;
  members: readonly WebChain[];
  contracts: {
    token: Address;
    timelock: Address;
    governor: Address;
    memberChains: Address;
    sequencerConfig: Address;
    outputOracle?: Address | undefined;
  };
  council: { safe: Address; owners: readonly Address[]; threshold: number };
}

export const rpcPath = (chainId: number): WebChain["rpcPath"] => `/api/rpc/${chainId}`;

export function toPublicDeployment(manifest: Manifest): PublicDeployment {
  const [hub, ...members] = allChains(manifest).map(
    (entry): WebChain => ({ chainId: entry.chainId, name: entry.name, role: entry.role, rpcPath: rpcPath(entry.chainId) }),
  );
  return {
    id: `${manifest.network}@${manifest.createdAt}`,
    network: manifest.network,
    hub: hub!,
    members,
    contracts: { ...manifest.contracts },
    council: { safe: manifest.council.safe, owners: [...manifest.council.owners], threshold: manifest.council.threshold },
  };
}
