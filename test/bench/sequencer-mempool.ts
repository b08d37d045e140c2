/**
 * Mempool block selection: `Mempool.select` (heap of sender heads) against the naive O(n·k) scan
 * (`selectNaive`), both in this run, on 100,000 pending transactions from 10,000 senders (10 nonces
 * each, admitted interleaved), selecting 500 per block under each ordering policy.
 *
 *   node test/bench/sequencer-mempool.ts
 */
import assert from "node:assert/strict";

import type { Address, Hex } from "viem";

import { OrderingPolicy, orderingPolicyName } from "../../lib/governance/parameters.ts";
import { Mempool, selectNaive, type SelectOptions } from "../../lib/sequencer/mempool/index.ts";
import type { PendingTransaction } from "../../lib/sequencer/types.ts";

const SENDERS = 10_000;
const PER_SENDER = 10;
const SELECT = 500;
const ROUNDS = 50;
const NAIVE_ROUNDS = 3;

let seed = 42;
const random = (): number => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), seed | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};

const senders: Address[] = Array.from({ length: SENDERS }, (_, i) => `0x${(i + 1).toString(16).padStart(40, "0")}` as Address);
const pool = new Mempool({ maxPendingTotal: SENDERS * PER_SENDER });
let sequence = 0n;
const admitStarted = performance.now();
for (let nonce = 0n; nonce < BigInt(PER_SENDER); nonce++) {
  for (const sender of senders) {
    sequence++;
    const tip = BigInt(1 + Math.floor(random() * 50)) * 100_000_000n;
    const tx: PendingTransaction = {
      hash: `0x${sequence.toString(16).padStart(64, "0")}` as Hex,
      chainId: 8453,
      sender,
      nonce,
      raw: "0x02",
      gas: 21_000n,
      value: 0n,
      maxFeePerGas: tip + 10_000_000_000n,
      maxPriorityFeePerGas: tip,
      size: 110,
      sequence,
      receivedAt: 0,
    };
    const verdict = pool.check(tx, { accountNonce: 0n, maxPendingPerSender: 64 });
    assert.ok(verdict.ok);
    pool.insert(tx, { accountNonce: 0n });
  }
}
const admitMs = performance.now() - admitStarted;
const pending = pool.all();

function time(rounds: number, run: () => PendingTransaction[]): { ms: number; block: PendingTransaction[] } {
  let block = run();
  for (let i = 0; i < 3; i++) block = run(); // warm-up
  const started = performance.now();
  for (let i = 0; i < rounds; i++) block = run();
  return { ms: (performance.now() - started) / rounds, block };
}

console.log(`pool: ${pool.size.toLocaleString("en")} pending from ${SENDERS.toLocaleString("en")} senders (check+insert ${((admitMs * 1000) / pool.size).toFixed(2)} µs/tx)`);
console.log(`select ${SELECT} per block, heap vs naive O(n·k) scan (same run, same pool):`);
for (const policy of [OrderingPolicy.Fifo, OrderingPolicy.PriorityFee]) {
  const options: SelectOptions = {
    policy,
    maxTransactions: SELECT,
    maxGas: 30_000_000n,
    accountNonce: () => 0n,
    baseFee: 1_000_000_000n,
  };
  const heap = time(ROUNDS, () => pool.select(options));
  const naive = time(NAIVE_ROUNDS, () => selectNaive(pending, options));
  assert.equal(heap.block.length, SELECT);
  assert.deepEqual(heap.block, naive.block, "the heap and the naive scan disagree");
  console.log(
    `  ${orderingPolicyName(policy).padEnd(11)} heap ${heap.ms.toFixed(2).padStart(7)} ms   naive ${naive.ms.toFixed(1).padStart(8)} ms   ` +
      `naive/heap ${(naive.ms / heap.ms).toFixed(0)}×`,
  );
}
