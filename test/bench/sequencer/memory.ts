/**
 * Resident memory of the sequencer's pending state: 100,000 admitted transactions in the mempool
 * and the durable store. Run as its own process so the figure is not mixed with anything else.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { keccak256, toHex, type Address, type Hex } from "viem";

import { Mempool } from "../../../lib/sequencer/mempool/index.ts";
import { openSqliteStore } from "../../../lib/sequencer/store/index.ts";
import type { PendingTransaction } from "../../../lib/sequencer/types.ts";

const COUNT = 100_000;
const rss = () => process.memoryUsage().rss / 1024 / 1024;
globalThis.gc?.();
const before = rss();
const store = openSqliteStore(join(mkdtempSync(join(tmpdir(), "seq-mem-")), "store.sqlite"));
const mempool = new Mempool({ maxPendingTotal: COUNT });
const writes: Promise<void>[] = [];
for (let i = 0; i < COUNT; i++) {
  // A realistic transfer: ~115 bytes raw, 1,000 senders with 100 nonces each.
  const bytes = new Uint8Array(115).map((_, j) => (i * 31 + j * 7) % 256);
  new DataView(bytes.buffer).setUint32(0, i); // unique per transaction, like a real signature
  const raw = toHex(bytes) as Hex;
  const tx: PendingTransaction = {
    hash: keccak256(raw),
    chainId: 901,
    sender: `0x${(i % 1_000).toString(16).padStart(40, "0")}` as Address,
    nonce: BigInt(Math.floor(i / 1_000)),
    raw,
    gas: 21_000n,
    value: 0n,
    maxFeePerGas: 2_000_000_000n,
    maxPriorityFeePerGas: BigInt(1 + (i % 7)),
    size: 115,
    sequence: BigInt(i),
    receivedAt: Date.now(),
  };
  writes.push(store.add(tx));
  mempool.insert(tx);
}
await Promise.all(writes);
globalThis.gc?.();
const after = rss();
console.log(JSON.stringify({ pending: mempool.size, rssBeforeMb: before, rssAfterMb: after }));
store.close();
