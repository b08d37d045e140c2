/**
 * The honest ceiling of sender recovery, the costliest step of admission: what this machine can
 * recover per second before any RPC, queue or mempool work. Signs N realistic EIP-1559
 * transactions (libsecp256k1, as flood.ts does), then measures in one run:
 *   (a) the sequencer's old recoverSender (viem parse + re-serialize + keccak, libsecp256k1) on one thread;
 *   (b) the lean decoder + libsecp256k1 on one thread, with viem's (noble) keccak and with
 *       hash-wasm's, and the lean decode alone;
 *   (c) (b) with hash-wasm on every core, workers started and warmed before the clock starts,
 *       batches sent and answered as transferred ArrayBuffers.
 *
 * Usage: node test/bench/sequencer/ceiling.ts [N=20000] [batch=500]
 */
import { availableParallelism } from "node:os";

import { keccak256, type Hex, type TransactionSerialized } from "viem";

import { recoverSender } from "./legacyRecoverSender.ts";
import { decodeRawTransaction } from "../../../lib/sequencer/tx/rawTransaction.ts";
import { createWasmKeccak256, nativeLeanRecovery, nobleKeccak256, recoverSenderLean } from "../../../lib/sequencer/tx/recoverLean.ts";
import { checkSenders, signLoad, startRecoveryWorkers } from "./recoveryCeiling.ts";

/** N EIP-1559 transfers and token calls from 500 keys. */
function signTransactions(count: number) {
  return signLoad(Array.from({ length: 500 }, (_, i) => keccak256(`0x${(i + 1).toString(16).padStart(64, "0")}`)), count, 901);
}

const rate = (count: number, ms: number) => Math.round((count * 1000) / ms);

/**
 * Runs `run` and prints its rate by the wall clock and per CPU-second of the whole process (all
 * threads): on a shared machine the second says what the code costs, the first what it got.
 */
async function timed(label: string, count: number, run: () => unknown): Promise<number> {
  const cpu = process.cpuUsage();
  const start = performance.now();
  await run();
  const perSecond = rate(count, performance.now() - start);
  const used = process.cpuUsage(cpu);
  const perCpuSecond = rate(count, (used.user + used.system) / 1000);
  const format = (n: number) => n.toLocaleString("en-US").padStart(9);
  console.log(`  ${label.padEnd(52)} ${format(perSecond)} tx/s wall  ${format(perCpuSecond)} tx/CPU-s`);
  return perSecond;
}

/** (c): `raws` on `size` warm workers, `batchSize` per message. */
async function onWorkers(raws: readonly TransactionSerialized[], senders: Hex[], size: number, batchSize: number): Promise<number> {
  const workers = await startRecoveryWorkers(size, raws);
  let out: Uint8Array = new Uint8Array();
  const perSecond = await timed(`(c) lean + hash-wasm keccak, ${size} warm workers`, raws.length, async () => {
    out = await workers.recover(raws, batchSize);
  });
  await workers.close();
  checkSenders(out, senders);
  return perSecond;
}

async function main() {
  const count = Number(process.argv[2] ?? 20_000);
  const batchSize = Number(process.argv[3] ?? 500);
  const cores = availableParallelism();
  console.log(`Sender recovery ceiling: ${count.toLocaleString("en-US")} signed EIP-1559 transactions, ${cores} cores, native libsecp256k1: ${nativeLeanRecovery}`);
  const { raws, senders } = signTransactions(count);
  const wasm = await createWasmKeccak256();
  const check = (label: string, got: string[]) => {
    got.forEach((sender, i) => {
      if (sender !== senders[i]) throw new Error(`${label} recovered a wrong sender for #${i}`);
    });
  };
  // A short warm-up of every path, so each is measured JIT-compiled.
  for (const raw of raws.slice(0, 500)) {
    await recoverSender(raw);
    recoverSenderLean(raw, { keccak256: nobleKeccak256 });
    recoverSenderLean(raw, { keccak256: wasm });
  }

  const got: string[] = [];
  const a = await timed("(a) the old recoverSender (viem parse + serialize), one thread", count, async () => {
    for (const raw of raws) got.push(await recoverSender(raw));
  });
  check("recoverSender", got.splice(0));
  const decode = await timed("    lean decode alone (hex in), one thread", count, () => {
    for (const raw of raws) decodeRawTransaction(raw);
  });
  const bNoble = await timed("(b) lean + noble keccak, one thread", count, () => {
    for (const raw of raws) got.push(recoverSenderLean(raw, { keccak256: nobleKeccak256 }));
  });
  check("lean (noble)", got.splice(0));
  const bWasm = await timed("(b) lean + hash-wasm keccak, one thread", count, () => {
    for (const raw of raws) got.push(recoverSenderLean(raw, { keccak256: wasm }));
  });
  check("lean (hash-wasm)", got.splice(0));
  const c = await onWorkers(raws, senders, cores, batchSize);

  const x = (value: number) => `${(value / a).toFixed(2)}×`;
  console.log(`  ratios to (a): decode alone ${x(decode)}, (b) noble ${x(bNoble)}, (b) hash-wasm ${x(bWasm)}, (c) ${x(c)}; (c) / (b) hash-wasm ${(c / bWasm).toFixed(2)}×`);
}

await main();
