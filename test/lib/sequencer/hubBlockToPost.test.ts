/** Which hub block the sequencer posts to a member chain: final, within the step, not after the member's clock. */
import assert from "node:assert/strict";
import { describe, it } from "node:test";

import { finalHubBlock, hubBlockToPost } from "../../../lib/sequencer/commitments.ts";

/** A hub whose block n is stamped 1000 + 2n; `final` is what the finalized tag answers (undefined: unsupported). */
function fakeHub(head: bigint, final?: bigint) {
  const block = (number: bigint) => ({ number, hash: `0x${number.toString(16).padStart(64, "0")}` as const, stateRoot: `0x${"ab".repeat(32)}` as const, timestamp: 1000n + 2n * number });
  return {
    getBlock: async (args: { blockTag?: string; blockNumber?: bigint }) => {
      if (args.blockNumber !== undefined) return block(args.blockNumber);
      if (args.blockTag === "latest") return block(head);
      if (final === undefined) throw new Error(`unknown tag ${args.blockTag}`);
      return block(final);
    },
  } as never;
}

describe("hubBlockToPost", () => {
  it("prefers the finalized block, and falls back to latest when the node knows no such tag", async () => {
    assert.equal((await finalHubBlock(fakeHub(100n, 90n))).number, 90n);
    assert.equal((await finalHubBlock(fakeHub(100n))).number, 100n);
  });

  it("steps at most maxBlockStep past the last accepted block", async () => {
    const block = await hubBlockToPost(fakeHub(100n), { floor: 11n, maxBlockStep: 20n, memberTime: 10_000n });
    assert.equal(block?.number, 30n);
  });

  it("steps back to a block stamped no later than the member chain's clock", async () => {
    const block = await hubBlockToPost(fakeHub(100n), { floor: 11n, maxBlockStep: 1_000n, memberTime: 1000n + 2n * 95n + 1n });
    assert.ok(block && block.number <= 95n && block.timestamp <= 1191n, `got ${block?.number}`);
  });

  it("posts nothing when nothing newer fits", async () => {
    assert.equal(await hubBlockToPost(fakeHub(100n), { floor: 101n, maxBlockStep: 1_000n, memberTime: 10_000n }), undefined);
    assert.equal(await hubBlockToPost(fakeHub(100n), { floor: 50n, maxBlockStep: 1_000n, memberTime: 1000n + 2n * 40n }), undefined);
  });
});
