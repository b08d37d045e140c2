/**
 * The replicated transaction log on a real etcd (one member with etcd's own default of 128
 * operations per transaction): two replicas' stores race for one nonce slot, a transaction
 * acknowledged through both is one entry, a removal never takes a replacement another replica
 * acknowledged meanwhile, a batch larger than etcd allows is split and still acknowledged, every
 * replica numbers the log alike, and a foreign value in the namespace is skipped, not followed.
 */
import assert from "node:assert/strict";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";

import { Etcd3 } from "etcd3";
import type { Hex } from "viem";

import { startEtcdCluster, type EtcdCluster } from "../../../../lib/devnet/etcd.ts";
import { StoreNonceConflictError } from "../../../../lib/sequencer/store/errors.ts";
import { EtcdTransactionStore } from "../../../../lib/sequencer/replication/etcdStore.ts";
import { replicationKeys } from "../../../../lib/sequencer/replication/keys.ts";
import { fixtureTransaction } from "../fixtures/transactions.ts";

describe("EtcdTransactionStore", () => {
  let etcd: EtcdCluster;
  let client: Etcd3;
  let namespaces = 0;
  /** Two replicas' stores on one fresh namespace. */
  const pair = async () => {
    const keys = replicationKeys(`/test-${namespaces++}/`);
    const stores = [await EtcdTransactionStore.open({ client, keys }), await EtcdTransactionStore.open({ client, keys })] as const;
    return { keys, stores };
  };
  const until = async (done: () => boolean, what: string) => {
    for (let i = 0; i < 200 && !done(); i++) await new Promise((resolve) => setTimeout(resolve, 10));
    assert.ok(done(), what);
  };

  before(async () => {
    etcd = await startEtcdCluster({ size: 1, dataDir: mkdtempSync(join(tmpdir(), "etcd-store-")), maxTxnOps: 128 });
    client = new Etcd3({ hosts: etcd.endpoints });
  });
  after(async () => {
    client?.close();
    await etcd?.stop();
  });

  it("gives a nonce slot to one transaction: the other replica's is refused, the same one is acknowledged twice", async () => {
    const { stores } = await pair();
    const first = fixtureTransaction(1);
    const rival = { ...fixtureTransaction(1), hash: fixtureTransaction(9_999).hash };
    const results = await Promise.allSettled([stores[0].add(first), stores[1].add(rival)]);
    assert.equal(results.filter((result) => result.status === "fulfilled").length, 1);
    const refused = results.find((result) => result.status === "rejected") as PromiseRejectedResult;
    assert.ok(refused.reason instanceof StoreNonceConflictError, String(refused.reason));
    // The winner resubmitted through the other replica: acknowledged, one entry.
    const winner = results[0].status === "fulfilled" ? first : rival;
    await stores[1].add({ ...winner });
    await until(() => stores[1].loadPending(901).length === 1 && stores[0].loadPending(901).length === 1, "one entry on both");
    assert.equal(stores[0].loadPending(901)[0]?.hash, winner.hash);
    for (const store of stores) store.close();
  });

  it("never removes a replacement another replica acknowledged after the removal was decided", async () => {
    const { stores } = await pair();
    const original = fixtureTransaction(2);
    await stores[0].add(original);
    await until(() => stores[1].has(original.hash), "replica 1 follows the add");
    const replacement = { ...fixtureTransaction(2), hash: fixtureTransaction(8_888).hash, maxPriorityFeePerGas: original.maxPriorityFeePerGas * 2n };
    await stores[1].replace(original.hash, replacement);
    // Replica 0 has not seen the replacement yet, and drops what it believes is the original.
    await stores[0].drop(901, [original.hash], "its nonce was used");
    await until(() => stores[0].has(replacement.hash), "replica 0 follows the replacement");
    assert.deepEqual(stores[0].loadPending(901).map((tx) => tx.hash), [replacement.hash]);
    assert.deepEqual(stores[1].loadPending(901).map((tx) => tx.hash), [replacement.hash]);
    for (const store of stores) store.close();
  });

  it("splits a group commit that etcd finds too large, acknowledges every write, and numbers them alike on every replica", async () => {
    const { stores } = await pair();
    const transactions = Array.from({ length: 600 }, (_, i) => fixtureTransaction(10_000 + i));
    await Promise.all(transactions.map((tx) => stores[0].add(tx)));
    await until(() => stores[1].loadPending(901).length === 600, "replica 1 follows all 600");
    const order = (store: EtcdTransactionStore) => store.loadPending(901).map((tx) => `${tx.hash}:${tx.sequence}`);
    assert.deepEqual(order(stores[1]), order(stores[0]), "the same sequence numbers on both");
    await stores[0].markIncluded(901, transactions.map((tx) => tx.hash), 5n);
    await until(() => stores[1].loadPending(901).length === 0, "removals followed");
    assert.equal(stores[0].inclusion(transactions[0]!.hash)?.blockNumber, 5n);
    for (const store of stores) store.close();
  });

  it("reads one sender's pending transactions, a transaction by hash and a chain's count, as other replicas write them", async () => {
    const { stores } = await pair();
    const sender = fixtureTransaction(20).sender;
    const mine = [20, 36, 52].map((i) => fixtureTransaction(i)); // sender 20 % 16, nonces 1, 2, 3
    const other = fixtureTransaction(21);
    await Promise.all([...mine.reverse(), other].map((tx) => stores[0].add(tx)));
    await until(() => stores[1].pendingCount?.(901) === 4, "replica 1 counts all four");
    assert.deepEqual(stores[1].pendingOf(901, sender).map((tx) => tx.nonce), [1n, 2n, 3n]);
    assert.equal(stores[1].pending(other.hash)?.sender, other.sender);
    await stores[0].markIncluded(901, [mine[2]!.hash], 7n);
    await until(() => stores[1].pendingCount(901) === 3, "the removal counted");
    assert.deepEqual(stores[1].pendingOf(901, sender).map((tx) => tx.nonce), [2n, 3n]);
    assert.equal(stores[1].pendingOf(902, sender).length, 0);
    for (const store of stores) store.close();
  });

  it("skips a value it did not write instead of following it", async () => {
    const { keys, stores } = await pair();
    await client.put(keys.pending(901, `0x${"11".repeat(20)}`, 0n)).value('{"hash":"not a hash"}');
    await client.put(keys.pending(901, `0x${"22".repeat(20)}`, 0n)).value("not json");
    const good = fixtureTransaction(3);
    await stores[0].add(good);
    await until(() => stores[1].has(good.hash), "the good one followed");
    assert.deepEqual(stores[1].loadPending(901).map((tx) => tx.hash), [good.hash as Hex]);
    const reopened = await EtcdTransactionStore.open({ client, keys });
    assert.deepEqual(reopened.loadPending(901).map((tx) => tx.hash), [good.hash]);
    for (const store of [...stores, reopened]) store.close();
  });
});
