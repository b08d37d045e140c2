import { isAddressEqual, type Address, type Hash } from "viem";

/** Pure reductions of delegation logs and votes into what a delegate's profile shows. */

/** Where in a chain's history a log sits, and when (the block's timestamp: the tokens' clock). */
export interface LogPosition {
  chainId: number;
  blockNumber: bigint;
  logIndex: number;
  timestamp: bigint;
  transactionHash: Hash;
}

/** A `DelegateVotesChanged` log: a delegate's voting power on one chain from then on. */
export interface VotesChangeLog extends LogPosition {
  kind: "votes";
  delegate: Address;
  previousVotes: bigint;
  newVotes: bigint;
}

/** A `DelegateChanged` log: a holder's delegate on one chain from then on. */
export interface DelegateChangeLog extends LogPosition {
  kind: "delegate";
  delegator: Address;
  fromDelegate: Address;
  toDelegate: Address;
}

export type DelegationLog = VotesChangeLog | DelegateChangeLog;

/** Logs in chain order: oldest first. */
const chronological = <T extends { blockNumber: bigint; logIndex: number }>(a: T, b: T) =>
  a.blockNumber === b.blockNumber ? a.logIndex - b.logIndex : a.blockNumber < b.blockNumber ? -1 : 1;

/** One chain's power changes of one delegate, oldest first. */
export function votesChangesOf(logs: readonly DelegationLog[], delegate: Address): VotesChangeLog[] {
  return logs.filter((log): log is VotesChangeLog => log.kind === "votes" && isAddressEqual(log.delegate, delegate)).sort(chronological);
}

/**
 * A delegate's voting power on one chain as of `timestamp`, as the token's `getPastVotes` answers:
 * the last change whose block timestamp is at or before it (the tokens run on a timestamp clock).
 *
 * @example
 * powerAt(votesChangesOf(logs, delegate), proposal.voteStart)
 */
export function powerAt(changes: readonly VotesChangeLog[], timestamp: bigint): bigint {
  let votes = 0n;
  for (const change of changes) {
    if (change.timestamp > timestamp) break;
    votes = change.newVotes;
  }
  return votes;
}

/** One step of a delegate's power: after a change on `chainId`, its power there and in all. */
export interface PowerPoint {
  timestamp: bigint;
  chainId: number;
  /** Power on `chainId` from this change on. */
  chainVotes: bigint;
  /** Power summed over every chain from this change on. */
  total: bigint;
  transactionHash: Hash;
}

/**
 * A delegate's power over time, summed over chains: one point per change on any chain, in time
 * order (chains in the order given at equal timestamps).
 */
export function powerHistory(chains: ReadonlyArray<readonly VotesChangeLog[]>): PowerPoint[] {
  const current = new Map<number, bigint>();
  const merged = chains
    .flatMap((changes, order) => changes.map((change) => ({ change, order })))
    .sort((a, b) => (a.change.timestamp === b.change.timestamp ? a.order - b.order || chronological(a.change, b.change) : a.change.timestamp < b.change.timestamp ? -1 : 1));
  return merged.map(({ change }) => {
    current.set(change.chainId, change.newVotes);
    const total = [...current.values()].reduce((sum, votes) => sum + votes, 0n);
    return { timestamp: change.timestamp, chainId: change.chainId, chainVotes: change.newVotes, total, transactionHash: change.transactionHash };
  });
}

/** An account delegating to the delegate on one chain now. */
export interface Delegator {
  address: Address;
  chainId: number;
  /** When it delegated to them (its latest `DelegateChanged` there). */
  since: bigint;
  transactionHash: Hash;
}

/**
 * The accounts whose current delegate on this chain is `delegate` (their latest `DelegateChanged`
 * names them), oldest delegation first; the delegate itself included when it self-delegates.
 */
export function currentDelegators(logs: readonly DelegationLog[], delegate: Address): Delegator[] {
  const latest = new Map<Address, DelegateChangeLog>();
  for (const log of logs) {
    if (log.kind !== "delegate") continue;
    const key = log.delegator.toLowerCase() as Address;
    const seen = latest.get(key);
    if (!seen || chronological(seen, log) < 0) latest.set(key, log);
  }
  return [...latest.values()]
    .filter((log) => isAddressEqual(log.toDelegate, delegate))
    .sort(chronological)
    .map((log) => ({ address: log.delegator, chainId: log.chainId, since: log.timestamp, transactionHash: log.transactionHash }));
}

/** A proposal as participation needs it. */
export interface ParticipationProposal {
  id: bigint;
  /** The snapshot timestamp: power counts as of it. */
  voteStart: bigint;
}

/** The votes participation needs: whose, on which proposal (any chain). */
export interface CastVote {
  proposalId: bigint;
  voter: Address;
}

export interface Participation {
  /** Proposals the delegate could vote on (see {@link participation}). */
  eligible: number;
  /** Of those, the ones they voted on, on any chain. */
  voted: number;
  /** voted / eligible; undefined when nothing was eligible. */
  rate: number | undefined;
}

/**
 * Participation, precisely: of the proposals whose snapshot has passed (`voteStart` < `now`, the
 * hub's time) and that were not canceled, those at whose snapshot the delegate had voting power
 * above zero on the hub or any member chain are eligible; an eligible proposal counts as voted
 * when the delegate cast a vote on it on any chain. A proposal still open counts as not voted yet.
 *
 * @example
 * participation({ proposals, excluded: canceled, now, chains: [hubChanges, baseChanges], votes, delegate })
 */
export function participation({
  proposals,
  excluded,
  now,
  chains,
  votes,
  delegate,
}: {
  proposals: readonly ParticipationProposal[];
  excluded: ReadonlySet<bigint>;
  now: bigint;
  /** The delegate's power changes, one list per chain (see {@link votesChangesOf}). */
  chains: ReadonlyArray<readonly VotesChangeLog[]>;
  votes: readonly CastVote[];
  delegate: Address;
}): Participation {
  const votedOn = new Set(votes.filter((vote) => isAddressEqual(vote.voter, delegate)).map((vote) => vote.proposalId));
  const eligible = proposals.filter(
    (proposal) => proposal.voteStart < now && !excluded.has(proposal.id) && chains.some((changes) => powerAt(changes, proposal.voteStart) > 0n),
  );
  const voted = eligible.filter((proposal) => votedOn.has(proposal.id)).length;
  return { eligible: eligible.length, voted, rate: eligible.length === 0 ? undefined : voted / eligible.length };
}

/**
 * A participation as people read it: "3 of 4 (75%)", or "no proposals yet" when the delegate
 * could not vote on any.
 */
export function formatParticipation({ eligible, voted, rate }: Participation): string {
  if (rate === undefined) return "no eligible proposals yet";
  return `${voted} of ${eligible} (${Math.round(rate * 100)}%)`;
}
