import { BaseError as ViemBaseError, type Address, type Hash, type Hex, type PublicClient } from "viem";

import { deployBlock, votingMembers, type Manifest } from "../../chains/index.ts";
import { spokeVoteAggregatorAbi, spokeVotePoolAbi, superchainGovernorAbi } from "../../contracts/index.ts";
import { splitVote, VoteType } from "../../governance/index.ts";
import { LogRangeRefusedError } from "../../rpc/errors.ts";
import { newestFirst, type VoteReading, type VoteRecord } from "../votes/types.ts";
import type { Deployment } from "./deployment.ts";
import { deploymentKey, logCache, perChainLogCache, type HeadBlock, type LogCache } from "./logCache.ts";
import { webLogStore } from "./logStore.ts";

/** A vote log as viem decodes it (the governor's and the aggregator's share the shape; `params` only with `VoteCastWithParams`). */
export interface VoteLog {
  args: { voter: Address; proposalId: bigint; support: number; weight: bigint; reason: string; params?: Hex };
  blockNumber: bigint;
  logIndex: number;
  transactionHash: Hash;
}

/** A pool's `TallyRelayed` log: the member-chain block its relayed tally was proven at. */
export interface RelayLog {
  args: { proposalId: bigint; blockNumber: bigint };
  transactionHash: Hash;
}

/**
 * Vote records from decoded logs. A hub vote whose voter is a member chain's SpokeVotePool
 * (`pools`: pool address, lowercase → chain id) is that chain's relayed tally: it gets
 * `relayedFrom`, and `relayedBlock` from the pool's `TallyRelayed` log of the same transaction.
 * Fractional votes keep their split; params that do not decode as one leave it out.
 *
 * @example
 * toVoteRecords(logs, { chainId: 900, times, pools: new Map([[pool, 901]]), relays })
 */
export function toVoteRecords(
  logs: readonly VoteLog[],
  { chainId, times, pools = new Map(), relays = [] }: { chainId: number; times: ReadonlyMap<bigint, bigint>; pools?: ReadonlyMap<string, number>; relays?: readonly RelayLog[] },
): VoteRecord[] {
  const relayedBlock = new Map(relays.map((relay) => [`${relay.transactionHash}:${relay.args.proposalId}`, relay.args.blockNumber]));
  return logs.map(({ args, blockNumber, logIndex, transactionHash }) => {
    const record: VoteRecord = {
      proposalId: args.proposalId,
      chainId,
      voter: args.voter,
      support: args.support,
      weight: args.weight,
      reason: args.reason,
      blockNumber,
      logIndex,
      transactionHash,
      timestamp: times.get(blockNumber) ?? 0n,
    };
    if (args.support === VoteType.Fractional && args.params !== undefined) {
      try {
        record.split = splitVote(args.support, args.weight, args.params);
      } catch {
        // Not a 48-byte split: the governor would have refused it, so only a foreign counting module logs this.
      }
    }
    const pool = pools.get(args.voter.toLowerCase());
    if (pool !== undefined) {
      record.relayedFrom = pool;
      const proven = relayedBlock.get(`${transactionHash}:${args.proposalId}`);
      if (proven !== undefined) record.relayedBlock = proven;
    }
    return record;
  });
}

/**
 * The time of each block that holds a vote: from the log itself where the node sends
 * `blockTimestamp` (newer execution clients do), else one `eth_getBlockByNumber` per distinct
 * block — issued in the same tick, so the transport sends them as one JSON-RPC batch. Read once
 * per block: the times are kept with the cached votes.
 */
export async function blockTimes(client: PublicClient, logs: readonly { blockNumber: bigint; blockTimestamp?: bigint | null | undefined }[]): Promise<Map<bigint, bigint>> {
  const times = new Map<bigint, bigint>();
  for (const log of logs) if (typeof log.blockTimestamp === "bigint") times.set(log.blockNumber, log.blockTimestamp);
  const missing = [...new Set(logs.map((log) => log.blockNumber))].filter((block) => !times.has(block));
  const blocks = await Promise.all(missing.map((blockNumber) => client.getBlock({ blockNumber })));
  for (const block of blocks) times.set(block.number, block.timestamp);
  return times;
}

const HUB_EVENTS = [
  ...superchainGovernorAbi.filter((item) => item.type === "event" && (item.name === "VoteCast" || item.name === "VoteCastWithParams")),
  ...spokeVotePoolAbi.filter((item) => item.type === "event" && item.name === "TallyRelayed"),
];

/** The pools on the hub, lowercase address → the member chain whose tallies they relay. */
const poolsOf = (manifest: Manifest): Map<string, number> => new Map(votingMembers(manifest).map(({ chain, spoke }) => [spoke.pool.toLowerCase(), chain.chainId]));

/** Hub votes of blocks `fromBlock`..`toBlock`, oldest first: the governor's vote logs and the pools' relays, in one `eth_getLogs`. */
async function fetchHubVotes(client: PublicClient, manifest: Manifest, fromBlock: bigint, toBlock: bigint): Promise<VoteRecord[]> {
  const pools = poolsOf(manifest);
  const logs = await client.getLogs({ address: [manifest.contracts.governor, ...votingMembers(manifest).map((m) => m.spoke.pool)], events: HUB_EVENTS, fromBlock, toBlock, strict: true });
  const governor = manifest.contracts.governor.toLowerCase();
  const votes = logs.filter((log) => log.eventName !== "TallyRelayed" && log.address.toLowerCase() === governor) as unknown as VoteLog[];
  const relays = logs.filter((log) => log.eventName === "TallyRelayed" && pools.has(log.address.toLowerCase())) as unknown as RelayLog[];
  return toVoteRecords(votes, { chainId: manifest.hub.chainId, times: await blockTimes(client, votes), pools, relays });
}

const hubVotes = logCache({
  key: (manifest) => `${deploymentKey(manifest)}:votes:${manifest.hub.chainId}:${manifest.contracts.governor}`,
  fromBlock: (manifest) => deployBlock(manifest, "SuperchainGovernor"),
  fetch: fetchHubVotes,
  newState: () => undefined,
  persist: () => webLogStore(),
});

/** One cache per member chain: a log cache keeps one deployment's history at a time, and each chain is a history of its own. */

function memberVoteCache(chainId: number) {
  const aggregatorOf = (manifest: Manifest) => votingMembers(manifest).find((m) => m.chain.chainId === chainId);
  return logCache({
    key: (manifest) => `${deploymentKey(manifest)}:votes:${chainId}:${aggregatorOf(manifest)?.spoke.aggregator}`,
    fromBlock: (manifest) => aggregatorOf(manifest)?.fromBlock.member ?? 0n,
    fetch: async (client, manifest, fromBlock, toBlock): Promise<VoteRecord[]> => {
      const member = aggregatorOf(manifest);
      if (member === undefined) return [];
      const logs = await client.getContractEvents({ address: member.spoke.aggregator, abi: spokeVoteAggregatorAbi, eventName: "VoteCast", fromBlock, toBlock, strict: true });
      return toVoteRecords(logs, { chainId, times: await blockTimes(client, logs) });
    },
    newState: () => undefined,
    persist: () => webLogStore(),
  });
}

const memberCache = perChainLogCache(memberVoteCache);

/** The last merge, kept while every chain's scan is the very same object (a load at unchanged heads). */
let merged: { scans: readonly object[]; votes: readonly VoteRecord[] } | undefined;

function mergeScans(scans: readonly LogCache<VoteRecord, undefined>[]): readonly VoteRecord[] {
  if (merged && merged.scans.length === scans.length && merged.scans.every((scan, i) => scan === scans[i])) return merged.votes;
  const votes = scans.flatMap((scan) => scan.items).sort(newestFirst);
  merged = { scans, votes };
  return votes;
}

/**
 * Every vote of every proposal, on the hub and on each member chain with cross-chain voting,
 * newest first. Each chain's vote logs come through a {@link logCache} persisted in the web
 * app's log store, with the block times kept beside them, so a load reads only blocks it has not
 * seen: per chain a `latest` block, the cached top block's hash and the new blocks' logs — a few
 * requests whatever the number of votes. A member chain that does not answer is listed in
 * `unreachable` instead of failing the page; the hub failing throws.
 *
 * @param hubHead the hub block to read at, when the caller has it already (the proposal page's head).
 * @example
 * const { votes } = await readVotes(deployment)
 * votesOnProposal(votes, 42n)
 */
export async function readVotes(deployment: Deployment, { hubHead }: { hubHead?: HeadBlock } = {}): Promise<VoteReading> {
  const { manifest, hub } = deployment;
  const hubRead = (async () => {
    const head = hubHead ?? (await hub.getBlock({ blockTag: "latest" }));
    return hubVotes(hub, manifest, { number: head.number, hash: head.hash });
  })();
  const memberReads = votingMembers(manifest).map(async ({ chain }) => {
    const client = deployment.client(chain.chainId);
    try {
      const head = await client.getBlock({ blockTag: "latest" });
      return await memberCache(chain.chainId)(client, manifest, { number: head.number, hash: head.hash });
    } catch (error) {
      // The chain's node failed or refused: the page goes on without its votes. Anything else is a bug.
      if (!(error instanceof ViemBaseError || error instanceof LogRangeRefusedError)) throw error;
      return { chainId: chain.chainId, name: chain.name };
    }
  });
  const [hubScan, ...members] = await Promise.all([hubRead, ...memberReads]);
  const scans = [hubScan, ...members.filter((m): m is LogCache<VoteRecord, undefined> => "items" in m)];
  const unreachable = members.filter((m): m is { chainId: number; name: string } => !("items" in m));
  return { votes: mergeScans(scans), unreachable };
}
