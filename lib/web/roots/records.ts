import type { Hex } from "viem";

/**
 * Which root feed: a member chain's outputs on the hub's OutputOracle, or the hub's state roots
 * on a member chain's HubStateOracle.
 */
export type RootFeed = "output" | "hubState";

/** Where a root stands, as the oracle's `rootState` says (a root the page shows is never `Unknown`). */
export type RootStatus = "inChallengeWindow" | "usable" | "rejected";

/** `IRootOracle.RootState` in enum order. */
export const ROOT_STATES = ["unknown", "inChallengeWindow", "usable", "rejected"] as const;

/** One root as its feed's logs tell it: a post, and whether a later rejection cut it. */
export interface RootRecord {
  /** Position among the accepted roots when it was posted. */
  index: bigint;
  /** The committed block (of the member chain for outputs, of the hub for hub states). */
  blockNumber: bigint;
  blockHash: Hex;
  stateRoot: Hex;
  /** The committed block's own timestamp. */
  blockTimestamp: bigint;
  /** Where the post was logged on the oracle's chain: a stable id, and the block whose time is the post time. */
  postBlock: bigint;
  postLogIndex: number;
  /** Cut by a rejection (of this root or an earlier one) logged after the post. */
  rejected: boolean;
}

/** A feed's event, reduced to what the replay needs; `blockNumber` and `logIndex` place it on the oracle's chain. */
export type RootEvent =
  | {
      kind: "posted";
      blockNumber: bigint;
      logIndex: number;
      index: bigint;
      rootBlock: bigint;
      blockHash: Hex;
      stateRoot: Hex;
      blockTimestamp: bigint;
    }
  | { kind: "rejected"; blockNumber: bigint; logIndex: number; index: bigint; count: bigint };

const byPosition = (a: RootEvent, b: RootEvent) => (a.blockNumber === b.blockNumber ? a.logIndex - b.logIndex : a.blockNumber < b.blockNumber ? -1 : 1);

/**
 * Replays one feed's posts and rejections in chain order, as `RootHistory` keeps them: a post
 * takes position `index` among the accepted roots, and a rejection from `index` cuts every root
 * still accepted from there on. Returns every root ever posted, newest post first, each marked
 * rejected or not. Events may come in any order (a cache holds them newest first).
 *
 * @example
 * replayRoots([posted(0, 10), posted(1, 20), rejected(1, 1)]).map((r) => [r.blockNumber, r.rejected])
 * // [[20n, true], [10n, false]]
 */
export function replayRoots(events: readonly RootEvent[]): RootRecord[] {
  const all: RootRecord[] = [];
  let accepted: RootRecord[] = [];
  for (const event of [...events].sort(byPosition)) {
    if (event.kind === "posted") {
      const record: RootRecord = {
        index: event.index,
        blockNumber: event.rootBlock,
        blockHash: event.blockHash,
        stateRoot: event.stateRoot,
        blockTimestamp: event.blockTimestamp,
        postBlock: event.blockNumber,
        postLogIndex: event.logIndex,
        rejected: false,
      };
      accepted = accepted.slice(0, Number(event.index));
      accepted.push(record);
      all.push(record);
    } else {
      for (const record of accepted.slice(Number(event.index))) record.rejected = true;
      accepted = accepted.slice(0, Number(event.index));
    }
  }
  return all.reverse();
}

/** A stable key of a post (a block number can be posted again after a rejection). */
export const postKey = (record: Pick<RootRecord, "postBlock" | "postLogIndex">): string => `${record.postBlock}:${record.postLogIndex}`;
