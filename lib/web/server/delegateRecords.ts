import type { Address } from "viem";

import { participation, votesChangesOf, type Participation } from "../delegates/profileModel.ts";
import { readStates } from "../proposals/list.ts";
import { readProposalRecords, type RecordCache } from "../proposals/records.ts";
import type { VoteReading } from "../votes/types.ts";
import { readAllDelegationLogs, type AllDelegationLogs } from "./delegationLogs.ts";
import type { Deployment } from "./deployment.ts";
import { readVotes } from "./readVotes.ts";

/** Everything the delegates' pages derive their records from, read at one hub head. */
export interface DelegateRecords {
  hub: { number: bigint; hash: `0x${string}`; timestamp: bigint };
  proposals: RecordCache;
  delegation: AllDelegationLogs;
  votes: VoteReading;
  /** Proposals that were canceled: nobody could vote on them, so they never count against participation. */
  canceled: ReadonlySet<bigint>;
}

/**
 * The proposals, every chain's delegation logs and every vote, each through its log cache (only
 * new blocks are read), plus one multicall for the states of proposals whose snapshot has passed
 * and whose final state is not known yet: a few requests per chain however many votes,
 * delegations or delegates there are.
 *
 * @example
 * const records = await readDelegateRecords(deployment)
 * participationOf(records, delegate)
 */
export async function readDelegateRecords(deployment: Deployment): Promise<DelegateRecords> {
  const head = await deployment.hub.getBlock({ blockTag: "latest" });
  const hubHead = { number: head.number, hash: head.hash };
  const [proposals, delegation, votes] = await Promise.all([
    readProposalRecords(deployment.hub, deployment.manifest, hubHead),
    readAllDelegationLogs(deployment, { ...hubHead, timestamp: head.timestamp }),
    readVotes(deployment, { hubHead }),
  ]);
  const snapshotPassed = proposals.records.filter((record) => record.voteStart < head.timestamp);
  const states = snapshotPassed.length === 0 ? new Map() : await readStates(deployment, proposals, snapshotPassed, head.number);
  const canceled = new Set([...states].flatMap(([id, state]) => (state === "canceled" ? [id] : [])));
  return { hub: { ...hubHead, timestamp: head.timestamp }, proposals, delegation, votes, canceled };
}

/**
 * One delegate's participation (see {@link participation} for the precise definition): power at
 * each snapshot from every chain's logs, votes from every chain.
 */
export function participationOf(records: DelegateRecords, delegate: Address): Participation {
  return participation({
    proposals: records.proposals.records,
    excluded: records.canceled,
    now: records.hub.timestamp,
    chains: records.delegation.chains.map(({ logs }) => votesChangesOf(logs, delegate)),
    votes: records.votes.votes,
    delegate,
  });
}
