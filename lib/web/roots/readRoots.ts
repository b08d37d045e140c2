import { getAbiItem, type Address, type Hex, type PublicClient } from "viem";

import { deployBlock, type ChainEntry, type Manifest } from "../../chains/index.ts";
import { hubStateOracleAbi, outputOracleAbi } from "../../contracts/index.ts";
import type { Deployment } from "../server/deployment.ts";
import { deploymentKey, logCache, type HeadBlock, type LogCache } from "../server/logCache.ts";
import { webLogStore } from "../server/logStore.ts";
import { postKey, replayRoots, ROOT_STATES, type RootEvent, type RootFeed, type RootStatus } from "./records.ts";

/** How many of a feed's newest roots a page shows. */
export const ROOTS_SHOWN = 5;

/** One committed root and where it stands now. */
export interface RootView {
  feed: RootFeed;
  /** The member chain: whose outputs (feed "output") or whose HubStateOracle (feed "hubState"). */
  chainId: number;
  /** The oracle holding the root: the hub's OutputOracle or the member chain's HubStateOracle. */
  oracle: Address;
  index: bigint;
  /** The committed block (member chain block for outputs, hub block for hub states). */
  blockNumber: bigint;
  blockHash: Hex;
  stateRoot: Hex;
  blockTimestamp: bigint;
  /** When it was posted, in the oracle chain's time. */
  postedAt: bigint;
  /** When proofs may use it (the end of its window); unknown for a rejected root. */
  usableAt: bigint | undefined;
  status: RootStatus;
}

/** A feed's newest roots, newest first, and the oracle chain's clock they were judged against. */
export interface RootFeedView {
  feed: RootFeed;
  chainId: number;
  oracle: Address;
  /** The chain the oracle lives on: the hub for outputs, the member chain for hub states. */
  oracleChainId: number;
  roots: RootView[];
  /** How many roots were ever posted to the feed (rejected ones included). */
  posted: number;
  /** The oracle chain's latest block timestamp (what `rootState` compares windows with). */
  now: bigint;
}

/** A feed's event on the oracle's chain; outputs also say whose chain. */
type FeedEvent = RootEvent & { chainId?: bigint };
/** What never changes again once read: a usable or rejected root's times and state, by post. */
type Finals = Map<string, { postedAt: bigint; usableAt: bigint | undefined; status: RootStatus }>;

const outputEvents = [getAbiItem({ abi: outputOracleAbi, name: "OutputPosted" }), getAbiItem({ abi: outputOracleAbi, name: "OutputsRejected" })] as const;
const hubStateEvents = [getAbiItem({ abi: hubStateOracleAbi, name: "HubStatePosted" }), getAbiItem({ abi: hubStateOracleAbi, name: "HubStatesRejected" })] as const;

const readOutputLogs = logCache<FeedEvent, Finals>({
  key: (manifest) => `${deploymentKey(manifest)}:${manifest.contracts.outputOracle}`,
  fromBlock: (manifest) => deployBlock(manifest, "OutputOracle"),
  fetch: async (client, manifest, fromBlock, toBlock) => {
    const logs = await client.getLogs({ address: manifest.contracts.outputOracle!, events: outputEvents, fromBlock, toBlock, strict: true });
    return logs.map((log): FeedEvent => {
      const at = { blockNumber: log.blockNumber, logIndex: log.logIndex, chainId: log.args.chainId };
      if (log.eventName === "OutputsRejected") return { kind: "rejected", ...at, index: log.args.index, count: log.args.count };
      const { index, blockNumber, blockHash, stateRoot, blockTimestamp } = log.args;
      return { kind: "posted", ...at, index, rootBlock: blockNumber, blockHash, stateRoot, blockTimestamp: BigInt(blockTimestamp) };
    });
  },
  newState: (): Finals => new Map(),
  persist: () => webLogStore(),
});

/** One forward-only cache per member chain's HubStateOracle (a cache follows one chain). */
const hubStateReaders = new Map<number, (client: PublicClient, manifest: Manifest, head: HeadBlock) => Promise<LogCache<FeedEvent, Finals>>>();

function hubStateLogs(member: ChainEntry & { hubStateOracle: Address }) {
  let reader = hubStateReaders.get(member.chainId);
  if (!reader) {
    reader = logCache<FeedEvent, Finals>({
      // The deployment too: a saved scan of another devnet's chain with this id must not be extended.
      key: (manifest) => `${deploymentKey(manifest)}:${member.chainId}:${member.hubStateOracle}`,
      // The manifest records no member-chain deploy block for the oracle; it is among the chain's first.
      fromBlock: () => 0n,
      fetch: async (client, _manifest, fromBlock, toBlock) => {
        const logs = await client.getLogs({ address: member.hubStateOracle, events: hubStateEvents, fromBlock, toBlock, strict: true });
        return logs.map((log): FeedEvent => {
          const at = { blockNumber: log.blockNumber, logIndex: log.logIndex };
          if (log.eventName === "HubStatesRejected") return { kind: "rejected", ...at, index: log.args.index, count: log.args.count };
          const { index, hubBlockNumber, hubBlockHash, hubStateRoot, hubBlockTimestamp } = log.args;
          return { kind: "posted", ...at, index, rootBlock: hubBlockNumber, blockHash: hubBlockHash, stateRoot: hubStateRoot, blockTimestamp: BigInt(hubBlockTimestamp) };
        });
      },
      newState: (): Finals => new Map(),
      persist: () => webLogStore(),
    });
    hubStateReaders.set(member.chainId, reader);
  }
  return reader;
}

/** Which feed to read: a member chain's outputs on the hub, or the hub states on a member chain. */
export type RootFeedParameters = {
  feed: RootFeed;
  chainId: number;
  last?: number;
  /**
   * Also the oldest root still in its window when it is older than the newest `last` (one more
   * oracle read): rejecting it rejects every root after it, so a forged root anywhere in the
   * window can be reached from it.
   */
  oldestInWindow?: boolean;
};

/**
 * A feed's newest `last` roots (rejected ones included), newest first, each with its post time
 * and state. The posts and rejections come from the oracle's logs through a forward-only
 * {@link logCache} (a load reads only new blocks' logs), replayed as `RootHistory` keeps them; the
 * roots still open (in their window when last seen) are asked of the oracle — `rootState` and the
 * stored root — in one multicall at the head block; a rejected root's post time is its post
 * block's time. Usable and rejected roots never change again and are not read twice. So a load
 * costs a head block, one log query, one multicall and at most `last` block headers, flat as
 * history grows. `undefined` when the deployment has no such oracle.
 *
 * @example
 * const outputs = await readRootFeed(deployment, { feed: "output", chainId: 901 })
 * outputs?.roots.filter((root) => root.status === "inChallengeWindow")
 */
export async function readRootFeed(deployment: Deployment, { feed, chainId, last = ROOTS_SHOWN, oldestInWindow = false }: RootFeedParameters): Promise<RootFeedView | undefined> {
  const { manifest } = deployment;
  const member = manifest.members.find((entry) => entry.chainId === chainId);
  if (member === undefined) return undefined;
  const oracle = feed === "output" ? manifest.contracts.outputOracle : member.hubStateOracle;
  if (oracle === undefined) return undefined;
  const oracleChainId = feed === "output" ? manifest.hub.chainId : chainId;
  const client = feed === "output" ? deployment.hub : deployment.client(chainId);

  const head = await client.getBlock({ blockTag: "latest" });
  const at = { number: head.number, hash: head.hash };
  const { items, state: finals } =
    feed === "output" ? await readOutputLogs(client, manifest, at) : await hubStateLogs({ ...member, hubStateOracle: oracle })(client, manifest, at);
  const history = replayRoots(feed === "output" ? items.filter((event) => event.chainId === BigInt(chainId)) : items);
  const shown = history.slice(0, last);
  if (oldestInWindow) {
    // Usable roots are the accepted list's prefix: the first accepted root past it is the oldest in its window.
    const usable = await readUsableCount(client, feed, oracle, chainId, head.number);
    const oldest = history.find((record) => !record.rejected && record.index === usable);
    if (oldest !== undefined && !shown.includes(oldest)) shown.push(oldest);
  }
  const open = shown.filter((record) => !finals.has(postKey(record)));
  const accepted = open.filter((record) => !record.rejected);
  const rejected = open.filter((record) => record.rejected);
  const [answers, postBlocks] = await Promise.all([
    readOpenRoots(client, feed, oracle, chainId, accepted.map((record) => record.blockNumber), head.number),
    Promise.all(rejected.map((record) => client.getBlock({ blockNumber: record.postBlock }))),
  ]);

  const inWindow: Finals = new Map();
  accepted.forEach((record, i) => {
    const { state, postedAt, usableAt } = answers[i]!;
    // The logs say accepted and the oracle answers at the same block, so the state is one of these two.
    const status: RootStatus = state === "inChallengeWindow" ? "inChallengeWindow" : "usable";
    (status === "usable" ? finals : inWindow).set(postKey(record), { postedAt, usableAt, status });
  });
  rejected.forEach((record, i) => finals.set(postKey(record), { postedAt: postBlocks[i]!.timestamp, usableAt: undefined, status: "rejected" }));

  const roots = shown.map((record): RootView => {
    const known = finals.get(postKey(record)) ?? inWindow.get(postKey(record))!;
    return {
      feed,
      chainId,
      oracle,
      index: record.index,
      blockNumber: record.blockNumber,
      blockHash: record.blockHash,
      stateRoot: record.stateRoot,
      blockTimestamp: record.blockTimestamp,
      ...known,
    };
  });
  return { feed, chainId, oracle, oracleChainId, roots, posted: history.length, now: head.timestamp };
}

/** How many of the feed's accepted roots are usable at `blockNumber`. */
function readUsableCount(client: PublicClient, feed: RootFeed, oracle: Address, chainId: number, blockNumber: bigint): Promise<bigint> {
  return feed === "output"
    ? client.readContract({ address: oracle, abi: outputOracleAbi, functionName: "usableOutputCount", args: [BigInt(chainId)], blockNumber })
    : client.readContract({ address: oracle, abi: hubStateOracleAbi, functionName: "usableHubStateCount", blockNumber });
}

/** `rootState` and the stored root of each accepted root, in one multicall at `blockNumber`, as [state, postedAt, usableAt]. */
async function readOpenRoots(client: PublicClient, feed: RootFeed, oracle: Address, chainId: number, roots: readonly bigint[], blockNumber: bigint) {
  if (roots.length === 0) return [];
  const id = BigInt(chainId);
  const answers =
    feed === "output"
      ? await client.multicall({
          contracts: roots.flatMap((root) => [
            { address: oracle, abi: outputOracleAbi, functionName: "rootState", args: [id, root] } as const,
            { address: oracle, abi: outputOracleAbi, functionName: "outputForBlock", args: [id, root] } as const,
          ]),
          allowFailure: false,
          blockNumber,
        })
      : await client.multicall({
          contracts: roots.flatMap((root) => [
            { address: oracle, abi: hubStateOracleAbi, functionName: "rootState", args: [root] } as const,
            { address: oracle, abi: hubStateOracleAbi, functionName: "hubState", args: [root] } as const,
          ]),
          allowFailure: false,
          blockNumber,
        });
  return roots.map((_, i) => {
    const stored = answers[2 * i + 1] as { postedAt: number; usableAt: number };
    return { state: ROOT_STATES[Number(answers[2 * i])], postedAt: BigInt(stored.postedAt), usableAt: BigInt(stored.usableAt) };
  });
}
