import type { Address } from "viem";

import type { Manifest } from "../../chains/index.ts";
import { superchainTokenAbi } from "../../contracts/index.ts";
import type { Deployment } from "../server/deployment.ts";
import { deploymentStatements } from "../server/statements.ts";
import { participationOf, readDelegateRecords } from "../server/delegateRecords.ts";
import type { Participation } from "./profileModel.ts";
import { rankDelegates, type DelegatesPage } from "./ranking.ts";

export interface DelegatesOverview extends DelegatesPage {
  token: { address: Address; symbol: string; decimals: number; totalSupply: bigint };
  hubChainId: number;
  /** Delegates that are contracts of the deployment, by address: each member chain's vote pool. */
  labels: Readonly<Record<Address, string>>;
  /** Each listed delegate's participation (see `participation`), by address; none for the vote pools. */
  participation: Readonly<Record<Address, Participation>>;
  /** The topics of each listed delegate with a signed statement, by address: they are seeking delegation. */
  statements: Readonly<Record<Address, readonly string[]>>;
}

/** A member chain's pool holds (and votes with) everything bridged to that chain: say so. */
export function poolLabels(manifest: Manifest): Readonly<Record<Address, string>> {
  return Object.fromEntries(
    manifest.members.flatMap((member) => (member.spoke ? [[member.spoke.pool, `${member.name}'s vote pool (votes cast on ${member.name})`] as const] : [])),
  );
}

/** The topics of the listed delegates' statements; a store that cannot open shows none rather than failing the list. */
async function statementTopics(deployment: Deployment, delegates: readonly Address[]): Promise<Record<Address, readonly string[]>> {
  try {
    const statements = await (await deploymentStatements(deployment)).many(delegates);
    return Object.fromEntries([...statements].map(([address, statement]) => [address, statement.topics]));
  } catch (error) {
    console.error("could not read delegate statements", error);
    return {};
  }
}

/**
 * One page of delegates by voting power on the hub, with the token's supply for each one's share,
 * each one's participation and statement topics: the token's `DelegateVotesChanged` logs (the
 * latest `newVotes` of each delegate is its power), proposals and votes, each through its log
 * cache (only blocks not seen before), and one multicall for the token's figures, however many
 * delegates there are.
 *
 * @example
 * const overview = await loadDelegates(deployment, { page: 1 })
 */
export async function loadDelegates(deployment: Deployment, { page }: { page: number }): Promise<DelegatesOverview> {
  const { manifest, hub } = deployment;
  const token = { address: manifest.contracts.token, abi: superchainTokenAbi } as const;
  const records = await readDelegateRecords(deployment);
  const at = { blockNumber: records.hub.number } as const;
  const hubLogs = records.delegation.chains[0]!.logs;
  const ranking = rankDelegates(hubLogs.flatMap((log) => (log.kind === "votes" ? [log] : [])), { page });
  const listed = ranking.delegates.map((delegate) => delegate.address);
  const [totalSupply, symbol, decimals, statements] = await Promise.all([
    hub.readContract({ ...token, functionName: "totalSupply", ...at }),
    hub.readContract({ ...token, functionName: "symbol", ...at }),
    hub.readContract({ ...token, functionName: "decimals", ...at }),
    statementTopics(deployment, listed),
  ]);
  const labels = poolLabels(manifest);
  return {
    ...ranking,
    token: { address: token.address, symbol, decimals, totalSupply },
    hubChainId: manifest.hub.chainId,
    labels,
    // A vote pool casts its chain's relayed tallies, not votes of its own: it has no participation.
    participation: Object.fromEntries(listed.filter((address) => !labels[address]).map((address) => [address, participationOf(records, address)])),
    statements,
  };
}
