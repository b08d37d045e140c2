/**
 * Durable adds per second of the sequencer's transaction store (SQLite WAL, synchronous=FULL:
 * every commit is an fsync), with group commit against the baseline of one commit per add,
 * measured in the same run on the same disk.
 *
 *   node test/bench/sequencer-store.ts [count=2000] [dir=os.tmpdir()]
 *
 * Each case writes `count` fixture transactions into a fresh database with every add in flight
 * at once (a flood of admissions), and, for group commit, also with a window of 64 adds in
 * flight (64 clients each waiting for its acknowledgement before sending the next).
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { openSqliteStore, type SqliteStoreOptions } from "../../lib/sequencer/store/index.ts";
import { fixtureTransaction } from "../lib/sequencer/fixtures/transactions.ts";

const count = Number(process.argv[2] ?? 2_000);
const dir = mkdtempSync(join(process.argv[3] ?? tmpdir(), "sequencer-store-bench-"));
const transactions = Array.from({ length: count }, (_, i) => fixtureTransaction(i));
let runs = 0;

interface Result {
  perSecond: number;
  commits: number;
  largestBatch: number;
}

async function measure(options: SqliteStoreOptions, window: number): Promise<Result> {
  runs += 1;
  const store = openSqliteStore(join(dir, `run-${runs}.db`), options);
  const started = performance.now();
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const transaction = transactions[next++];
      if (transaction) await store.add(transaction);
    }
  };
  await Promise.all(Array.from({ length: Math.min(window, count) }, worker));
  const seconds = (performance.now() - started) / 1000;
  const { commits, largestBatch, writes } = store.stats();
  store.close();
  if (writes !== count) throw new Error(`${writes} of ${count} writes acknowledged`);
  return { perSecond: count / seconds, commits, largestBatch };
}

function describeDisk(path: string): string {
  try {
    const lines = execFileSync("df", ["-T", path], { encoding: "utf8" }).trim().split("\n");
    const fields = lines.at(-1)?.split(/\s+/) ?? [];
    return `${fields[1] ?? "?"} (${fields[0] ?? "?"})`;
  } catch {
    return "unknown filesystem";
  }
}

const line = (label: string, result: Result) =>
  console.log(
    `${label.padEnd(42)} ${Math.round(result.perSecond).toString().padStart(8)} adds/s   ${String(result.commits).padStart(5)} commits   largest batch ${result.largestBatch}`,
  );

try {
  console.log(`${count} durable adds per case into ${dir} on ${describeDisk(dir)}`);
  await measure({}, count); // warm-up: JIT, page cache, file creation paths
  const baseline = await measure({ maxBatch: 1 }, count);
  const flood = await measure({}, count);
  const windowed = await measure({}, 64);
  const baselineWindowed = await measure({ maxBatch: 1 }, 64);
  line("one commit per add (baseline), all in flight", baseline);
  line("one commit per add (baseline), 64 in flight", baselineWindowed);
  line("group commit, all in flight", flood);
  line("group commit, 64 in flight", windowed);
  console.log(`group commit / baseline (all in flight)     ${(flood.perSecond / baseline.perSecond).toFixed(1)}×`);
  console.log(`group commit / baseline (64 in flight)      ${(windowed.perSecond / baselineWindowed.perSecond).toFixed(1)}×`);
  console.log(`fsync-bound commit latency (baseline)       ${((1000 / baseline.perSecond)).toFixed(2)} ms`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
