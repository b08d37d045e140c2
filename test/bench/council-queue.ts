/**
 * The council queue's read path as the Transaction Service–compatible API serves api-kit's
 * `getPendingTransactions`: the store's query from the Safe's nonce on (indexed by nonce), the
 * service JSON of each transaction with its confirmations, the service's filter and order.
 * Baseline: a store holding only the queue; measured against the same queue behind a long
 * history of executed transactions (what a council accumulates over years), in the same run.
 *
 *   node --disable-warning=ExperimentalWarning test/bench/council-queue.ts [history=5000] [queued=64] [reads=200]
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { getAddress, keccak256, numberToHex, type Hash, type Hex } from "viem";

import { councilSafeTx, safeTxToJson } from "../../lib/web/council/safeTx.ts";
import { CouncilSignatureStore } from "../../lib/web/council/store.ts";
import { readListQuery, selectTransactions } from "../../lib/web/council/transactionService/listQuery.ts";
import { toTransactionResponse, type QueueReading } from "../../lib/web/council/transactionService/responses.ts";

const [history, queued, reads] = [5_000, 64, 200].map((fallback, i) => Number(process.argv[2 + i] ?? fallback)) as [number, number, number];
const registry = getAddress("0x5FbDB2315678afecb367f032d93F642f64180aa3");
const safe = getAddress("0x00000000000000000000000000000000000c0de5");
const owners = [1, 2, 3].map((i) => getAddress(numberToHex(i, { size: 20 })));
const dir = mkdtempSync(join(tmpdir(), "council-queue-bench-"));

/** A store with `past` transactions below nonce `past` and `queued` from it on, each signed by two owners. */
async function fill(name: string, past: number): Promise<CouncilSignatureStore> {
  const store = await CouncilSignatureStore.open(join(dir, `${name}.sqlite`));
  const scoped = store.forDeployment("bench");
  for (let nonce = 0; nonce < past + queued; nonce++) {
    const safeTx = safeTxToJson(councilSafeTx(registry, { kind: "pause", chainId: 901n }, BigInt(nonce)));
    const safeTxHash = keccak256(numberToHex(nonce)) as Hash;
    await scoped.addAll({ safe, chainId: 900, safeTxHash, safeTx }, owners.slice(0, 2).map((owner, i) => ({ owner, signature: `0x${String(i + 1).repeat(128)}1b` as Hex, kind: "ecdsa" as const })));
  }
  return store;
}

async function measure(store: CouncilSignatureStore, past: number): Promise<{ msPerRead: number; listed: number }> {
  const scoped = store.forDeployment("bench");
  const reading: QueueReading = { threshold: 2, nonce: BigInt(past), executions: new Map() };
  const query = readListQuery(new URLSearchParams(`executed=false&nonce__gte=${past}`));
  let listed = 0;
  const started = performance.now();
  for (let i = 0; i < reads; i++) {
    const entries = await scoped.transactions({ safe, chainId: 900, ...query.nonces });
    listed = selectTransactions(entries.map((entry) => toTransactionResponse(entry, reading)), query).length;
  }
  return { msPerRead: (performance.now() - started) / reads, listed };
}

const baseline = await fill("queue-only", 0);
const long = await fill("with-history", history);
const [a, b] = [await measure(baseline, 0), await measure(long, history)];
if (a.listed !== queued || b.listed !== queued) throw new Error(`listed ${a.listed} and ${b.listed}, expected ${queued} each`);
console.log(`council queue read (getPendingTransactions' path: store query, service JSON, filter), ${queued} queued transactions, ${reads} reads each:`);
console.log(`  queue only (baseline)              ${a.msPerRead.toFixed(2)} ms per read`);
console.log(`  behind ${history.toLocaleString("en")} executed transactions   ${b.msPerRead.toFixed(2)} ms per read  (${(b.msPerRead / a.msPerRead).toFixed(2)}× the baseline)`);
await Promise.all([baseline.close(), long.close()]);
