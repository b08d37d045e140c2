import assert from "node:assert/strict";
import { describe, it } from "node:test";

import type { PublicClient } from "viem";

import { manifestSchema, type Manifest } from "../../../lib/chains/index.ts";
import { deploymentKey, logCache } from "../../../lib/web/server/logCache.ts";
import { FakeHub } from "../../helpers/fakeHub.ts";
import { buildManifest } from "../../helpers/manifest.ts";

const manifestAt = (createdAt: string, deployBlock = 0n): Manifest => {
  const input = buildManifest() as Record<string, unknown>;
  return manifestSchema.parse({ ...input, createdAt, deployBlocks: { Emitter: deployBlock.toString() } });
};

/** A cache of the fake hub's proposal ids, with the ranges it fetched. */
function idCache() {
  const ranges: string[] = [];
  const read = logCache({
    key: deploymentKey,
    fromBlock: (manifest) => manifest.deployBlocks["Emitter"] ?? 0n,
    fetch: async (client: PublicClient, _manifest, fromBlock, toBlock) => {
      ranges.push(`${fromBlock}-${toBlock}`);
      const logs = (await client.getContractEvents({ fromBlock, toBlock } as never)) as unknown as Array<{ args: { proposalId: bigint }; blockNumber: bigint }>;
      return logs.map((log) => ({ id: log.args.proposalId, blockNumber: log.blockNumber }));
    },
    newState: () => new Set<bigint>(),
  });
  return { read, ranges };
}

describe("logCache", () => {
  it("starts at the manifest's deploy block, then extends from the cached top; state lives as long as the history", async () => {
    const hub = new FakeHub();
    const { read, ranges } = idCache();
    const manifest = manifestAt("2031-01-01T00:00:00.000Z", 1n);
    hub.mine(9n); // before the deploy block: never read
    hub.mine(1n);
    const first = await read(hub.client, manifest, hub.head());
    first.state.add(1n);
    hub.mine(2n);
    const next = await read(hub.client, manifest, hub.head());
    assert.deepEqual(ranges, ["1-1", "2-2"]);
    assert.deepEqual(next.items.map((item) => item.id), [2n, 1n]);
    assert.equal(next.state, first.state, "what readers learnt carries over");

    hub.reset();
    hub.mine(5n);
    hub.mine();
    hub.mine();
    const reset = await read(hub.client, manifest, hub.head());
    assert.deepEqual(reset.items.map((item) => item.id), [], "block 0 is before the deploy block");
    assert.equal(reset.state.size, 0, "a reset history forgets what was learnt");
    assert.deepEqual(ranges, ["1-1", "2-2", "1-2"], "re-read from the deploy block");
  });

  it("shares one fetch between concurrent loads at the same head", async () => {
    const hub = new FakeHub();
    const { read, ranges } = idCache();
    const manifest = manifestAt("2031-01-02T00:00:00.000Z");
    hub.mine(1n);
    const [a, b] = await Promise.all([read(hub.client, manifest, hub.head()), read(hub.client, manifest, hub.head())]);
    assert.equal(a, b);
    assert.deepEqual(ranges, ["0-0"]);
  });
});
