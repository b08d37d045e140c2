import type { Address } from "viem";

import { allChains, votingMembers, type Manifest } from "../chains/index.ts";

/** One chain as the browser sees it: reads and wallet RPC go through the app's own proxy. */
export interface WebChain {
  chainId: number;
  name: string;
  role: "hub" | "member";
  /** Same-origin JSON-RPC endpoint (`/api/rpc/<chainId>`), forwarded to the chain's user RPC. */
  rpcPath: `/api/rpc/${number}`;
  /** Members with cross-chain voting only: the contracts a transfer to or from the chain uses. */
  spoke?: WebSpoke;
}

/**
 * A member chain's bridge and voting contracts as the browser needs them. Deploy blocks are
 * decimal strings (no bigints cross the server/client boundary); log scans start there.
 */
export interface WebSpoke {
  /** On the hub: the chain's SpokeVotePool, the escrow deposits go to. */
  pool: Address;
  /** On the member chain: the SpokeToken minted by deposits, burnt by withdrawals. */
  token: Address;
  /** On the member chain: the SpokeVoteAggregator its delegates vote on. */
  aggregator: Address;
  /** On the member chain: the hub state roots deposits are proven against. */
  hubStateOracle: Address;
  /** Where log scans start: the pool's deploy block on the hub, the token's on the member chain. */
  fromBlock: { hub: string; member: string };
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
  /** Whether the app's relayer sends signed votes and delegations, so voters may skip the gas. */
  relay: boolean;
}

export const rpcPath = (chainId: number): WebChain["rpcPath"] => `/api/rpc/${chainId}`;

/** Each voting member's spoke, as the browser sees it, by chain id. */
function webSpokes(manifest: Manifest): Map<number, WebSpoke> {
  return new Map(
    votingMembers(manifest).map(({ chain, spoke, hubStateOracle, fromBlock }) => [
      chain.chainId,
      {
        pool: spoke.pool,
        token: spoke.token,
        aggregator: spoke.aggregator,
        hubStateOracle,
        fromBlock: { hub: fromBlock.hub.toString(), member: fromBlock.member.toString() },
      },
    ]),
  );
}

export function toPublicDeployment(manifest: Manifest, { relay = false }: { relay?: boolean } = {}): PublicDeployment {
  const spokes = webSpokes(manifest);
  const [hub, ...members] = allChains(manifest).map((entry): WebChain => {
    const spoke = spokes.get(entry.chainId);
    return { chainId: entry.chainId, name: entry.name, role: entry.role, rpcPath: rpcPath(entry.chainId), ...(spoke ? { spoke } : {}) };
  });
  return {
    id: `${manifest.network}@${manifest.createdAt}`,
    network: manifest.network,
    hub: hub!,
    members,
    contracts: { ...manifest.contracts },
    council: { safe: manifest.council.safe, owners: [...manifest.council.owners], threshold: manifest.council.threshold },
    relay,
  };
}
