/**
 * The honest ceiling of sender recovery on this machine: warm worker threads, one per core, each
 * decoding with the lean decoder, hashing with hash-wasm's keccak and recovering with
 * libsecp256k1, fed batches as transferred ArrayBuffers with two in flight per worker — no RPC,
 * no queue, no store. `ceiling.ts` prints it beside the one-thread figures; `run.ts` divides
 * admission by it.
 */
import { isMainThread, parentPort, Worker, workerData } from "node:worker_threads";

import { bytesToHex, type Hex, type TransactionSerialized } from "viem";
import { privateKeyToAddress } from "viem/accounts";

import { decodeRawTransaction } from "../../../lib/sequencer/tx/rawTransaction.ts";
import { packRecoveryTask } from "../../../lib/sequencer/recovery/batch.ts";
import { createWasmKeccak256, recoverSenderBytes } from "../../../lib/sequencer/tx/recoverLean.ts";
import { signFast } from "./flood.ts";

interface Batch {
  id: number;
  /** The transactions' bytes back to back; `ends[i]` is where transaction i ends. */
  bytes: ArrayBuffer;
  ends: ArrayBuffer;
}

const ROLE = "recovery-ceiling-worker";

/**
 * `count` realistic EIP-1559 transactions for `chainId` (signed with libsecp256k1): transaction i
 * is from key i mod keys, nonce ⌊i / keys⌋; three quarters pay value to the next key, a quarter
 * are ERC-20 `transfer` calls (68 bytes of data).
 */
export function signLoad(keys: readonly Hex[], count: number, chainId: number): { raws: TransactionSerialized[]; senders: Hex[] } {
  const addresses = keys.map((key) => privateKeyToAddress(key));
  const raws: TransactionSerialized[] = [];
  const senders: Hex[] = [];
  for (let i = 0; i < count; i++) {
    const k = i % keys.length;
    const token = i % 4 === 0;
    const raw = signFast(keys[k] as Hex, {
      type: "eip1559",
      chainId,
      nonce: Math.floor(i / keys.length),
      to: addresses[(k + 1) % keys.length] as Hex,
      value: token ? 0n : BigInt(1 + i) * 10n ** 12n,
      gas: token ? 65_000n : 21_000n,
      maxFeePerGas: 20_000_000_000n + BigInt(i % 1000),
      maxPriorityFeePerGas: 1_000_000_000n,
      ...(token ? { data: `0xa9059cbb${(addresses[k] as string).slice(2).padStart(64, "0")}${(BigInt(i) * 10n ** 18n).toString(16).padStart(64, "0")}` as Hex } : {}),
    });
    raws.push(raw as TransactionSerialized);
    senders.push(addresses[k] as Hex);
  }
  return { raws, senders };
}

export interface RecoveryWorkers {
  /** The 20-byte senders of `raws`, back to back, recovered `batchSize` per message. */
  recover(raws: readonly Hex[], batchSize: number): Promise<Uint8Array>;
  close(): Promise<void>;
}

/** Starts `threads` recovery workers and warms each (a few hundred recoveries) on `warmup`. */
export async function startRecoveryWorkers(threads: number, warmup: readonly Hex[]): Promise<RecoveryWorkers> {
  const workers = await Promise.all(
    Array.from({ length: threads }, () => {
      const worker = new Worker(import.meta.filename, { workerData: ROLE, execArgv: ["--disable-warning=ExperimentalWarning"] });
      return new Promise<Worker>((resolve) => worker.once("message", () => resolve(worker)));
    }),
  );
  const recover = (raws: readonly Hex[], batchSize: number) =>
    new Promise<Uint8Array>((resolve) => {
      const out = new Uint8Array(raws.length * 20);
      const batches = Math.ceil(raws.length / batchSize);
      let next = 0;
      let done = 0;
      const send = (worker: Worker) => {
        if (next >= batches) return;
        const id = next++;
        const batch: Batch = { id, ...packRecoveryTask(raws.slice(id * batchSize, (id + 1) * batchSize)) };
        worker.postMessage(batch, [batch.bytes, batch.ends]);
      };
      for (const worker of workers) {
        worker.removeAllListeners("message");
        worker.on("message", ({ id, senders }: { id: number; senders: ArrayBuffer }) => {
          out.set(new Uint8Array(senders), id * batchSize * 20);
          if (++done === batches) resolve(out);
          else send(worker);
        });
        send(worker);
        send(worker);
      }
    });
  await recover(warmup.slice(0, threads * 2 * 100), 100);
  return { recover, close: async () => void (await Promise.all(workers.map((worker) => worker.terminate()))) };
}

/**
 * Transactions per second the warm workers recover `raws` at (wall clock), checking every 997th
 * sender against `senders`.
 */
export async function recoveryCeiling(raws: readonly Hex[], senders: readonly Hex[], { threads, batchSize = 500 }: { threads: number; batchSize?: number }): Promise<number> {
  const workers = await startRecoveryWorkers(threads, raws);
  try {
    const started = performance.now();
    const out = await workers.recover(raws, batchSize);
    const perSecond = (raws.length * 1000) / (performance.now() - started);
    checkSenders(out, senders);
    return perSecond;
  } finally {
    await workers.close();
  }
}

/** Throws unless every 997th of the 20-byte senders in `out` is the expected one. */
export function checkSenders(out: Uint8Array, senders: readonly Hex[]): void {
  for (let i = 0; i < senders.length; i += 997) {
    if (bytesToHex(out.subarray(i * 20, i * 20 + 20)) !== (senders[i] as string).toLowerCase()) throw new Error(`a worker recovered a wrong sender for #${i}`);
  }
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

if (!isMainThread && workerData === ROLE) await serve();
