import type { Hash, PublicClient } from "viem";

import type { Manifest } from "../../chains/index.ts";
import { sequencerConfigRegistryAbi, superchainGovernorAbi } from "../../contracts/index.ts";
import { CHANGE_KINDS, CHANGE_STATUSES, changeToAction, type ChangeKind, type ChangeStatus, type GovernanceAction } from "../../governance/index.ts";

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

/** The block a manifest contract was deployed at (log scans start there), else 0. */
export function deployBlock(manifest: Manifest, contract: string): bigint {
  return manifest.deployBlocks[contract] ?? 0n;
}

/**
 * Every change ever scheduled in the registry, newest first: two log queries (the registry's
 * `ChangeScheduled` and the governor's `ProposalExecuted`, joined by transaction) and one
 * multicall for the changes' stored fields and status, however many changes there are.
 */
export async function readScheduledChanges(client: PublicClient, manifest: Manifest): Promise<ScheduledChange[]> {
  const registry = manifest.contracts.sequencerConfig;
  const [scheduled, executed] = await Promise.all([
    client.getContractEvents({ address: registry, abi: sequencerConfigRegistryAbi, eventName: "ChangeScheduled", fromBlock: deployBlock(manifest, "SequencerConfigRegistry"), strict: true }),
    client.getContractEvents({ address: manifest.contracts.governor, abi: superchainGovernorAbi, eventName: "ProposalExecuted", fromBlock: deployBlock(manifest, "SuperchainGovernor"), strict: true }),
  ]);
  if (scheduled.length === 0) return [];
  const proposalByTx = new Map(executed.map((log) => [log.transactionHash, log.args.proposalId]));
  const contract = { address: registry, abi: sequencerConfigRegistryAbi } as const;
  const answers = await client.multicall({
    contracts: scheduled.flatMap((log) => [
      { ...contract, functionName: "getChange", args: [log.args.changeId] } as const,
      { ...contract, functionName: "changeStatus", args: [log.args.changeId] } as const,
    ]),
    allowFailure: false,
  });
  return scheduled
    .map((log, i): ScheduledChange => {
      const change = answers[2 * i] as { kind: number; chainId: bigint; scheduledAt: number; requestedActivation: number; expiresAt: number; approvedAt: number; activatesAt: number; payload: `0x${string}` };
      const status = answers[2 * i + 1] as number;
      const proposalId = proposalByTx.get(log.transactionHash);
      return {
        id: log.args.changeId,
        kind: CHANGE_KINDS[change.kind] ?? "setParameters",
        chainId: change.chainId,
        status: CHANGE_STATUSES[status] ?? "unknown",
        scheduledAt: BigInt(change.scheduledAt),
        requestedActivation: BigInt(change.requestedActivation),
        expiresAt: BigInt(change.expiresAt),
        approvedAt: BigInt(change.approvedAt),
        activatesAt: BigInt(change.activatesAt),
        action: changeToAction(change),
        ...(proposalId === undefined ? {} : { proposalId }),
        scheduledTx: log.transactionHash,
        scheduledBlock: log.blockNumber,
      };
    })
    .reverse();
}
