import assert from "node:assert/strict";
import { describe, it } from "node:test";

import { manifestSchema, type Manifest } from "../../../lib/chains/index.ts";
import { readProposalRecords } from "../../../lib/web/proposals/records.ts";
import { FakeHub } from "../../helpers/fakeHub.ts";
import { buildManifest } from "../../helpers/manifest.ts";

const manifestAt = (createdAt: string): Manifest => {
  const input = buildManifest() as Record<string, unknown>;
  return manifestSchema.parse({ ...input, createdAt, deployBlocks: {} });
};

const ids = (cache: { records: ReadonlyArray<{ id: bigint }> }) => cache.records.map((record) => record.id);

describe("readProposalRecords", () => {
  it("reads only new blocks, and none when the head is the cached one", async () => {
    const hub = new FakeHub();
    const manifest = manifestAt("2030-01-01T00:00:00.000Z");
    hub.mine();
    hub.mine(1n);
    const first = await readProposalRecords(hub.client, manifest, hub.head());
    assert.deepEqual(ids(first), [1n]);
    hub.calls.length = 0;
    assert.equal(await readProposalRecords(hub.client, manifest, hub.head()), first);
    assert.deepEqual(hub.calls, []);
    hub.mine(2n, 3n);
    const next = await readProposalRecords(hub.client, manifest, hub.head());
    assert.deepEqual(ids(next), [3n, 2n, 1n], "newest first");
    assert.deepEqual(hub.calls.sort(), ["block 1", "logs 2-2"], "the new block's logs, and the cached top block's hash");
  });

  it("notices a reset chain by the top block's hash, even at a greater height", async () => {
    const hub = new FakeHub();
    const manifest = manifestAt("2030-01-02T00:00:00.000Z");
    hub.mine(1n);
    hub.mine(2n);
    const before = await readProposalRecords(hub.client, manifest, hub.head());
    before.terminal.set(2n, "executed");
    hub.reset();
    hub.mine();
    hub.mine(7n);
    hub.mine();
    const after = await readProposalRecords(hub.client, manifest, hub.head());
    assert.deepEqual(ids(after), [7n], "nothing of the old chain is kept");
    assert.equal(after.byId.has(2n), false);
    assert.equal(after.terminal.size, 0, "final states of the old chain are forgotten");

    // Same height, other block: also a reset.
    hub.reset();
    hub.mine();
    hub.mine();
    hub.mine(9n);
    assert.deepEqual(ids(await readProposalRecords(hub.client, manifest, hub.head())), [9n]);
  });

  it("never moves backwards: a load with an older head gets the newer cache cut at its head", async () => {
    const hub = new FakeHub();
    const manifest = manifestAt("2030-01-03T00:00:00.000Z");
    hub.mine(1n);
    const old = hub.head();
    hub.mine(2n);
    const newer = await readProposalRecords(hub.client, manifest, hub.head());
    const cut = await readProposalRecords(hub.client, manifest, old);
    assert.deepEqual(ids(cut), [1n], "no proposal after the load's own head");
    assert.equal(cut.byId.has(2n), false);
    hub.calls.length = 0;
    assert.equal(await readProposalRecords(hub.client, manifest, hub.head()), newer, "the newer cache is still the one kept");
    assert.deepEqual(hub.calls, []);
  });

  it("keeps a newer cache when a slower refresh for an older head finishes last", async () => {
    const hub = new FakeHub();
    const manifest = manifestAt("2030-01-04T00:00:00.000Z");
    hub.mine(1n);
    await readProposalRecords(hub.client, manifest, hub.head());
    hub.mine(2n);
    const older = hub.head();
    hub.mine(3n);
    const [slow, fast] = await Promise.all([readProposalRecords(hub.client, manifest, older), readProposalRecords(hub.client, manifest, hub.head())]);
    assert.deepEqual(ids(slow), [2n, 1n]);
    assert.deepEqual(ids(fast), [3n, 2n, 1n]);
    hub.calls.length = 0;
    assert.deepEqual(ids(await readProposalRecords(hub.client, manifest, hub.head())), [3n, 2n, 1n]);
    assert.deepEqual(hub.calls, [], "the cache sits at the newest head");
  });

  it("keeps one deployment only: a new manifest starts from scratch", async () => {
    const hub = new FakeHub();
    hub.mine(1n);
    const a = manifestAt("2030-01-05T00:00:00.000Z");
    const b = manifestAt("2030-01-06T00:00:00.000Z");
    await readProposalRecords(hub.client, a, hub.head());
    hub.calls.length = 0;
    await readProposalRecords(hub.client, b, hub.head());
    assert.deepEqual(hub.calls, ["logs 0-0"], "b's cache was not a's");
    hub.calls.length = 0;
    await readProposalRecords(hub.client, a, hub.head());
    assert.deepEqual(hub.calls, ["logs 0-0"], "a's cache was dropped when b's replaced it");
  });
});
