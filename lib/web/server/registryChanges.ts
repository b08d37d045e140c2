import type { Hash, PublicClient } from "viem";

import { deployBlock, type Manifest } from "../../chains/index.ts";
import { sequencerConfigRegistryAbi, superchainGovernorAbi } from "../../contracts/index.ts";
import { CHANGE_STATUSES, changeKindOf, changeToAction, type ChangeKind, type ChangeStatus, type GovernanceAction } from "../../governance/index.ts";
import { deploymentKey, logCache, type HeadBlock } from "./logCache.ts";
import { webLogStore } from "./logStore.ts";

/** One change scheduled in the SequencerConfigRegistry, with where it came from and where it stands. */
export interface ScheduledChange {
  id: bigint;
  kind: ChangeKind;
  /** 0n: all chains (the global default) or not chain-specific. */
  chainId: bigint;
  /** Now, including the derived `expired` and `active`. */
  status: ChangeStatus;
  /** Unix seconds; 0n where not set yet. */
  scheduledAt: bigint;
  requestedActivation: bigint;
  expiresAt: bigint;
  approvedAt: bigint;
  activatesAt: bigint;
  /** What the change does, decoded from its payload (the same terms as the proposal's action). */
  action: GovernanceAction;
  /** The governor proposal whose execution scheduled it, when it came from one. */
  proposalId?: bigint;
  scheduledTx: Hash;
  scheduledBlock: bigint;
}

/** A `ChangeScheduled` log, with the proposal whose execution emitted it (same transaction). */
interface ScheduledLog {
  changeId: bigint;
  proposalId?: bigint;
  transactionHash: Hash;
  blockNumber: bigint;
}

async function fetchScheduledLogs(client: PublicClient, manifest: Manifest, fromBlock: bigint, toBlock: bigint): Promise<ScheduledLog[]> {
  const [scheduled, executed] = await Promise.all([
    client.getContractEvents({ address: manifest.contracts.sequencerConfig, abi: sequencerConfigRegistryAbi, eventName: "ChangeScheduled", fromBlock, toBlock, strict: true }),
    client.getContractEvents({ address: manifest.contracts.governor, abi: superchainGovernorAbi, eventName: "ProposalExecuted", fromBlock, toBlock, strict: true }),
  ]);
  const proposalByTx = new Map(executed.map((log) => [log.transactionHash, log.args.proposalId]));
  return scheduled.map(({ args, transactionHash, blockNumber }) => {
    const proposalId = proposalByTx.get(transactionHash);
    return { changeId: args.changeId, ...(proposalId === undefined ? {} : { proposalId }), transactionHash, blockNumber };
  });
}

/** Statuses a change never leaves: its stored fields cannot change either. */
const FINAL_STATUSES: ReadonlySet<ChangeStatus> = new Set(["rejected", "cancelled", "expired", "active"]);

const readScheduledLogs = logCache({
  key: (manifest) => `${deploymentKey(manifest)}:${manifest.contracts.sequencerConfig}:${manifest.contracts.governor}`,
  fromBlock: (manifest) => {
    const registry = deployBlock(manifest, "SequencerConfigRegistry");
    const governor = deployBlock(manifest, "SuperchainGovernor");
    return registry < governor ? registry : governor;
  },
  fetch: fetchScheduledLogs,
  /** Changes read in a final status, by id. */
  newState: () => new Map<bigint, ScheduledChange>(),
  persist: () => webLogStore(),
});

/**
 * Every change ever scheduled in the registry up to block `head` (the latest when not given),
 * newest first. The logs (`ChangeScheduled`, joined by transaction to the governor's
 * `ProposalExecuted`) come through a {@link logCache}, so a load reads only new blocks' logs; one
 * multicall at `head` reads the stored fields and status of the changes not yet seen in a final
 * status, so the cost stays flat as history grows.
 */
export async function readScheduledChanges(client: PublicClient, manifest: Manifest, head?: HeadBlock): Promise<ScheduledChange[]> {
  const at = head ?? (await client.getBlock({ blockTag: "latest" }));
  const { items, state: final } = await readScheduledLogs(client, manifest, { number: at.number, hash: at.hash });
  const open = items.filter((log) => !final.has(log.changeId));
  const contract = { address: manifest.contracts.sequencerConfig, abi: sequencerConfigRegistryAbi } as const;
  const answers =
    open.length === 0
      ? []
      : await client.multicall({
          contracts: open.flatMap((log) => [
            { ...contract, functionName: "getChange", args: [log.changeId] } as const,
            { ...contract, functionName: "changeStatus", args: [log.changeId] } as const,
          ]),
          allowFailure: false,
          blockNumber: at.number,
        });
  const read = new Map(open.map((log, i) => [log.changeId, toScheduledChange(log, answers[2 * i] as StoredChange, answers[2 * i + 1] as number)]));
  for (const change of read.values()) if (FINAL_STATUSES.has(change.status)) final.set(change.id, change);
  return items.map((log) => read.get(log.changeId) ?? final.get(log.changeId)!);
}

type StoredChange = { kind: number; chainId: bigint; scheduledAt: number; requestedActivation: number; expiresAt: number; approvedAt: number; activatesAt: number; payload: `0x${string}` };

function toScheduledChange(log: ScheduledLog, change: StoredChange, status: number): ScheduledChange {
  return {
    id: log.changeId,
    kind: changeKindOf(change.kind),
    chainId: change.chainId,
    status: CHANGE_STATUSES[status] ?? "unknown",
    scheduledAt: BigInt(change.scheduledAt),
    requestedActivation: BigInt(change.requestedActivation),
    expiresAt: BigInt(change.expiresAt),
    approvedAt: BigInt(change.approvedAt),
    activatesAt: BigInt(change.activatesAt),
    action: changeToAction(change),
    ...(log.proposalId === undefined ? {} : { proposalId: log.proposalId }),
    scheduledTx: log.transactionHash,
    scheduledBlock: log.blockNumber,
  };
}
