import { getAbiItem, type PublicClient } from "viem";

import { deployBlock, memberChains, type Manifest } from "../../chains/index.ts";
import { sequencerConfigRegistryAbi, superchainGovernorAbi } from "../../contracts/index.ts";
import { describeAction } from "../../governance/index.ts";
import { chainChanges } from "../chains/changes.ts";
import { readSequencerHealth } from "../chains/sequencerHealth.ts";
import { readProposalRecords } from "../proposals/records.ts";
import { PROPOSAL_STATES, TERMINAL_STATES, type ProposalRecord, type ProposalStateName } from "../proposals/types.ts";
import type { Deployment } from "../server/deployment.ts";
import { deploymentKey, logCache } from "../server/logCache.ts";
import { webLogStore } from "../server/logStore.ts";
import { readScheduledChanges, type ScheduledChange } from "../server/registryChanges.ts";
import { FEED_LIMIT, newestEvents, type FeedChange, type FeedEvent } from "./events.ts";

/** A governor lifecycle or registry decision log: the feed's events that only a log dates. */
interface DecisionLog {
  eventName: "ProposalQueued" | "ProposalExecuted" | "ProposalCanceled" | "ChangeRejected" | "ChangeCancelled";
  /** The proposal id (governor events) or the change id (registry events). */
  subject: bigint;
  /** The timelock's eta (`ProposalQueued` only). */
  eta?: bigint;
  blockNumber: bigint;
}

const GOVERNOR_EVENTS = [
  getAbiItem({ abi: superchainGovernorAbi, name: "ProposalQueued" }),
  getAbiItem({ abi: superchainGovernorAbi, name: "ProposalExecuted" }),
  getAbiItem({ abi: superchainGovernorAbi, name: "ProposalCanceled" }),
] as const;
const REGISTRY_EVENTS = [getAbiItem({ abi: sequencerConfigRegistryAbi, name: "ChangeRejected" }), getAbiItem({ abi: sequencerConfigRegistryAbi, name: "ChangeCancelled" })] as const;

async function fetchDecisionLogs(client: PublicClient, manifest: Manifest, fromBlock: bigint, toBlock: bigint): Promise<DecisionLog[]> {
  const [governor, registry] = await Promise.all([
    client.getLogs({ address: manifest.contracts.governor, events: GOVERNOR_EVENTS, fromBlock, toBlock, strict: true }),
    client.getLogs({ address: manifest.contracts.sequencerConfig, events: REGISTRY_EVENTS, fromBlock, toBlock, strict: true }),
  ]);
  const logs: DecisionLog[] = [
    ...governor.map((log): DecisionLog => ({
      eventName: log.eventName,
      subject: log.args.proposalId,
      ...(log.eventName === "ProposalQueued" ? { eta: log.args.etaSeconds } : {}),
      blockNumber: log.blockNumber,
    })),
    ...registry.map((log): DecisionLog => ({ eventName: log.eventName, subject: log.args.changeId, blockNumber: log.blockNumber })),
  ];
  return logs.sort((a, b) => (a.blockNumber < b.blockNumber ? -1 : a.blockNumber > b.blockNumber ? 1 : 0));
}

const readDecisionLogs = logCache({
  key: (manifest) => `${deploymentKey(manifest)}:feed:${manifest.contracts.governor}:${manifest.contracts.sequencerConfig}`,
  fromBlock: (manifest) => {
    const registry = deployBlock(manifest, "SequencerConfigRegistry");
    const governor = deployBlock(manifest, "SuperchainGovernor");
    return registry < governor ? registry : governor;
  },
  fetch: fetchDecisionLogs,
  newState: () => undefined,
  persist: () => webLogStore(),
});

/** Block timestamps already read, by deployment and block number; bounded, as a page cache. */
const blockTimes = new Map<string, bigint>();
const BLOCK_TIMES_KEPT = 10_000;

/** The timestamps of `numbers`, the unknown ones in one JSON-RPC batch (the read client batches). */
async function readBlockTimes(client: PublicClient, key: string, numbers: readonly bigint[]): Promise<Map<bigint, bigint>> {
  const unknown = [...new Set(numbers)].filter((n) => !blockTimes.has(`${key}:${n}`));
  const blocks = await Promise.all(unknown.map((blockNumber) => client.getBlock({ blockNumber })));
  if (blockTimes.size + blocks.length > BLOCK_TIMES_KEPT) blockTimes.clear();
  for (const block of blocks) blockTimes.set(`${key}:${block.number}`, block.timestamp);
  return new Map(numbers.map((n) => [n, blockTimes.get(`${key}:${n}`)!]));
}

/**
 * The outcome of voting for proposals whose voting period is over, from the states the record
 * cache already knows final, the others in one multicall at `blockNumber`.
 */
async function readOutcomes(deployment: Deployment, records: readonly ProposalRecord[], terminal: Map<bigint, ProposalStateName>, blockNumber: bigint) {
  const unknown = records.filter((record) => !terminal.has(record.id));
  const governor = { address: deployment.manifest.contracts.governor, abi: superchainGovernorAbi } as const;
  const answers =
    unknown.length === 0
      ? []
      : await deployment.hub.multicall({ contracts: unknown.map((record) => ({ ...governor, functionName: "state", args: [record.id] }) as const), allowFailure: false, blockNumber });
  const states = new Map(terminal);
  unknown.forEach((record, i) => {
    const state = PROPOSAL_STATES[Number(answers[i])] ?? "pending";
    states.set(record.id, state);
    if (TERMINAL_STATES.has(state)) terminal.set(record.id, state);
  });
  return states;
}

/** A voting outcome from the state after voting ("canceled": no outcome; "active": extended by late quorum). */
const OUTCOME: Partial<Record<ProposalStateName, "succeeded" | "defeated">> = { succeeded: "succeeded", queued: "succeeded", executed: "succeeded", expired: "succeeded", defeated: "defeated" };

/** The registry's events of a change that carry their own time (the rest are dated by logs). */
function changeEvents(change: ScheduledChange, sentence: FeedChange): FeedEvent[] {
  const events: FeedEvent[] = [];
  if (change.status === "awaitingCouncil") events.push({ kind: "changeAwaitingCouncil", at: change.scheduledAt, change: sentence, expiresAt: change.expiresAt });
  if (change.approvedAt > 0n) events.push({ kind: "changeApproved", at: change.approvedAt, change: sentence, activatesAt: change.activatesAt });
  if (change.status === "expired") events.push({ kind: "changeExpired", at: change.expiresAt, change: sentence });
  return events;
}

/**
 * Every event the feed may show, newest first, at most `limit`: proposals created, voting closed,
 * queued, executed and canceled; registry changes awaiting the council, approved, rejected,
 * withdrawn or expired; and changes in force on the sequencer, per member chain.
 *
 * Built from the readers the pages use — the proposal record cache, the registry's change cache
 * (`readScheduledChanges`), the sequencer's health (`chainChanges` decides "in force") — plus one
 * log cache of the events only a log dates (queued, executed, canceled, rejected, withdrawn). A
 * load costs a few requests however long the history: new blocks' logs, one multicall of the
 * not-yet-final states of the newest proposals, the timestamps of at most `limit` blocks never
 * dated before (one batch), and the sequencer's `/healthz` once a change is active.
 *
 * @example
 * const events = await readFeedEvents(deployment)
 */
export async function readFeedEvents(deployment: Deployment, limit = FEED_LIMIT): Promise<FeedEvent[]> {
  const { manifest, hub } = deployment;
  const latest = await hub.getBlock({ blockTag: "latest" });
  const head = { number: latest.number, hash: latest.hash };
  const [records, decisions, changes] = await Promise.all([
    readProposalRecords(hub, manifest, head),
    readDecisionLogs(hub, manifest, head),
    readScheduledChanges(hub, manifest, head),
  ]);

  // Only the newest `limit` dated-by-block events can make the feed: date those alone.
  const recent = records.records.slice(0, limit);
  const recentDecisions = decisions.items.slice(0, limit);
  const byBlock = [...recent.map((r) => r.blockNumber), ...recentDecisions.map((d) => d.blockNumber)].sort((a, b) => (a < b ? 1 : a > b ? -1 : 0)).slice(0, limit);
  const closed = recent.filter((record) => record.voteEnd < latest.timestamp);
  const [times, states, health] = await Promise.all([
    readBlockTimes(hub, deploymentKey(manifest), byBlock),
    readOutcomes(deployment, closed, records.terminal, latest.number),
    changes.some((change) => change.status === "active") ? readSequencerHealth(manifest) : undefined,
  ]);

  const names = new Map(memberChains(manifest).map((chain) => [BigInt(chain.chainId), chain.name]));
  const feedChange = (change: ScheduledChange): FeedChange => ({
    id: change.id,
    ...(change.proposalId === undefined ? {} : { proposalId: change.proposalId }),
    sentence: describeAction(change.action, { chainName: (id) => names.get(id) }),
  });
  const changeById = new Map(changes.map((change) => [change.id, change]));
  const titleOf = (id: bigint) => records.byId.get(id)?.title ?? `Proposal ${id}`;
  const events: FeedEvent[] = [];

  for (const record of recent) {
    const at = times.get(record.blockNumber);
    if (at !== undefined) events.push({ kind: "proposalCreated", at, proposalId: record.id, title: record.title, proposer: record.proposer, voteStart: record.voteStart, voteEnd: record.voteEnd });
    const outcome = OUTCOME[states.get(record.id) ?? "pending"];
    if (outcome && record.voteEnd < latest.timestamp) events.push({ kind: "votingClosed", at: record.voteEnd, proposalId: record.id, title: record.title, outcome });
  }
  for (const log of recentDecisions) {
    const at = times.get(log.blockNumber);
    if (at === undefined) continue;
    if (log.eventName === "ProposalQueued") events.push({ kind: "proposalQueued", at, proposalId: log.subject, title: titleOf(log.subject), eta: log.eta ?? 0n });
    else if (log.eventName === "ProposalExecuted" || log.eventName === "ProposalCanceled") {
      events.push({ kind: log.eventName === "ProposalExecuted" ? "proposalExecuted" : "proposalCanceled", at, proposalId: log.subject, title: titleOf(log.subject) });
    } else {
      const change = changeById.get(log.subject);
      if (change) events.push({ kind: log.eventName === "ChangeRejected" ? "changeRejected" : "changeCancelled", at, change: feedChange(change) });
    }
  }
  for (const change of changes.slice(0, limit)) events.push(...changeEvents(change, feedChange(change)));
  if (health?.reachable) {
    for (const member of memberChains(manifest)) {
      const running = health.chains.find((chain) => chain.chainId === member.chainId);
      const inForce = chainChanges(changes, { chainId: BigInt(member.chainId), running, now: latest.timestamp, recent: limit }).filter((entry) => entry.stage === "inForce");
      for (const { change } of inForce) events.push({ kind: "inForce", at: change.activatesAt, change: feedChange(change), chainId: member.chainId, chainName: member.name });
    }
  }
  return newestEvents(events, limit);
}
