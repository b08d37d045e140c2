/**
 * The honest ceiling of sender recovery, the costliest step of admission: what this machine can
 * recover per second before any RPC, queue or mempool work. Signs N realistic EIP-1559
 * transactions (libsecp256k1, as flood.ts does), then measures in one run:
 *   (a) today's recoverSender (viem parse + re-serialize + keccak, libsecp256k1) on one thread;
 *   (b) the lean decoder + libsecp256k1 on one thread, with viem's (noble) keccak and with
 *       hash-wasm's, and the lean decode alone;
 *   (c) (b) with hash-wasm on every core, workers started and warmed before the clock starts,
 *       batches sent and answered as transferred ArrayBuffers.
 *
 * Usage: node test/bench/sequencer/ceiling.ts [N=20000] [batch=500]
 */
import { createRequire } from "node:module";
import { availableParallelism } from "node:os";
import { isMainThread, parentPort, Worker } from "node:worker_threads";

import { bytesToHex, hexToBytes, keccak256, serializeTransaction, type Hex, type TransactionSerializableEIP1559, type TransactionSerialized } from "viem";
import { privateKeyToAddress } from "viem/accounts";

import { recoverSender } from "./legacyRecoverSender.ts";
import { decodeRawTransaction } from "../../../lib/sequencer/tx/rawTransaction.ts";
import { createWasmKeccak256, nativeLeanRecovery, nobleKeccak256, recoverSenderBytes, recoverSenderLean } from "../../../lib/sequencer/tx/recoverLean.ts";

interface Batch {
  id: number;
  /** The transactions' bytes back to back; `ends[i]` is where transaction i ends. */
  bytes: ArrayBuffer;
  ends: ArrayBuffer;
}

const secp = createRequire(import.meta.url)("secp256k1") as { ecdsaSign(message: Uint8Array, key: Uint8Array): { signature: Uint8Array; recid: number } };

/** N EIP-1559 transfers and token calls from 500 keys, signed with libsecp256k1. */
function signTransactions(count: number): { raws: TransactionSerialized[]; senders: Hex[] } {
  const keys = Array.from({ length: 500 }, (_, i) => keccak256(`0x${(i + 1).toString(16).padStart(64, "0")}`));
  const addresses = keys.map((key) => privateKeyToAddress(key));
  const raws: TransactionSerialized[] = [];
  const senders: Hex[] = [];
  for (let i = 0; i < count; i++) {
    const k = i % keys.length;
    const token = i % 4 === 0; // a quarter are ERC-20 transfers (68 bytes of data)
    const tx: TransactionSerializableEIP1559 = {
      type: "eip1559",
      chainId: 901,
      nonce: Math.floor(i / keys.length),
      to: addresses[(k + 1) % keys.length] as Hex,
      value: token ? 0n : BigInt(1 + i) * 10n ** 15n,
      gas: token ? 65_000n : 21_000n,
      maxFeePerGas: 20_000_000_000n + BigInt(i % 1000),
      maxPriorityFeePerGas: 1_000_000_000n,
      ...(token ? { data: `0xa9059cbb${(addresses[k] as string).slice(2).padStart(64, "0")}${(BigInt(i) * 10n ** 18n).toString(16).padStart(64, "0")}` as Hex } : {}),
    };
    const { signature, recid } = secp.ecdsaSign(hexToBytes(keccak256(serializeTransaction(tx))), hexToBytes(keys[k] as Hex));
    raws.push(serializeTransaction(tx, { r: bytesToHex(signature.slice(0, 32)), s: bytesToHex(signature.slice(32)), yParity: recid }));
    senders.push(addresses[k] as Hex);
  }
  return { raws, senders };
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

/** Recovers `raws` on `size` warm workers, `batchSize` per message, two batches in flight per worker. */
async function onWorkers(raws: readonly TransactionSerialized[], senders: Hex[], size: number, batchSize: number): Promise<number> {
  const workers = await Promise.all(
    Array.from({ length: size }, () => {
      const worker = new Worker(import.meta.filename, { execArgv: ["--disable-warning=ExperimentalWarning"] });
      return new Promise<Worker>((resolve) => worker.once("message", () => resolve(worker)));
    }),
  );
  const pack = (from: number, to: number, id: number): Batch => {
    const parts = raws.slice(from, to).map((raw) => Buffer.from(raw.slice(2), "hex"));
    const ends = new Uint32Array(parts.length);
    const bytes = new Uint8Array(parts.reduce((n, p, i) => (ends[i] = n + p.length), 0));
    parts.forEach((p, i) => bytes.set(p, i === 0 ? 0 : (ends[i - 1] as number)));
    return { id, bytes: bytes.buffer, ends: ends.buffer };
  };
  const run = (from: number, to: number) =>
    new Promise<Uint8Array>((resolve) => {
      const out = new Uint8Array((to - from) * 20);
      const batches = Math.ceil((to - from) / batchSize);
      let next = 0;
      let done = 0;
      const send = (worker: Worker) => {
        if (next >= batches) return;
        const id = next++;
        const batch = pack(from + id * batchSize, Math.min(to, from + (id + 1) * batchSize), id);
        worker.postMessage(batch, [batch.bytes, batch.ends]);
      };
      for (const worker of workers) {
        worker.on("message", ({ id, senders: answer }: { id: number; senders: ArrayBuffer }) => {
          out.set(new Uint8Array(answer), id * batchSize * 20);
          if (++done === batches) resolve(out);
          else send(worker);
        });
        send(worker);
        send(worker);
      }
    });
  // Warm: every worker compiles the decoder and recovery on a small batch first.
  await run(0, Math.min(raws.length, size * 2 * 100));
  for (const worker of workers) worker.removeAllListeners("message");
  let out: Uint8Array = new Uint8Array();
  const perSecond = await timed(`(c) lean + hash-wasm keccak, ${size} warm workers`, raws.length, async () => {
    out = await run(0, raws.length);
  });
  for (let i = 0; i < raws.length; i += 997) {
    if (bytesToHex(out.subarray(i * 20, i * 20 + 20)) !== (senders[i] as string).toLowerCase()) throw new Error(`worker recovered a wrong sender for #${i}`);
  }
  await Promise.all(workers.map((worker) => worker.terminate()));
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
  const a = await timed("(a) today's recoverSender, one thread", count, async () => {
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

/** A worker: recovers each batch's senders into 20-byte slots of a transferred buffer. */
async function serve() {
  const keccak256 = await createWasmKeccak256();
  parentPort?.on("message", ({ id, bytes, ends }: Batch) => {
    const all = new Uint8Array(bytes);
    const stops = new Uint32Array(ends);
    const out = new Uint8Array(stops.length * 20);
    let start = 0;
    for (let i = 0; i < stops.length; i++) {
      const stop = stops[i] as number;
      out.set(recoverSenderBytes(decodeRawTransaction(all.subarray(start, stop)), { keccak256 }), i * 20);
      start = stop;
    }
    parentPort?.postMessage({ id, senders: out.buffer }, [out.buffer]);
  });
  parentPort?.postMessage("ready");
}

await (isMainThread ? main() : serve());
