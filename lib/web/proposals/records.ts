import type { Hash, PublicClient } from "viem";

import { deployBlock, type Manifest } from "../../chains/index.ts";
import { superchainGovernorAbi } from "../../contracts/index.ts";
import { deploymentKey, logCache, type HeadBlock } from "../server/logCache.ts";
import { webLogStore } from "../server/logStore.ts";
import { proposalTitle } from "./text.ts";
import type { ProposalRecord, ProposalStateName } from "./types.ts";

/** Every proposal known up to block `toBlock`, newest first, plus the states that can no longer change. */
interface RecordCache {
  toBlock: bigint;
  toBlockHash: Hash;
  records: readonly ProposalRecord[];
  byId: Map<bigint, ProposalRecord>;
  /** canceled / defeated / expired / executed, once read: never read again (forgotten with the chain's history on a reset). */
  terminal: Map<bigint, ProposalStateName>;
}

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

const readLogs = logCache({
  key: (manifest) => `${deploymentKey(manifest)}:${manifest.contracts.governor}`,
  fromBlock: (manifest) => deployBlock(manifest, "SuperchainGovernor"),
  fetch: fetchRecords,
  newState: () => new Map<bigint, ProposalStateName>(),
  persist: () => webLogStore(),
});
/** One view per cached scan, so a load at an unchanged head gets the very same object. */
const views = new WeakMap<object, RecordCache>();

/**
 * Every proposal of the deployment's governor up to block `head`, newest first, decoded from
 * `ProposalCreated` logs, through a {@link logCache}: a page load fetches only the logs of blocks
 * it has not seen (one `eth_getLogs` per 2,000 new blocks, none when no block is new), and a restarted
 * app starts from the saved scan.
 *
 * @example
 * const latest = await hub.getBlock({ blockTag: "latest" })
 * const { records, byId } = await readProposalRecords(hub, manifest, latest)
 */
export async function readProposalRecords(client: PublicClient, manifest: Manifest, head: HeadBlock): Promise<RecordCache> {
  const scan = await readLogs(client, manifest, head);
  let view = views.get(scan);
  if (!view) {
    view = { toBlock: scan.toBlock, toBlockHash: scan.toBlockHash, records: scan.items, byId: new Map(scan.items.map((record) => [record.id, record])), terminal: scan.state };
    views.set(scan, view);
  }
  return view;
}

export type { HeadBlock, RecordCache };
