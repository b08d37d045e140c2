import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";

import type { PublicClient } from "viem";

import { manifestSchema, type Manifest } from "../../../lib/chains/index.ts";
import { LogCheckpointStore } from "../../../lib/rpc/logCheckpoints.ts";
import { deploymentKey, logCache } from "../../../lib/web/server/logCache.ts";
import { FakeHub } from "../../helpers/fakeHub.ts";
import { buildManifest } from "../../helpers/manifest.ts";

const manifestAt = (createdAt: string, deployBlock = 0n): Manifest => {
  const input = buildManifest() as Record<string, unknown>;
  return manifestSchema.parse({ ...input, createdAt, deployBlocks: { Emitter: deployBlock.toString() } });
};

/** A cache of the fake hub's proposal ids, with the ranges it fetched; `store`: persisted there. */
function idCache(store?: LogCheckpointStore) {
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
    ...(store ? { persist: () => store } : {}),
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

describe("logCache's bounded, persisted scan", () => {
  const dir = mkdtempSync(join(tmpdir(), "log-cache-"));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it("reads a long history in bounded ranges", async () => {
    const hub = new FakeHub();
    const { read, ranges } = idCache();
    for (let i = 0; i < 4_500; i++) hub.mine(...(i === 4_321 ? [7n] : []));
    const { items } = await read(hub.client, manifestAt("2031-01-03T00:00:00.000Z"), hub.head());
    assert.deepEqual(ranges, ["0-1999", "2000-3999", "4000-4499"]);
    assert.deepEqual(items, [{ id: 7n, blockNumber: 4_321n }]);
  });

  it("a restarted app resumes from the saved items and block, and starts over after a reset", async () => {
    const path = join(dir, "log-cache.sqlite");
    const hub = new FakeHub();
    const manifest = manifestAt("2031-01-04T00:00:00.000Z");
    hub.mine(1n);
    hub.mine();
    hub.mine(2n, 3n);
    const before = idCache(LogCheckpointStore.open(path));
    const first = await before.read(hub.client, manifest, hub.head());
    hub.mine(4n);
    await before.read(hub.client, manifest, hub.head());
    assert.deepEqual(before.ranges, ["0-2", "3-3"]);

    // A new process: a new cache over the same file reads no log it saved.
    const store = LogCheckpointStore.open(path);
    const restarted = idCache(store);
    const resumed = await restarted.read(hub.client, manifest, hub.head());
    assert.deepEqual(restarted.ranges, [], "nothing fetched at the saved head");
    assert.deepEqual(resumed.items.map((item) => item.id), [4n, 3n, 2n, 1n]);
    hub.mine(5n);
    const extended = await restarted.read(hub.client, manifest, hub.head());
    assert.deepEqual(restarted.ranges, ["4-4"]);
    assert.deepEqual(extended.items.map((item) => item.id), [5n, 4n, 3n, 2n, 1n]);
    assert.deepEqual(first.items.map((item) => item.id), [3n, 2n, 1n], "an earlier load's items are not changed");

    // The devnet was reset while the app was down: the saved top block is not the chain's.
    hub.reset();
    hub.mine(9n);
    hub.mine();
    const afterReset = idCache(LogCheckpointStore.open(path));
    const fresh = await afterReset.read(hub.client, manifest, hub.head());
    assert.deepEqual(afterReset.ranges, ["0-1"]);
    assert.deepEqual(fresh.items.map((item) => item.id), [9n]);
    assert.deepEqual(LogCheckpointStore.open(path).items<{ id: bigint }>(deploymentKey(manifest)).map((item) => item.id), [9n], "the saved scan was replaced");
  });

  it("serves from memory when its store fails", async () => {
    const store = LogCheckpointStore.open(join(dir, "closed.sqlite"));
    store.close();
    const hub = new FakeHub();
    hub.mine(1n);
    const { read, ranges } = idCache(store);
    const { items } = await read(hub.client, manifestAt("2031-01-05T00:00:00.000Z"), hub.head());
    assert.deepEqual(items.map((item) => item.id), [1n]);
    assert.deepEqual(ranges, ["0-0"]);
  });
});
