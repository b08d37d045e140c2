import type { Address } from "viem";

import { deployBlock } from "../../chains/index.ts";
import { superchainTokenAbi } from "../../contracts/index.ts";
import type { Deployment } from "../server/deployment.ts";
import { rankDelegates, type DelegatesPage } from "./ranking.ts";

export interface DelegatesOverview extends DelegatesPage {
  token: { address: Address; symbol: string; decimals: number; totalSupply: bigint };
  hubChainId: number;
  /** Delegates that are contracts of the deployment, by address: each member chain's vote pool. */
  labels: Readonly<Record<Address, string>>;
}

/**
 * One page of delegates by voting power, with the token's supply for each one's share: one
 * `getLogs` of the token's `DelegateVotesChanged` (the latest `newVotes` of each delegate is its
 * power) and one multicall for the token's figures, however many delegates there are.
 *
 * @example
 * const overview = await loadDelegates(deployment, { page: 1 })
 */
export async function loadDelegates(deployment: Deployment, { page }: { page: number }): Promise<DelegatesOverview> {
  const { manifest, hub } = deployment;
  const token = { address: manifest.contracts.token, abi: superchainTokenAbi } as const;
  const [logs, totalSupply, symbol, decimals] = await Promise.all([
    hub.getContractEvents({ ...token, eventName: "DelegateVotesChanged", fromBlock: deployBlock(manifest, "SuperchainToken"), strict: true }),
    hub.readContract({ ...token, functionName: "totalSupply" }),
    hub.readContract({ ...token, functionName: "symbol" }),
    hub.readContract({ ...token, functionName: "decimals" }),
  ]);
  const ranking = rankDelegates(
    logs.map((log) => ({ delegate: log.args.delegate, newVotes: log.args.newVotes, blockNumber: log.blockNumber, logIndex: log.logIndex })),
    { page },
  );
  // A member chain's pool holds (and votes with) everything bridged to that chain: say so.
  const labels = Object.fromEntries(
    manifest.members.flatMap((member) => (member.spoke ? [[member.spoke.pool, `${member.name}'s vote pool (votes cast on ${member.name})`] as const] : [])),
  );
  return { ...ranking, token: { address: token.address, symbol, decimals, totalSupply }, hubChainId: manifest.hub.chainId, labels };
}
