import type { Hash, PublicClient } from "viem";

import type { Manifest } from "../../chains/index.ts";
import { superchainGovernorAbi } from "../../contracts/index.ts";
import { deployBlock } from "../server/registryChanges.ts";
import { proposalTitle } from "./text.ts";
import type { ProposalRecord, ProposalStateName } from "./types.ts";

/** Every proposal known up to block `toBlock`, newest first, plus the states that can no longer change. */
interface RecordCache {
  toBlock: bigint;
  /** The hash of block `toBlock` when it was read: a different hash there now means the chain was reset or reorganised. */
  toBlockHash: Hash;
  records: ProposalRecord[];
  byId: Map<bigint, ProposalRecord>;
  /** canceled / defeated / expired / executed, once read: never read again. */
  terminal: Map<bigint, ProposalStateName>;
}

/** The hub block a page reads at (the `latest` block it fetched first). */
export interface HeadBlock {
  number: bigint;
  hash: Hash;
}

/**
 * The one cache, for the deployment being served: a restarted devnet writes a new manifest (new
 * creation time, possibly the same addresses), whose proposals replace the old ones entirely.
 */
let current: { key: string; cache: RecordCache } | undefined;
const inflight = new Map<string, Promise<RecordCache>>();

const manifestKey = (manifest: Manifest) => `${manifest.network}:${manifest.createdAt}:${manifest.hub.chainId}:${manifest.contracts.governor}`;

async function fetchRecords(client: PublicClient, manifest: Manifest, fromBlock: bigint, toBlock: bigint): Promise<ProposalRecord[]> {
  const logs = await client.getContractEvents({
    address: manifest.contracts.governor,
    abi: superchainGovernorAbi,
    eventName: "ProposalCreated",
    fromBlock,
    toBlock,
    strict: true,
  });
  return logs.map(
    ({ args, blockNumber, transactionHash }): ProposalRecord => ({
      id: args.proposalId,
      proposer: args.proposer,
      targets: args.targets,
      values: args.values,
      calldatas: args.calldatas,
      voteStart: args.voteStart,
      voteEnd: args.voteEnd,
      description: args.description,
      title: proposalTitle(args.description),
      blockNumber,
      transactionHash,
    }),
  );
}

/**
 * The cached records extended to `head`. The cached top block is checked by hash (in the same
 * HTTP batch as the new logs): if the node no longer has that block — a reset devnet, a reorg,
 * even one that ends at a greater height — everything decoded so far is dropped and read again.
 */
async function refresh(client: PublicClient, manifest: Manifest, base: RecordCache | undefined, head: HeadBlock): Promise<RecordCache> {
  const extendable = base !== undefined && base.toBlock < head.number ? base : undefined;
  const [fresh, stillThere] = await Promise.all([
    fetchRecords(client, manifest, extendable ? extendable.toBlock + 1n : deployBlock(manifest, "SuperchainGovernor"), head.number),
    extendable
      ? client.getBlock({ blockNumber: extendable.toBlock }).then(
          (block) => block.hash === extendable.toBlockHash,
          () => false,
        )
      : Promise.resolve(false),
  ]);
  if (extendable && !stillThere) return refresh(client, manifest, undefined, head);
  const kept = stillThere ? extendable : undefined;
  return {
    toBlock: head.number,
    toBlockHash: head.hash,
    records: [...fresh.reverse(), ...(kept?.records ?? [])],
    byId: new Map([...(kept?.byId ?? []), ...fresh.map((record) => [record.id, record] as const)]),
    terminal: kept?.terminal ?? new Map(),
  };
}

/** The records of `cache` up to `head` (older than the cache's top), without storing anything. */
function cutAt(cache: RecordCache, head: HeadBlock): RecordCache {
  const records = cache.records.filter((record) => record.blockNumber <= head.number);
  return { toBlock: head.number, toBlockHash: head.hash, records, byId: new Map(records.map((record) => [record.id, record])), terminal: cache.terminal };
}

/**
 * Every proposal of the deployment's governor up to block `head`, newest first, decoded from
 * `ProposalCreated` logs. Kept in a module-level cache for the current deployment, so a page
 * load fetches only the logs of blocks it has not seen (one `eth_getLogs`, none when no block
 * is new), and concurrent loads at the same head share one fetch. A slower refresh never
 * replaces a newer cache, so the cache only moves forward on one chain.
 *
 * @example
 * const latest = await hub.getBlock({ blockTag: "latest" })
 * const { records, byId } = await readProposalRecords(hub, manifest, latest)
 */
export async function readProposalRecords(client: PublicClient, manifest: Manifest, head: HeadBlock): Promise<RecordCache> {
  const key = manifestKey(manifest);
  if (current !== undefined && current.key !== key) current = undefined;
  const base = current?.cache;
  if (base?.toBlock === head.number && base.toBlockHash === head.hash) return base;
  if (base !== undefined && base.toBlock > head.number) {
    // A load that read its head before another refresh moved the cache on: if the node still has
    // the cache's top block, the cache is just newer — serve it cut at this load's head.
    const top = await client.getBlock({ blockNumber: base.toBlock }).catch(() => undefined);
    if (top?.hash === base.toBlockHash) return cutAt(base, head);
  }
  const flightKey = `${key}@${head.hash}`;
  let pending = inflight.get(flightKey);
  if (!pending) {
    pending = refresh(client, manifest, base, head)
      .then((next) => {
        const now = current?.key === key ? current.cache : undefined;
        // Never replace a newer cache another refresh stored meanwhile; replacing the very cache
        // this refresh started from at a lower or equal height happens only after a reset.
        if (now === undefined || now === base || now.toBlock < next.toBlock) current = { key, cache: next };
        return next;
      })
      .finally(() => inflight.delete(flightKey));
    inflight.set(flightKey, pending);
  }
  return pending;
}

export type { RecordCache };
