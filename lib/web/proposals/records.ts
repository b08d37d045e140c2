import type { PublicClient } from "viem";

import type { Manifest } from "../../chains/index.ts";
import { superchainGovernorAbi } from "../../contracts/index.ts";
import { deployBlock } from "../server/registryChanges.ts";
import { proposalTitle } from "./text.ts";
import type { ProposalRecord, ProposalStateName } from "./types.ts";

/** Every proposal known up to `toBlock`, newest first, plus the states that can no longer change. */
interface RecordCache {
  toBlock: bigint;
  records: ProposalRecord[];
  byId: Map<bigint, ProposalRecord>;
  /** canceled / defeated / expired / executed, once read: never read again. */
  terminal: Map<bigint, ProposalStateName>;
}

const caches = new Map<string, RecordCache>();
const inflight = new Map<string, Promise<RecordCache>>();

/** One cache per deployment: a restarted devnet writes a new manifest (new creation time, new addresses). */
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

async function refresh(client: PublicClient, manifest: Manifest, key: string, latest: bigint): Promise<RecordCache> {
  const cached = caches.get(key);
  // A node that went backwards (reset, reorg past our head) invalidates everything we decoded.
  const reusable = cached !== undefined && cached.toBlock <= latest ? cached : undefined;
  if (reusable?.toBlock === latest) return reusable;
  const fromBlock = reusable ? reusable.toBlock + 1n : deployBlock(manifest, "SuperchainGovernor");
  const fresh = await fetchRecords(client, manifest, fromBlock, latest);
  const records = [...fresh.reverse(), ...(reusable?.records ?? [])];
  const next: RecordCache = {
    toBlock: latest,
    records,
    byId: new Map([...(reusable?.byId ?? []), ...fresh.map((record) => [record.id, record] as const)]),
    terminal: reusable?.terminal ?? new Map(),
  };
  caches.set(key, next);
  return next;
}

/**
 * Every proposal of the deployment's governor up to block `latest`, newest first, decoded from
 * `ProposalCreated` logs. Kept in a module-level cache per deployment, so a page load fetches
 * only the logs of blocks it has not seen (one `eth_getLogs`, none when no block is new), and
 * concurrent loads share one fetch.
 */
export async function readProposalRecords(client: PublicClient, manifest: Manifest, latest: bigint): Promise<RecordCache> {
  const key = manifestKey(manifest);
  const cached = caches.get(key);
  if (cached?.toBlock === latest) return cached;
  const flightKey = `${key}@${latest}`;
  let pending = inflight.get(flightKey);
  if (!pending) {
    pending = refresh(client, manifest, key, latest).finally(() => inflight.delete(flightKey));
    inflight.set(flightKey, pending);
  }
  return pending;
}

export type { RecordCache };
