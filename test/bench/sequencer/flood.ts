/**
 * The flood case of the sequencer benchmark: honest transactions submitted at a steady rate, alone
 * and then while 100,000 hostile ones (unfunded keys; a third with a zero fee cap, a third paying
 * fees they cannot afford, a third gapped) arrive at once. Reports the honest inclusion rate and
 * submit → inclusion latency of both runs, and the sequencer's resident memory.
 */
import { createRequire } from "node:module";
import { readFileSync } from "node:fs";
import { isMainThread, parentPort, Worker, workerData } from "node:worker_threads";

import { bytesToHex, hexToBytes, keccak256, serializeTransaction, toHex, type Hex, type TransactionSerializableEIP1559 } from "viem";
import { generatePrivateKey, privateKeyToAddress } from "viem/accounts";

const rpc = async (url: string, body: unknown) =>
  (await fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) })).json() as Promise<unknown>;
const call = async <T>(url: string, method: string, params: unknown[] = []) => ((await rpc(url, { jsonrpc: "2.0", id: 1, method, params })) as { result: T }).result;

const secp = createRequire(import.meta.url)("secp256k1") as { ecdsaSign(message: Uint8Array, key: Uint8Array): { signature: Uint8Array; recid: number } };

/** Signs with libsecp256k1 (viem's pure-JS signing would take minutes for 100,000). */
export function signFast(key: Hex, tx: TransactionSerializableEIP1559): Hex {
  const { signature, recid } = secp.ecdsaSign(hexToBytes(keccak256(serializeTransaction(tx))), hexToBytes(key));
  return serializeTransaction(tx, { r: bytesToHex(signature.slice(0, 32)), s: bytesToHex(signature.slice(32)), yParity: recid });
}

/** `count` hostile transactions from 1,000 unfunded keys: zero fee caps, unaffordable fees, gapped nonces. */
export function hostileTransactions(chainId: number, count: number): Hex[] {
  const keys = Array.from({ length: 1_000 }, () => generatePrivateKey());
  return Array.from({ length: count }, (_, i) => {
    const key = keys[i % keys.length] as Hex;
    const kind = i % 3;
    return signFast(key, {
      type: "eip1559",
      chainId,
      nonce: kind === 2 ? 1_000 + Math.floor(i / keys.length) : Math.floor(i / keys.length),
      to: privateKeyToAddress(key),
      value: 0n,
      gas: 21_000n,
      maxFeePerGas: kind === 0 ? 0n : 20_000_000_000n,
      maxPriorityFeePerGas: kind === 0 ? 0n : 1n,
    });
  });
}

export interface HonestRun {
  submitted: number;
  included: number;
  /** Submit → inclusion, ms. */
  p50: number;
  p99: number;
  /** Submit → acknowledgement (the RPC's answer), ms. */
  ackP50: number;
  ackP99: number;
  /** Every included transaction's submit → inclusion, and every submission's acknowledgement, ms. */
  latencies: number[];
  acks: number[];
}

const percentile = (values: readonly number[], q: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(q * values.length))] ?? Number.NaN;

/** Several runs as one, their samples pooled: a p99 then rests on more than one run's ten worst. */
export function pooled(runs: readonly HonestRun[]): HonestRun {
  return summarize(runs.reduce((sum, run) => sum + run.submitted, 0), runs.flatMap((run) => run.latencies), runs.flatMap((run) => run.acks));
}

function summarize(submitted: number, latencies: number[], acks: number[]): HonestRun {
  return {
    submitted,
    included: latencies.length,
    p50: percentile(latencies, 0.5),
    p99: percentile(latencies, 0.99),
    ackP50: percentile(acks, 0.5),
    ackP99: percentile(acks, 0.99),
    latencies,
    acks,
  };
}

/**
 * Submits `raws` one by one at `rate` per second and measures each acknowledged one's time from
 * submission to the block that includes it (blocks polled every 5 ms), waiting up to `graceMs`
 * after the last submission.
 */
export async function honestRun(url: string, raws: readonly Hex[], rate: number, graceMs = 30_000): Promise<HonestRun> {
  const submitted = new Map<Hex, number>();
  const latencies: number[] = [];
  const acks: number[] = [];
  let sending = true;
  let seen = BigInt(await call<Hex>(url, "eth_blockNumber"));
  const watcher = (async () => {
    let deadline = Number.POSITIVE_INFINITY;
    while (latencies.length < submitted.size || sending) {
      if (!sending && deadline === Number.POSITIVE_INFINITY) deadline = performance.now() + graceMs;
      if (performance.now() > deadline) break;
      const head = BigInt(await call<Hex>(url, "eth_blockNumber"));
      for (let n = seen + 1n; n <= head; n++) {
        const block = await call<{ transactions: Hex[] }>(url, "eth_getBlockByNumber", [toHex(n), false]);
        const now = performance.now();
        for (const hash of block.transactions) {
          const at = submitted.get(hash);
          if (at !== undefined) latencies.push(now - at);
        }
      }
      seen = head;
      await new Promise((r) => setTimeout(r, 5));
    }
  })();
  const start = performance.now();
  for (const [i, raw] of raws.entries()) {
    const wait = start + (i * 1000) / rate - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    const sentAt = performance.now();
    const response = (await rpc(url, { jsonrpc: "2.0", id: i, method: "eth_sendRawTransaction", params: [raw] })) as { result?: Hex };
    acks.push(performance.now() - sentAt);
    if (response.result) submitted.set(response.result, sentAt);
  }
  sending = false;
  await watcher;
  return summarize(raws.length, latencies, acks);
}

/** Sends `raws` in JSON-RPC batches (of 1,000 by default) over `connections` parallel streams; counts answers by reason ("admitted" for a hash). */
export async function flood(url: string, raws: readonly Hex[], connections = 4, batchSize = 1_000): Promise<{ seconds: number; reasons: Record<string, number> }> {
  const reasons: Record<string, number> = {};
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (next < raws.length) {
        const batch = raws.slice(next, (next += batchSize));
        const answers = (await rpc(url, batch.map((raw, id) => ({ jsonrpc: "2.0", id, method: "eth_sendRawTransaction", params: [raw] })))) as Array<{
          result?: Hex;
          error?: { data?: { reason?: string } };
        }>;
        for (const answer of answers) {
          const reason = answer.result ? "admitted" : (answer.error?.data?.reason ?? "error");
          reasons[reason] = (reasons[reason] ?? 0) + 1;
        }
      }
    }),
  );
  return { seconds: (performance.now() - started) / 1000, reasons };
}

/**
 * {@link flood} on a thread of its own: the attacker's JSON work (250 KB batches out, their answers
 * back) must not stall the event loop that times the honest transactions, as an attacker's separate
 * process would not. It still shares the machine's cores with the sequencer and its node.
 */
export function floodFromAnotherThread(url: string, raws: readonly Hex[], connections = 4): Promise<Awaited<ReturnType<typeof flood>>> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL(import.meta.url), { workerData: { url, raws, connections } });
    worker.once("message", resolve);
    worker.once("error", reject);
    worker.once("exit", (code) => code !== 0 && reject(new Error(`the flood thread exited with code ${code}`)));
  });
}

if (!isMainThread && parentPort && (workerData as { raws?: unknown } | null)?.raws) {
  const { url, raws, connections } = workerData as { url: string; raws: Hex[]; connections: number };
  parentPort.postMessage(await flood(url, raws, connections));
}

/** Resident memory of process `pid` in MB (Linux /proc): now (VmRSS) or its peak so far (VmHWM). */
export function rssMb(pid: number, field: "VmRSS" | "VmHWM" = "VmRSS"): number {
  const line = readFileSync(`/proc/${pid}/status`, "utf8").split("\n").find((l) => l.startsWith(`${field}:`));
  return Number(line?.match(/\d+/)?.[0] ?? Number.NaN) / 1024;
}

/** CPU seconds (user + system, all threads) process `pid` has used so far (Linux /proc, 100 ticks per second). */
export function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]?.split(" ") ?? [];
  return (Number(fields[11]) + Number(fields[12])) / 100;
}
