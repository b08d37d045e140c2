import type { Deployment } from "../server/deployment.ts";
import { superchainGovernorAbi, superchainTokenAbi } from "../../contracts/index.ts";
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, pageWindow, type ListParams } from "./params.ts";
import { readProposalRecords, type RecordCache } from "./records.ts";
import { chainTallies } from "./tallies.ts";
import { matchesQuery } from "./text.ts";
import { PROPOSAL_STATES, TERMINAL_STATES, type ProposalRecord, type ProposalStateName, type ProposalSummary, type TokenInfo } from "./types.ts";

/** One page of `/proposals`. */
export interface ProposalPage {
  proposals: ProposalSummary[];
  /** Proposals matching the filters (all pages). */
  total: number;
  /** Proposals of the governor, unfiltered. */
  count: number;
  page: number;
  pageCount: number;
  pageSize: number;
  /** The hub's latest block timestamp: "time left" is chain time. */
  now: bigint;
  token: TokenInfo;
}

type Multicall = Parameters<Deployment["hub"]["multicall"]>[0]["contracts"];

const governorOf = (deployment: Deployment) => ({ address: deployment.manifest.contracts.governor, abi: superchainGovernorAbi }) as const;

/**
 * The current state of every listed proposal whose state may still change, in one multicall;
 * states that can no longer change are remembered in the cache and never read again. Only a
 * state filter needs this for proposals beyond the page.
 */
export async function readStates(deployment: Deployment, cache: RecordCache, records: readonly ProposalRecord[], blockNumber: bigint): Promise<Map<bigint, ProposalStateName>> {
  const states = new Map<bigint, ProposalStateName>();
  const unknown = records.filter((record) => {
    const known = cache.terminal.get(record.id);
    if (known) states.set(record.id, known);
    return !known;
  });
  if (unknown.length === 0) return states;
  const governor = governorOf(deployment);
  const answers = await deployment.hub.multicall({
    contracts: unknown.map((record) => ({ ...governor, functionName: "state", args: [record.id] }) as const),
    allowFailure: false,
    blockNumber,
  });
  unknown.forEach((record, i) => {
    const state = PROPOSAL_STATES[Number(answers[i])] ?? "pending";
    states.set(record.id, state);
    if (TERMINAL_STATES.has(state)) cache.terminal.set(record.id, state);
  });
  return states;
}

/**
 * What the list shows for each given proposal — state, deadline, per-chain tallies, quorum —
 * in one multicall (a few calls per proposal and per member chain, however many proposals the
 * governor has), plus the token's symbol and decimals.
 */
async function readSummaries(
  deployment: Deployment,
  cache: RecordCache,
  records: readonly ProposalRecord[],
  blockNumber: bigint,
): Promise<{ summaries: ProposalSummary[]; token: TokenInfo }> {
  const { manifest } = deployment;
  const governor = governorOf(deployment);
  const token = { address: manifest.contracts.token, abi: superchainTokenAbi } as const;
  const members = manifest.members;
  const perProposal = 4 + members.length;
  const contracts = [
    { ...token, functionName: "symbol" },
    { ...token, functionName: "decimals" },
    ...records.flatMap((record) => [
      { ...governor, functionName: "state", args: [record.id] },
      { ...governor, functionName: "proposalDeadline", args: [record.id] },
      { ...governor, functionName: "proposalVotes", args: [record.id] },
      // Reverts (ERC5805FutureLookup) until the snapshot has passed: allowed to fail.
      { ...governor, functionName: "quorum", args: [record.voteStart] },
      ...members.map((member) => ({ ...governor, functionName: "proposalVotesByChain", args: [record.id, BigInt(member.chainId)] })),
    ]),
  ] as const satisfies Multicall;
  const answers = await deployment.hub.multicall({ contracts: contracts as Multicall, allowFailure: true, blockNumber });
  const value = <T>(index: number): T => {
    const answer = answers[index];
    if (!answer || answer.status !== "success") throw answer?.error ?? new Error(`multicall answer ${index} missing`);
    return answer.result as T;
  };
  const tokenInfo: TokenInfo = { symbol: value<string>(0), decimals: Number(value<number>(1)) };
  const summaries = records.map((record, i): ProposalSummary => {
    const base = 2 + i * perProposal;
    const state = PROPOSAL_STATES[Number(value<number>(base))] ?? "pending";
    if (TERMINAL_STATES.has(state)) cache.terminal.set(record.id, state);
    const quorumAnswer = answers[base + 3];
    const { totals, tallies } = chainTallies(
      manifest,
      value<readonly [bigint, bigint, bigint]>(base + 2),
      members.map((_, m) => value<readonly [bigint, bigint, bigint]>(base + 4 + m)),
    );
    return {
      id: record.id,
      title: record.title,
      proposer: record.proposer,
      state,
      voteStart: record.voteStart,
      deadline: value<bigint>(base + 1),
      tallies,
      totals,
      quorum: quorumAnswer?.status === "success" ? (quorumAnswer.result as bigint) : undefined,
    };
  });
  return { summaries, token: tokenInfo };
}

/**
 * One page of the governor's proposals, newest first, filtered by state and free text. Built for
 * thousands of proposals: the list comes from `ProposalCreated` logs (cached per deployment and
 * extended with new blocks only), text search runs on the decoded descriptions, and chain reads
 * cover only the page's proposals (plus the states of not-yet-final proposals when filtering by
 * state), all in one multicall. A page load makes the same few RPC requests for 10 proposals
 * or 1,000.
 *
 * @example
 * const page = await listProposals(deployment, { state: "active", query: "block time", page: 1 })
 * page.proposals[0]?.tallies // hub first, then each member chain
 */
export async function listProposals(deployment: Deployment, params: ListParams = {}): Promise<ProposalPage> {
  const latest = await deployment.hub.getBlock({ blockTag: "latest" });
  const cache = await readProposalRecords(deployment.hub, deployment.manifest, latest);
  let matching = params.query ? cache.records.filter((record) => matchesQuery(record, params.query!)) : cache.records;
  if (params.state) {
    const states = await readStates(deployment, cache, matching, latest.number);
    matching = matching.filter((record) => states.get(record.id) === params.state);
  }
  const window = pageWindow(matching.length, params.page ?? 1, params.pageSize ?? DEFAULT_PAGE_SIZE);
  const { summaries, token } = await readSummaries(deployment, cache, matching.slice(window.start, window.end), latest.number);
  return {
    proposals: summaries,
    total: matching.length,
    count: cache.records.length,
    page: window.page,
    pageCount: window.pageCount,
    pageSize: window.pageSize,
    now: latest.timestamp,
    token,
  };
}

/** What the overview shows of an open proposal: its title, and its deadline for "time left". */
export interface ActiveProposal {
  id: bigint;
  title: string;
  /** The governor's `proposalDeadline` (late quorum may have extended the proposed end). */
  deadline: bigint;
}

/** Per records cache (one per deployment): proposals whose voting was seen closed. */
const votingClosed = new WeakMap<object, Set<bigint>>();

/**
 * The proposals open for voting now, soonest deadline first, at most `limit` (for the overview),
 * with the number open in all. Lean on purpose: one multicall reads the state and deadline of
 * the proposals whose voting has started and was not yet seen closed — no tallies, no quorum,
 * which the overview does not show. `now` is the hub's chain time, for
 * `timeLeft(p.deadline, now)` from `lib/web/proposals/format.ts`.
 *
 * Stable API: the overview page imports it.
 *
 * @example
 * const { proposals, total, now } = await activeProposals(deployment, 5)
 */
export async function activeProposals(deployment: Deployment, limit: number): Promise<{ proposals: ActiveProposal[]; total: number; now: bigint }> {
  const latest = await deployment.hub.getBlock({ blockTag: "latest" });
  const cache = await readProposalRecords(deployment.hub, deployment.manifest, latest);
  let closed = votingClosed.get(cache);
  if (!closed) votingClosed.set(cache, (closed = new Set()));
  // Only a proposal whose voting has started and was not seen closed can be active: its state is
  // read until its voting closes, then never again, so the cost follows the proposals in voting,
  // not the number ever made.
  const seenClosed = closed;
  const open = cache.records.filter((record) => !cache.terminal.has(record.id) && !seenClosed.has(record.id) && record.voteStart < latest.timestamp);
  const governor = governorOf(deployment);
  const answers =
    open.length === 0
      ? []
      : await deployment.hub.multicall({
          contracts: open.flatMap((record) => [
            { ...governor, functionName: "state", args: [record.id] } as const,
            { ...governor, functionName: "proposalDeadline", args: [record.id] } as const,
          ]),
          allowFailure: false,
          blockNumber: latest.number,
        });
  const active: ActiveProposal[] = [];
  open.forEach((record, i) => {
    const state = PROPOSAL_STATES[Number(answers[2 * i])] ?? "pending";
    if (TERMINAL_STATES.has(state)) cache.terminal.set(record.id, state);
    if (state !== "active" && state !== "pending") seenClosed.add(record.id); // voting never reopens
    if (state === "active") active.push({ id: record.id, title: record.title, deadline: answers[2 * i + 1] as bigint });
  });
  active.sort((a, b) => (a.deadline < b.deadline ? -1 : a.deadline > b.deadline ? 1 : 0));
  const shown = active.slice(0, Math.max(0, Math.min(Math.trunc(limit), MAX_PAGE_SIZE)));
  return { proposals: shown, total: active.length, now: latest.timestamp };
}
