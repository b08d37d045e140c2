import type { Address } from "viem";

import { deployBlock } from "../../chains/index.ts";
import { superchainTokenAbi } from "../../contracts/index.ts";
import type { Deployment } from "../server/deployment.ts";
import { deploymentKey, logCache } from "../server/logCache.ts";
import { webLogStore } from "../server/logStore.ts";
import { rankDelegates, type DelegatesPage, type VotesChange } from "./ranking.ts";

export interface DelegatesOverview extends DelegatesPage {
  token: { address: Address; symbol: string; decimals: number; totalSupply: bigint };
  hubChainId: number;
  /** Delegates that are contracts of the deployment, by address: each member chain's vote pool. */
  labels: Readonly<Record<Address, string>>;
}

/** The token's `DelegateVotesChanged` logs, cached: a load fetches only blocks it has not seen. */
const readVotesChanges = logCache({
  key: (manifest) => `${deploymentKey(manifest)}:${manifest.contracts.token}`,
  fromBlock: (manifest) => deployBlock(manifest, "SuperchainToken"),
  fetch: async (client, manifest, fromBlock, toBlock): Promise<VotesChange[]> => {
    const logs = await client.getContractEvents({ address: manifest.contracts.token, abi: superchainTokenAbi, eventName: "DelegateVotesChanged", fromBlock, toBlock, strict: true });
    return logs.map((log) => ({ delegate: log.args.delegate, newVotes: log.args.newVotes, blockNumber: log.blockNumber, logIndex: log.logIndex }));
  },
  newState: () => undefined,
  persist: () => webLogStore(),
});

/**
 * One page of delegates by voting power, with the token's supply for each one's share: the
 * token's `DelegateVotesChanged` logs (the latest `newVotes` of each delegate is its power) of the
 * blocks not seen before, and one multicall for the token's figures, however many delegates
 * there are.
 *
 * @example
 * const overview = await loadDelegates(deployment, { page: 1 })
 */
export async function loadDelegates(deployment: Deployment, { page }: { page: number }): Promise<DelegatesOverview> {
  const { manifest, hub } = deployment;
  const token = { address: manifest.contracts.token, abi: superchainTokenAbi } as const;
  const head = await hub.getBlock({ blockTag: "latest" });
  const at = { blockNumber: head.number } as const;
  const [changes, totalSupply, symbol, decimals] = await Promise.all([
    readVotesChanges(hub, manifest, head),
    hub.readContract({ ...token, functionName: "totalSupply", ...at }),
    hub.readContract({ ...token, functionName: "symbol", ...at }),
    hub.readContract({ ...token, functionName: "decimals", ...at }),
  ]);
  const ranking = rankDelegates(changes.items, { page });
  // A member chain's pool holds (and votes with) everything bridged to that chain: say so.
  const labels = Object.fromEntries(
    manifest.members.flatMap((member) => (member.spoke ? [[member.spoke.pool, `${member.name}'s vote pool (votes cast on ${member.name})`] as const] : [])),
  );
  return { ...ranking, token: { address: token.address, symbol, decimals, totalSupply }, hubChainId: manifest.hub.chainId, labels };
}
