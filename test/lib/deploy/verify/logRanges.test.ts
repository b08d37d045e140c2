/** Bounded log ranges: every block read once, no request wider than the step. */
import assert from "node:assert/strict";
import { describe, it } from "node:test";

import { getAbiItem, type PublicClient } from "viem";

import { superchainTimelockAbi } from "../../../../lib/contracts/index.ts";
import { DeploymentVerifyError, LOG_RANGE_BLOCKS, logsInRanges } from "../../../../lib/deploy/verify/index.ts";

/** A client that records the ranges asked for and answers one marker log per range. */
function recordingClient(): { client: PublicClient; ranges: Array<[bigint, bigint]> } {
  const ranges: Array<[bigint, bigint]> = [];
  const client = {
    getLogs: async ({ fromBlock, toBlock }: { fromBlock: bigint; toBlock: bigint }) => {
      ranges.push([fromBlock, toBlock]);
      return [{ blockNumber: fromBlock }];
    },
  } as unknown as PublicClient;
  return { client, ranges };
}

const events = [getAbiItem({ abi: superchainTimelockAbi, name: "RoleGranted" })] as const;
const address = "0x0000000000000000000000000000000000000001";

describe("logsInRanges", () => {
  it("reads [from, to] in steps of at most 2,000 blocks by default, in order", async () => {
    const { client, ranges } = recordingClient();
    const logs = await logsInRanges(client, { address, events, fromBlock: 10n, toBlock: 4_010n });
    assert.equal(LOG_RANGE_BLOCKS, 2_000n);
    assert.deepEqual(ranges, [
      [10n, 2_009n],
      [2_010n, 4_009n],
      [4_010n, 4_010n],
    ]);
    assert.deepEqual(logs.map((l) => l.blockNumber), [10n, 2_010n, 4_010n]);
  });

  it("reads one range when it fits, and nothing when from is past to", async () => {
    const one = recordingClient();
    await logsInRanges(one.client, { address, events, fromBlock: 0n, toBlock: 5n, step: 6n });
    assert.deepEqual(one.ranges, [[0n, 5n]]);
    const none = recordingClient();
    assert.deepEqual(await logsInRanges(none.client, { address, events, fromBlock: 6n, toBlock: 5n }), []);
    assert.deepEqual(none.ranges, []);
  });

  it("refuses a step that would never advance", async () => {
    const { client } = recordingClient();
    await assert.rejects(logsInRanges(client, { address, events, fromBlock: 0n, toBlock: 5n, step: 0n }), DeploymentVerifyError);
  });
});
