import type { Hash, PublicClient } from "viem";

import type { Manifest } from "../../chains/index.ts";
import { LogCheckpointStoreError } from "../../rpc/errors.ts";
import type { LogCheckpointStore } from "../../rpc/logCheckpoints.ts";
import { scanLogs } from "../../rpc/logScan.ts";

/** The hub block a page reads at (the `latest` block it fetched first). */
export interface HeadBlock {
  number: bigint;
  hash: Hash;
}

/** Everything a log scan found up to block `toBlock`, newest first. */
export interface LogCache<item, state> {
  toBlock: bigint;
  /** The hash of block `toBlock` when it was read: a different hash there now means the chain was reset or reorganised. */
  toBlockHash: Hash;
  items: readonly item[];
  /**
   * What readers learnt about this chain's history and keep (final states, decoded fields):
   * shared by every later cache of the same history, dropped with it on a reset or reorg.
   */
  state: state;
}

export interface LogCacheOptions<item extends { blockNumber: bigint }, state> {
  /** The deployment: a manifest with another key (a restarted devnet) starts from scratch. */
  key: (manifest: Manifest) => string;
  /** Where the first scan starts: the emitting contract's deploy block. */
  fromBlock: (manifest: Manifest) => bigint;
  /** The items of blocks `fromBlock`..`toBlock`, oldest first; called for bounded ranges only (see `scanLogs`). */
  fetch: (client: PublicClient, manifest: Manifest, fromBlock: bigint, toBlock: bigint) => Promise<item[]>;
  newState: () => state;
  /**
   * Where the items and the block they reach persist across restarts (the web app's log store,
   * `webLogStore`), under the cache's key; undefined or none: memory only. `state` is not kept:
   * a restarted app learns it again.
   */
  persist?: () => LogCheckpointStore | undefined;
}

/**
 * A module-level, forward-only cache of one deployment's logs: a page load fetches only the
 * logs of blocks it has not seen (none when no block is new), and concurrent loads at the same
 * head share one fetch. The cached top block is checked by hash in the same HTTP batch as the
 * new logs: if the node no longer has it — a reset devnet, a reorg, even one that ends at a
 * greater height — everything read so far, `state` included, is dropped and read again. A
 * slower refresh never replaces a newer cache; a load whose head is older than the cache gets
 * the cache cut at its head.
 *
 * New blocks are read through `scanLogs`: in ranges a public RPC answers, narrowed when it
 * refuses. With `persist`, each refresh saves the new items and the top block's hash, and the
 * first load after a restart starts from what was saved — checked by hash like any cached top
 * block — instead of the deploy block. Saving is best effort: a store that fails costs a rescan
 * after the next restart, never a page.
 *
 * @example
 * const readProposalLogs = logCache({ key, fromBlock, fetch, newState: () => new Map() })
 * const { items } = await readProposalLogs(hub, manifest, await hub.getBlock())
 */
export function logCache<item extends { blockNumber: bigint }, state>(
  options: LogCacheOptions<item, state>,
): (client: PublicClient, manifest: Manifest, head: HeadBlock) => Promise<LogCache<item, state>> {
  let current: { key: string; cache: LogCache<item, state> } | undefined;
  const inflight = new Map<string, Promise<LogCache<item, state>>>();
  /** Keys whose saved scan this process has restored already (or found none of). */
  const restored = new Set<string>();

  const fetchRange = async (client: PublicClient, manifest: Manifest, fromBlock: bigint, toBlock: bigint): Promise<item[]> =>
    fromBlock > toBlock ? [] : scanLogs((from, to) => options.fetch(client, manifest, from, to), { fromBlock, toBlock });

  const refresh = async (client: PublicClient, manifest: Manifest, key: string, base: LogCache<item, state> | undefined, head: HeadBlock): Promise<LogCache<item, state>> => {
    const extendable = base !== undefined && base.toBlock < head.number ? base : undefined;
    const [fresh, stillThere] = await Promise.all([
      fetchRange(client, manifest, extendable ? extendable.toBlock + 1n : options.fromBlock(manifest), head.number),
      extendable
        ? client.getBlock({ blockNumber: extendable.toBlock }).then(
            (block) => block.hash === extendable.toBlockHash,
            () => false,
          )
        : Promise.resolve(false),
    ]);
    if (extendable && !stillThere) return refresh(client, manifest, key, undefined, head);
    const kept = stillThere ? extendable : undefined;
    const next = { toBlock: head.number, toBlockHash: head.hash, items: [...fresh].reverse().concat(kept?.items ?? []), state: kept?.state ?? options.newState() };
    saveScan(options.persist?.(), key, kept, next, fresh);
    return next;
  };

  /** The scan a previous process saved, once per key, as a cache to extend (its top block is checked like any other). */
  const restore = (key: string): LogCache<item, state> | undefined => {
    if (restored.has(key)) return undefined;
    restored.add(key);
    const store = options.persist?.();
    try {
      const saved = store?.load(key);
      if (store === undefined || saved === undefined) return undefined;
      return { toBlock: saved.scannedTo, toBlockHash: saved.blockHash, items: store.items<item>(key).reverse(), state: options.newState() };
    } catch (error) {
      if (error instanceof LogCheckpointStoreError) return undefined;
      throw error;
    }
  };

  return async (client, manifest, head) => {
    const key = options.key(manifest);
    if (current !== undefined && current.key !== key) current = undefined;
    if (current === undefined) {
      const saved = restore(key);
      if (saved !== undefined) current = { key, cache: saved };
    }
    const base = current?.cache;
    if (base?.toBlock === head.number && base.toBlockHash === head.hash) return base;
    if (base !== undefined && base.toBlock > head.number) {
      // A load that read its head before another refresh moved the cache on: if the node still
      // has the cache's top block, the cache is just newer — serve it cut at this load's head.
      const top = await client.getBlock({ blockNumber: base.toBlock }).catch(() => undefined);
      if (top?.hash === base.toBlockHash) {
        return { toBlock: head.number, toBlockHash: head.hash, items: base.items.filter((item) => item.blockNumber <= head.number), state: base.state };
      }
    }
    const flightKey = `${key}@${head.hash}`;
    let pending = inflight.get(flightKey);
    if (!pending) {
      pending = refresh(client, manifest, key, base, head)
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
  };
}

/**
 * Saves a refresh: the new items on top of what is saved when the store is still at `kept`'s top
 * block (this process saved it, or restored it), else — a reset, another process's scan — all of
 * `next` in place of what was there. Failures are dropped: persistence only spares a rescan.
 */
function saveScan<item>(store: LogCheckpointStore | undefined, key: string, kept: LogCache<item, unknown> | undefined, next: LogCache<item, unknown>, fresh: readonly item[]): void {
  if (store === undefined) return;
  const checkpoint = { scannedTo: next.toBlock, blockHash: next.toBlockHash, state: undefined };
  try {
    const appended = kept !== undefined && store.append(key, { scannedTo: kept.toBlock, blockHash: kept.toBlockHash }, checkpoint, fresh);
    if (!appended) store.replace(key, checkpoint, [...next.items].reverse());
  } catch (error) {
    if (!(error instanceof LogCheckpointStoreError)) throw error;
  }
}

/** A deployment's identity for caches: a restarted devnet writes a new manifest (new creation time, possibly the same addresses). */
export const deploymentKey = (manifest: Manifest): string => `${manifest.network}:${manifest.createdAt}:${manifest.hub.chainId}`;

/**
 * One log cache per chain, made on first use: `make(chainId)` runs once per chain id, for the
 * life of the process.
 *
 * @example
 * const cacheOf = perChainLogCache((chainId) => logCache({ … }))
 */
export function perChainLogCache<cache>(make: (chainId: number) => cache): (chainId: number) => cache {
  const made = new Map<number, cache>();
  return (chainId) => {
    let cache = made.get(chainId);
    if (cache === undefined) made.set(chainId, (cache = make(chainId)));
    return cache;
  };
}
