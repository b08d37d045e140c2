import { keccak256, toBytes, type Address, type Hash, type Hex } from "viem";

import { chainName, deployBlock, governanceContracts, type Manifest } from "../../chains/index.ts";
import { sequencerConfigRegistryAbi, superchainGovernorAbi, superchainTokenAbi } from "../../contracts/index.ts";
import { CHANGE_KINDS, decodeProposal, describeAction, type DecodedAction, type SequencerParameters, type VoteTally } from "../../governance/index.ts";
import { readRunningConfigs, sequencerOrigins } from "../../operator/index.ts";
import { scanLogs } from "../../rpc/logScan.ts";
import type { Deployment } from "../server/deployment.ts";
import { readScheduledChanges, type ScheduledChange } from "../server/registryChanges.ts";
import { cancelerOf, type Cancellation } from "./cancellation.ts";
import { readProposalRecords } from "./records.ts";
import { readSpokeTallies, type SpokeTallyView } from "./spokes.ts";
import { chainTallies } from "./tallies.ts";
import { proposalBody } from "./text.ts";
import { buildTimeline, type SequencerView, type TimelineStep } from "./timeline.ts";
import { PROPOSAL_STATES, type ChainTally, type ProposalRecord, type ProposalStateName, type TokenInfo } from "./types.ts";

/** One action of a proposal, in plain words. */
export interface ActionView {
  kind: DecodedAction["kind"];
  /** "Set base-local block time 2,000 ms → 1,000 ms, activating …" */
  sentence: string;
  target: Address;
  /** Whether the sentence's "before" values are the configuration just before this change activated. */
  beforeIsHistoric: boolean;
}

/** The arguments `queue` and `execute` take, as strings (they cross into a client component). */
export interface ProposalCallArgs {
  targets: Address[];
  values: string[];
  calldatas: Hex[];
  descriptionHash: Hash;
}

/** Everything `/proposals/[id]` shows. */
export interface ProposalDetail {
  id: bigint;
  title: string;
  /** Markdown, without the title heading. */
  body: string;
  proposer: Address;
  state: ProposalStateName;
  voteStart: bigint;
  deadline: bigint;
  /** 0n until queued. */
  eta: bigint;
  quorum: bigint | undefined;
  totals: VoteTally;
  tallies: ChainTally[];
  /** Member chains with cross-chain voting: their own tallies and their last relay to the hub. */
  spokes: SpokeTallyView[];
  token: TokenInfo;
  actions: ActionView[];
  timeline: TimelineStep[];
  /** The hub's time: its latest block's timestamp, or the wall clock when that is later (an idle hub mines no blocks). */
  now: bigint;
  call: ProposalCallArgs;
  createdTx: Hash;
  /** Where vote logs start, for the voter's own `VoteCast` lookup in the browser. */
  governorDeployBlock: bigint;
}

/** Actions whose execution schedules a change in the SequencerConfigRegistry (and so needs the council): one per change kind. */
const SCHEDULING_KINDS: ReadonlySet<DecodedAction["kind"]> = new Set(CHANGE_KINDS);

const LIFECYCLE_EVENTS = superchainGovernorAbi.filter(
  (item) => item.type === "event" && (item.name === "ProposalQueued" || item.name === "ProposalExecuted" || item.name === "ProposalCanceled"),
);

/** The time the next hub block carries at the earliest: an idle devnet hub mines only on transactions, so its latest block can lag the wall clock. */
const clockNow = (latestTimestamp: bigint): bigint => {
  const wall = BigInt(Math.floor(Date.now() / 1000));
  return wall > latestTimestamp ? wall : latestTimestamp;
};

/**
 * When the proposal was queued, executed and canceled: bounded log queries since its creation,
 * then the blocks' timestamps; and, once canceled, by whom (the cancel transaction's receipt).
 */
async function readLifecycleTimes(deployment: Deployment, record: ProposalRecord, toBlock: bigint) {
  const { id, blockNumber: createdBlock } = record;
  // Pinned to the block the state was read at, so the times and the state tell the same story.
  const logs =
    createdBlock > toBlock
      ? []
      : await scanLogs(
          (fromBlock, to) => deployment.hub.getLogs({ address: deployment.manifest.contracts.governor, events: LIFECYCLE_EVENTS, fromBlock, toBlock: to, strict: true }),
          { fromBlock: createdBlock, toBlock },
        );
  const mine = logs.filter((log) => (log.args as { proposalId?: bigint }).proposalId === id);
  const blockOf = (name: string) => mine.find((log) => log.eventName === name)?.blockNumber;
  const blocks = { created: createdBlock, queued: blockOf("ProposalQueued"), executed: blockOf("ProposalExecuted"), canceled: blockOf("ProposalCanceled") };
  const canceledTx = mine.find((log) => log.eventName === "ProposalCanceled")?.transactionHash;
  const [entries, cancellation] = await Promise.all([
    Promise.all(
      Object.entries(blocks).map(async ([name, blockNumber]) =>
        [name, blockNumber === undefined ? undefined : (await deployment.hub.getBlock({ blockNumber })).timestamp] as const,
      ),
    ),
    canceledTx === undefined
      ? undefined
      : deployment.hub
          .getTransactionReceipt({ hash: canceledTx })
          .then((receipt): Cancellation => ({ by: cancelerOf(receipt, { safe: deployment.manifest.council.safe, proposer: record.proposer }), tx: canceledTx })),
  ]);
  return { ...(Object.fromEntries(entries) as Record<keyof typeof blocks, bigint | undefined>), cancellation };
}

/** What the sequencer runs, per member chain; a failure becomes "did not report", never an error page. */
async function readSequencerView(manifest: Manifest): Promise<SequencerView> {
  const origins = sequencerOrigins(manifest.members);
  if (origins.length === 0) return { reachable: false, reason: "no sequencer URL in the deployment manifest" };
  try {
    const reports = await Promise.all(origins.map((origin) => readRunningConfigs(origin, { timeoutMs: 3_000 })));
    return { reachable: true, chains: reports.flatMap((report) => report.chains.map((chain) => ({ chainId: chain.chainId, activatedAt: chain.config?.activatedAt }))) };
  } catch (error) {
    return { reachable: false, reason: error instanceof Error ? error.message.split("\n")[0]! : String(error) };
  }
}

/** A proposal the governor knows, and the hub block the page reads it at. */
export interface LocatedProposal {
  record: ProposalRecord;
  head: { number: bigint; hash: Hash; timestamp: bigint };
}

/**
 * The proposal's `ProposalCreated` record at the hub's latest block, or undefined when the
 * governor has no such proposal. Cheap (the record cache; one `eth_getLogs` per 2,000 new blocks at most), so the
 * page can answer 404 before it streams anything, then read the rest behind a skeleton.
 *
 * @example
 * const located = await locateProposal(deployment, 42n)
 * if (!located) notFound()
 */
export async function locateProposal(deployment: Deployment, id: bigint): Promise<LocatedProposal | undefined> {
  const latest = await deployment.hub.getBlock({ blockTag: "latest" });
  const cache = await readProposalRecords(deployment.hub, deployment.manifest, latest);
  const record = cache.byId.get(id);
  return record && { record, head: { number: latest.number, hash: latest.hash, timestamp: latest.timestamp } };
}

/**
 * Everything the proposal page shows, or undefined when the governor has no such proposal
 * ({@link locateProposal}, then {@link readProposalDetail}).
 *
 * @example
 * const proposal = await getProposal(deployment, 42n)
 * if (!proposal) notFound()
 */
export async function getProposal(deployment: Deployment, id: bigint): Promise<ProposalDetail | undefined> {
  const located = await locateProposal(deployment, id);
  return located && readProposalDetail(deployment, located);
}

/**
 * Everything the proposal page shows of a located proposal, read at its head block. The reads
 * are concurrent and batched: one hub multicall (state, votes per chain, each chain's last
 * relayed tally, quorum, eta, the configurations the actions change), one multicall per member
 * chain with cross-chain voting (its own tally), the lifecycle and registry logs, and the sequencer's
 * `/healthz` only once a parameter change has activated. "Before" values are the configuration
 * in force now, or, for a change already active, the one in force just before it activated.
 *
 * @example
 * const proposal = await readProposalDetail(deployment, located)
 */
export async function readProposalDetail(deployment: Deployment, { record, head: latest }: LocatedProposal): Promise<ProposalDetail> {
  const { manifest, hub } = deployment;
  const id = record.id;
  const contracts = governanceContracts(manifest);
  const decoded = decodeProposal(record, contracts);
  const scopes = [...new Set(decoded.flatMap((action) => (action.kind === "setParameters" ? [action.chainId] : [])))];
  const governor = { address: manifest.contracts.governor, abi: superchainGovernorAbi } as const;
  const registry = { address: manifest.contracts.sequencerConfig, abi: sequencerConfigRegistryAbi } as const;
  const token = { address: manifest.contracts.token, abi: superchainTokenAbi } as const;
  const at = { blockNumber: latest.number } as const;
  const read = {
    state: hub.readContract({ ...governor, functionName: "state", args: [id], ...at }),
    deadline: hub.readContract({ ...governor, functionName: "proposalDeadline", args: [id], ...at }),
    eta: hub.readContract({ ...governor, functionName: "proposalEta", args: [id], ...at }),
    votes: hub.readContract({ ...governor, functionName: "proposalVotes", args: [id], ...at }),
    quorum: hub.readContract({ ...governor, functionName: "quorum", args: [record.voteStart], ...at }).catch(() => undefined),
    byChain: Promise.all(manifest.members.map((member) => hub.readContract({ ...governor, functionName: "proposalVotesByChain", args: [id, BigInt(member.chainId)], ...at }))),
    symbol: hub.readContract({ ...token, functionName: "symbol", ...at }),
    decimals: hub.readContract({ ...token, functionName: "decimals", ...at }),
    current: Promise.all(scopes.map((scope) => hub.readContract({ ...registry, functionName: "currentConfig", args: [scope], ...at }))),
    spokes: readSpokeTallies(deployment, id, latest.number),
  };
  // Issued in the same tick: viem batches the reads above into one Multicall3 call.
  const [state, deadline, eta, votes, quorum, byChain, symbol, decimals, current, spokes, times, allChanges] = await Promise.all([
    read.state,
    read.deadline,
    read.eta,
    read.votes,
    read.quorum,
    read.byChain,
    read.symbol,
    read.decimals,
    read.current,
    read.spokes,
    readLifecycleTimes(deployment, record, latest.number),
    readScheduledChanges(hub, manifest, latest),
  ]);
  const changes: ScheduledChange[] = allChanges.filter((change) => change.proposalId === id);
  const activeParameterChanges = changes.filter((change) => change.kind === "setParameters" && change.status === "active");

  const [historic, sequencer] = await Promise.all([
    Promise.all(
      activeParameterChanges.map(async (change) => {
        const config = await hub.readContract({ ...registry, functionName: "configAt", args: [change.chainId, change.activatesAt - 1n], ...at }).catch(() => undefined);
        return [change.chainId, config?.parameters] as const;
      }),
    ),
    activeParameterChanges.length > 0 ? readSequencerView(manifest) : Promise.resolve(undefined),
  ]);
  const before = new Map<bigint, SequencerParameters>(scopes.map((scope, i) => [scope, current[i]!.parameters]));
  const historicScopes = new Set<bigint>();
  for (const [scope, parameters] of historic) {
    if (parameters) {
      before.set(scope, parameters);
      historicScopes.add(scope);
    }
  }

  const tokenInfo: TokenInfo = { symbol, decimals: Number(decimals) };
  const nameOf = (chainId: bigint | number) => {
    try {
      return chainName(manifest, chainId);
    } catch {
      return undefined;
    }
  };
  const actions = decoded.map(
    (action, i): ActionView => ({
      kind: action.kind,
      sentence: describeAction(action, { chainName: nameOf, currentParameters: (chainId) => before.get(chainId), token: tokenInfo }),
      target: record.targets[i]!,
      beforeIsHistoric: action.kind === "setParameters" && historicScopes.has(action.chainId),
    }),
  );

  const { totals, tallies } = chainTallies(manifest, votes, byChain);
  const now = clockNow(latest.timestamp);
  const stateName = PROPOSAL_STATES[state] ?? "pending";

  return {
    id,
    title: record.title,
    body: proposalBody(record.description),
    proposer: record.proposer,
    state: stateName,
    voteStart: record.voteStart,
    deadline,
    eta,
    quorum,
    totals,
    tallies,
    spokes,
    token: tokenInfo,
    actions,
    timeline: buildTimeline({
      now,
      state: stateName,
      createdAt: times.created,
      voteStart: record.voteStart,
      deadline,
      queuedAt: times.queued,
      eta,
      executedAt: times.executed,
      canceledAt: times.canceled,
      cancellation: times.cancellation,
      schedulesChanges: decoded.some((action) => SCHEDULING_KINDS.has(action.kind)),
      changes,
      memberChainIds: manifest.members.map((member) => member.chainId),
      memberName: (chainId) => nameOf(chainId) ?? `chain ${chainId}`,
      sequencer,
    }),
    now,
    call: {
      targets: [...record.targets],
      values: record.values.map(String),
      calldatas: [...record.calldatas],
      descriptionHash: keccak256(toBytes(record.description)),
    },
    createdTx: record.transactionHash,
    governorDeployBlock: deployBlock(manifest, "SuperchainGovernor"),
  };
}
