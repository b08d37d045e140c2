import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";

import { LogCheckpointStoreError } from "../../../lib/rpc/errors.ts";
import { LogCheckpointStore, type LogCheckpoint } from "../../../lib/rpc/logCheckpoints.ts";

const hash = (byte: string) => `0x${byte.repeat(32)}` as const;

describe("LogCheckpointStore", () => {
  const dir = mkdtempSync(join(tmpdir(), "log-checkpoints-"));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it("keeps checkpoints, state and items across a reopen, per scan id", () => {
    const path = join(dir, "a", "checkpoints.sqlite");
    let store = LogCheckpointStore.open(path);
    assert.equal(store.load("scan"), undefined);
    assert.deepEqual(store.items("scan"), []);
    store.save("scan", { scannedTo: 10n, blockHash: hash("01"), state: new Map([[1n, "executed"]]) }, [{ blockNumber: 3n }, { blockNumber: 9n }]);
    store.save("scan", { scannedTo: 20n, blockHash: hash("02"), state: new Map([[1n, "executed"]]) }, [{ blockNumber: 15n }]);
    store.save("other", { scannedTo: 5n, blockHash: hash("03"), state: undefined });
    store.close();

    store = LogCheckpointStore.open(path);
    const saved: LogCheckpoint<Map<bigint, string>> | undefined = store.load("scan");
    assert.deepEqual(saved, { scannedTo: 20n, blockHash: hash("02"), state: new Map([[1n, "executed"]]) });
    assert.deepEqual(store.items("scan"), [{ blockNumber: 3n }, { blockNumber: 9n }, { blockNumber: 15n }]);
    assert.equal(store.load("other")?.scannedTo, 5n);
    assert.deepEqual(store.items("other"), []);

    store.reset("scan");
    assert.equal(store.load("scan"), undefined);
    assert.deepEqual(store.items("scan"), []);
    assert.equal(store.load("other")?.scannedTo, 5n, "a reset forgets one scan only");
    store.close();
  });

  it("appends only on top of the checkpoint the caller saw; replace is whole", () => {
    const store = LogCheckpointStore.open(join(dir, "c.sqlite"));
    const at = (scannedTo: bigint, byte: string) => ({ scannedTo, blockHash: hash(byte), state: undefined });
    store.replace("scan", at(5n, "05"), ["a", "b"]);
    assert.equal(store.append("scan", at(5n, "05"), at(8n, "08"), ["c"]), true);
    // A writer that still believes the scan is at block 5 (another process moved it on) adds nothing.
    assert.equal(store.append("scan", at(5n, "05"), at(9n, "09"), ["c", "d"]), false);
    assert.equal(store.append("none", at(5n, "05"), at(9n, "09"), ["x"]), false);
    assert.deepEqual(store.items("scan"), ["a", "b", "c"]);
    assert.equal(store.load("scan")?.scannedTo, 8n);
    store.replace("scan", at(9n, "19"), ["z"]);
    assert.deepEqual(store.items("scan"), ["z"]);
    assert.deepEqual(store.load("scan"), at(9n, "19"));
    assert.throws(() => store.append("scan", at(9n, "19"), at(10n, "zz"), ["y"]), LogCheckpointStoreError);
    assert.deepEqual(store.items("scan"), ["z"]);
    store.close();
  });

  it("refuses bad ids and checkpoints, changing nothing", () => {
    const store = LogCheckpointStore.open(join(dir, "b.sqlite"));
    store.save("scan", { scannedTo: 1n, blockHash: hash("01"), state: 1 }, ["kept"]);
    for (const checkpoint of [
      { scannedTo: -1n, blockHash: hash("02"), state: 2 },
      { scannedTo: 2 as unknown as bigint, blockHash: hash("02"), state: 2 },
      { scannedTo: 2n, blockHash: "0x1234" as `0x${string}`, state: 2 },
    ]) {
      assert.throws(() => store.save("scan", checkpoint, ["lost"]), LogCheckpointStoreError);
    }
    assert.throws(() => store.save("", { scannedTo: 2n, blockHash: hash("02"), state: 2 }), LogCheckpointStoreError);
    assert.throws(() => store.load("  "), LogCheckpointStoreError);
    // A state V8 cannot serialize (a function) fails the write as a whole.
    assert.throws(() => store.save("scan", { scannedTo: 3n, blockHash: hash("03"), state: () => 3 }, ["lost"]), LogCheckpointStoreError);
    assert.deepEqual(store.load("scan"), { scannedTo: 1n, blockHash: hash("01"), state: 1 });
    assert.deepEqual(store.items("scan"), ["kept"]);
    store.close();
  });

  it("says where it could not open", () => {
    const folder = join(dir, "a-folder.sqlite");
    mkdirSync(folder);
    assert.throws(() => LogCheckpointStore.open(folder), (error: unknown) => error instanceof LogCheckpointStoreError && error.message.includes(folder));
  });
});
