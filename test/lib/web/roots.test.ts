import assert from "node:assert/strict";
import { describe, it } from "node:test";

import { keccak256, toHex } from "viem";

import { replayRoots, type RootEvent } from "../../../lib/web/roots/records.ts";

let log = 0;
const posted = (index: bigint, rootBlock: bigint): RootEvent => {
  const stateRoot = keccak256(toHex(`${rootBlock}:${log}`));
  return { kind: "posted", blockNumber: BigInt(++log), logIndex: 0, index, rootBlock, blockHash: stateRoot, stateRoot, blockTimestamp: rootBlock };
};
const rejected = (index: bigint, count: bigint): RootEvent => ({ kind: "rejected", blockNumber: BigInt(++log), logIndex: 0, index, count });

describe("replayRoots", () => {
  it("marks the rejected root and every root after it, keeps earlier ones, and lets posting resume from the cut", () => {
    const events = [posted(0n, 10n), posted(1n, 20n), posted(2n, 30n), rejected(1n, 2n), posted(1n, 20n), posted(2n, 40n)];
    // Given newest first, as a log cache holds them: order comes from the log positions.
    const roots = replayRoots([...events].reverse());
    assert.deepEqual(
      roots.map((root) => [root.blockNumber, root.index, root.rejected]),
      [
        [40n, 2n, false],
        [20n, 1n, false],
        [30n, 2n, true],
        [20n, 1n, true],
        [10n, 0n, false],
      ],
    );
    // The repost of block 20 is a root of its own, with another state root.
    assert.notEqual(roots[1]!.stateRoot, roots[3]!.stateRoot);
  });

  it("a rejection only cuts roots posted before it", () => {
    const roots = replayRoots([posted(0n, 5n), rejected(0n, 1n), posted(0n, 6n)]);
    assert.deepEqual(roots.map((root) => [root.blockNumber, root.rejected]), [[6n, false], [5n, true]]);
  });
});
