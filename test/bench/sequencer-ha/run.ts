/**
 * The replicated sequencer against the single embedded one, each figure with its baseline from
 * the same run (a three-member etcd cluster and every process on this machine):
 *   1. admission throughput with durable acknowledgement: the etcd transaction log vs the SQLite
 *      store, 5,000 writes with 256 in flight (the sequencer's admission concurrency);
 *   2. inclusion throughput, submit → receipt of 2,000 transactions: three replica processes
 *      (sent round robin through all three) vs one sequencer process, at 250 ms blocks;
 *   3. failover: the leader of a chain killed with SIGKILL 20 times, kill → the chain's next
 *      block, p50 and p99, against the lease TTL + 2 × the block time.
 *
 *   node test/bench/sequencer-ha/run.ts        (BENCH_HA_KILLS=20, BENCH_HA_TTL=2)
 */
import { mkdtempSync } from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import { join } from "node:path";

import { Etcd3 } from "etcd3";
import { keccak256, parseGwei, type Hex } from "viem";

import { loadManifest } from "../../../lib/chains/index.ts";
import { devAccount, DEV_ROLES } from "../../../lib/devnet/accounts.ts";
import { devnetDown, devnetUp, readDevnetState, type DevnetPaths } from "../../../lib/devnet/devnet.ts";
import { startEtcdCluster } from "../../../lib/devnet/etcd.ts";
import { freePort } from "../../../lib/devnet/nodes.ts";
import { enactChange } from "../../../lib/devnet/passProposal.ts";
import { startSequencerProcess, stopSequencerProcess } from "../../../lib/devnet/sequencerProcess.ts";
import { supervisedChild } from "../../../lib/devnet/supervisor.ts";
import { advanceTime } from "../../../lib/devnet/time.ts";
import { EtcdTransactionStore } from "../../../lib/sequencer/replication/etcdStore.ts";
import { replicationKeys } from "../../../lib/sequencer/replication/keys.ts";
import { openSqliteStore } from "../../../lib/sequencer/store/index.ts";
import type { TransactionStore } from "../../../lib/sequencer/types.ts";
import { fixtureTransaction } from "../../lib/sequencer/fixtures/transactions.ts";
import { cpuSeconds } from "../sequencer/flood.ts";
import { leaderOf, pidOf, startReplica, stopReplicas, until, type ReplicaProcess } from "../../helpers/replicaSet.ts";

const WRITES = 5_000;
const IN_FLIGHT = 256;
const BLOCK_TIME_MS = 250;
const KILLS = Number(process.env.BENCH_HA_KILLS ?? 20);
const TTL_SECONDS = Number(process.env.BENCH_HA_TTL ?? 2);
const SENDERS = Array.from({ length: 20 }, (_, i) => i).filter((i) => !(DEV_ROLES.operators as readonly number[]).includes(i)).map(devAccount);
const PER_SENDER = 100;
const CHAIN = 901;

const dir = mkdtempSync(join(tmpdir(), "sequencer-ha-bench-"));
const row = (name: string, value: string, baseline: string, verdict: string) => console.log(`${name.padEnd(44)}${value.padEnd(22)}${baseline.padEnd(30)}${verdict}`);
const percentile = (values: number[], p: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.ceil((p / 100) * values.length) - 1)]!;

const etcd = await startEtcdCluster({ dataDir: join(dir, "etcd") });
const paths: DevnetPaths = { stateFile: join(dir, "state.json"), manifestFile: join(dir, "devnet.json"), logDir: join(dir, "logs") };
const replicas: ReplicaProcess[] = [];
const ONLY = process.env.BENCH_HA_ONLY;
try {
  const admission = ONLY === undefined || ONLY === "admission" ? await admissionCase() : undefined;
  if (admission) console.log(`admission: etcd ${admission.etcd.perSecond.toFixed(0)}/s, SQLite ${admission.sqlite.perSecond.toFixed(0)}/s`);
  let inclusion: Awaited<ReturnType<typeof inclusionCase>> | undefined;
  let failover: number[] = [];
  if (ONLY !== "admission") {
    await devnetUp(paths, { ports: { hub: await freePort(), "base-local": await freePort(), "zora-local": await freePort() }, sequencer: false });
    await governFastBlocks();
    inclusion = await inclusionCase();
    console.log(`inclusion: 3 replicas ${inclusion.replicated.toFixed(0)}/s, 1 sequencer ${inclusion.single.toFixed(0)}/s; CPU s: ${JSON.stringify(inclusion.cpu)}`);
    printCpuBound(inclusion);
    if (ONLY === undefined || ONLY === "failover") failover = await failoverCase();
  }

  console.log(`\n${"case".padEnd(44)}${"replicated".padEnd(22)}${"baseline (same run)".padEnd(30)}ratio / target`);
  if (admission) row("admission, durable ack (writes/s)", admission.etcd.perSecond.toFixed(0), `SQLite ${admission.sqlite.perSecond.toFixed(0)}/s`, `${(admission.etcd.perSecond / admission.sqlite.perSecond).toFixed(2)}× (target ≥ 0.50)`);
  if (inclusion) row("inclusion, 3 replicas (tx/s)", inclusion.replicated.toFixed(0), `1 sequencer ${inclusion.single.toFixed(0)}/s`, `${(inclusion.replicated / inclusion.single).toFixed(2)}× (target ≥ 0.80)`);
  const bound = TTL_SECONDS * 1000 + 2 * BLOCK_TIME_MS;
  if (failover.length > 0) row(`failover p50 / p99 over ${failover.length} kills (ms)`, `${percentile(failover, 50).toFixed(0)} / ${percentile(failover, 99).toFixed(0)}`, `TTL + 2 blocks = ${bound} ms`, `p99 ${percentile(failover, 99) <= bound ? "within" : "OVER"} (target ≤ ${bound})`);
  if (admission) console.log(
    `(etcd group commits: ${admission.etcd.commits} for ${WRITES} writes, p50 ${admission.etcd.commitP50.toFixed(1)} ms, p99 ${admission.etcd.commitP99.toFixed(1)} ms; ` +
      `failovers, ms: ${failover.map((ms) => ms.toFixed(0)).join(" ")})`,
  );
} finally {
  await stopReplicas(replicas);
  await devnetDown(paths);
  await etcd.stop();
}

/** 1. The same 5,000 writes, 256 in flight, into each store. */
async function admissionCase() {
  const measure = async (store: TransactionStore, offset: number) => {
    let next = 0;
    const started = performance.now();
    const worker = async () => {
      while (next < WRITES) await store.add(fixtureTransaction(offset + next++));
    };
    await Promise.all(Array.from({ length: IN_FLIGHT }, worker));
    return WRITES / ((performance.now() - started) / 1000);
  };
  const sqlite = openSqliteStore(join(dir, "bench.sqlite"));
  await measure(sqlite, 0); // warm-up: JIT, page cache
  const sqliteRate = await measure(sqlite, WRITES);
  sqlite.close();
  const client = new Etcd3({ hosts: etcd.endpoints });
  const latencies: number[] = [];
  const store = await EtcdTransactionStore.open({ client, keys: replicationKeys("/bench/"), onCommit: (seconds) => latencies.push(seconds * 1000) });
  await measure(store, 2 * WRITES);
  latencies.length = 0;
  const etcdRate = await measure(store, 3 * WRITES);
  store.close();
  client.close();
  return {
    sqlite: { perSecond: sqliteRate },
    etcd: { perSecond: etcdRate, commits: latencies.length, commitP50: percentile(latencies, 50), commitP99: percentile(latencies, 99) },
  };
}

/** Governance sets 250 ms blocks of up to 10,000 transactions on every member chain (the devnet's 2 s / 500 would cap inclusion by policy). */
async function governFastBlocks(): Promise<void> {
  const manifest = await loadManifest({ path: paths.manifestFile });
  const advance = (seconds: bigint) => advanceTime(readDevnetState(paths)?.nodes ?? [], seconds);
  const activatesAt = await enactChange(
    manifest,
    [{ kind: "setParameters", chainId: 0n, changes: { blockTimeMs: BLOCK_TIME_MS, maxTxPerBlock: 10_000, maxPendingPerSender: 1_024 }, requestedActivation: 0n }],
    `Benchmark: ${BLOCK_TIME_MS} ms blocks`,
    advance,
  );
  const wait = activatesAt - BigInt(Math.floor(Date.now() / 1000));
  await advance(wait > 0n ? wait : 1n);
}

/** 2. Submit → every receipt, 1,800 transactions from 18 senders, through one sequencer and then through three replicas. */
async function inclusionCase(): Promise<{ single: number; replicated: number; cpu: Record<string, number> }> {
  const node = readDevnetState(paths)?.nodes.find((entry) => entry.chainId === CHAIN);
  const single = await startSequencerProcess({
    manifestFile: paths.manifestFile,
    port: await freePort(),
    storeFile: join(dir, "single.sqlite"),
    logFile: join(dir, "single.log"),
    childFile: join(dir, "single.child.json"),
  });
  let singleRate: number;
  const cpu: Record<string, number> = {};
  try {
    const measured = [supervisedChild(single.childFile)!.pid, node!.pid];
    const before = measured.map(cpuSeconds);
    singleRate = await includeAll([single.url]);
    const spent = measured.map((pid, i) => cpuSeconds(pid) - before[i]!);
    cpu["single sequencer"] = spent[0]!;
    cpu["EDR node (single)"] = spent[1]!;
  } finally {
    await stopSequencerProcess(single);
  }
  for (const id of ["r1", "r2", "r3"]) replicas.push(await startReplica({ id, dir, manifestFile: paths.manifestFile, etcd: etcd.endpoints, leaseTtlSeconds: TTL_SECONDS }));
  await until(() => leaderOf(replicas, CHAIN), "a leader");
  const measured = [...replicas.map(pidOf), ...etcd.members.map((member) => member.process!.pid!), node!.pid];
  const before = measured.map(cpuSeconds);
  const replicatedRate = await includeAll(replicas.map((replica) => replica.process.url));
  const spent = measured.map((pid, i) => cpuSeconds(pid) - before[i]!);
  cpu["3 replicas"] = spent.slice(0, 3).reduce((a, b) => a + b, 0);
  cpu["3 etcd members"] = spent.slice(3, 6).reduce((a, b) => a + b, 0);
  cpu["EDR node (replicated)"] = spent[6]!;
  return { single: singleRate, replicated: replicatedRate, cpu };
}

/**
 * Every process of the replicated case shares this machine's cores: its inclusion rate cannot pass
 * the transactions over (CPU seconds spent / cores). The bound assumes the three replicas together
 * cost no more than the one sequencer, leaving etcd's and the node's CPU as measured.
 */
function printCpuBound({ single, cpu }: { single: number; cpu: Record<string, number> }): void {
  const transactions = SENDERS.length * PER_SENDER;
  const perTx = (seconds: number) => `${((seconds / transactions) * 1000).toFixed(2)} ms`;
  const singleCpu = cpu["single sequencer"]! + cpu["EDR node (single)"]!;
  const replicatedCpu = cpu["3 replicas"]! + cpu["3 etcd members"]! + cpu["EDR node (replicated)"]!;
  const floorCpu = cpu["single sequencer"]! + cpu["3 etcd members"]! + cpu["EDR node (replicated)"]!;
  const cores = availableParallelism();
  const ceiling = transactions / (floorCpu / cores);
  console.log(
    `inclusion CPU per transaction: single ${perTx(singleCpu)} (sequencer + node), replicated ${perTx(replicatedCpu)} (replicas + etcd + node); ` +
      `on ${cores} cores, with the replicas costing no more than one sequencer, etcd and the node alone bound the replicated rate at ` +
      `${ceiling.toFixed(0)}/s = ${(ceiling / single).toFixed(2)}× the single sequencer`,
  );
}

async function includeAll(urls: string[]): Promise<number> {
  const post = async (url: string, body: unknown) =>
    (await (await fetch(`${url}/${CHAIN}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) })).json()) as unknown;
  const raws = await Promise.all(
    SENDERS.map(async (account) => {
      const { result } = (await post(urls[0]!, { jsonrpc: "2.0", id: 1, method: "eth_getTransactionCount", params: [account.address, "pending"] })) as { result: Hex };
      return Promise.all(
        Array.from({ length: PER_SENDER }, (_, n) =>
          account.signTransaction({ type: "eip1559", chainId: CHAIN, nonce: Number(result) + n, to: account.address, value: 0n, gas: 21_000n, maxFeePerGas: parseGwei("20"), maxPriorityFeePerGas: 1n }),
        ),
      );
    }),
  );
  const started = performance.now();
  // Each sender's transactions in nonce order, senders side by side, each through the next URL.
  await Promise.all(
    raws.map(async (list, i) => {
      for (let n = 0; n < list.length; n += 25) {
        const batch = list.slice(n, n + 25).map((raw, id) => ({ jsonrpc: "2.0", id, method: "eth_sendRawTransaction", params: [raw] }));
        const answers = (await post(urls[(i + n) % urls.length]!, batch)) as Array<{ error?: { message: string } }>;
        const refused = answers.find((answer) => answer.error);
        if (refused) throw new Error(`refused: ${refused.error!.message}`);
      }
    }),
  );
  const last = raws.map((list) => keccak256(list.at(-1)!));
  for (const hash of last) {
    await until(async () => ((await post(urls[0]!, { jsonrpc: "2.0", id: 1, method: "eth_getTransactionReceipt", params: [hash] })) as { result: unknown }).result ?? undefined, `receipt ${hash}`, 120_000);
  }
  return (SENDERS.length * PER_SENDER) / ((performance.now() - started) / 1000);
}

/** 3. Kill the chain's leader, time until the chain's next block; the supervisor restarts it before the next kill. */
async function failoverCase(): Promise<number[]> {
  const node = readDevnetState(paths)?.nodes.find((entry) => entry.chainId === CHAIN);
  if (!node) throw new Error(`no node for chain ${CHAIN}`);
  const head = async () => {
    const response = await fetch(node.rpcUrl, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "eth_blockNumber", params: [] }) });
    return BigInt(((await response.json()) as { result: Hex }).result);
  };
  const durations: number[] = [];
  for (let kill = 0; kill < KILLS; kill++) {
    const leader = await until(() => leaderOf(replicas, CHAIN), "a leader");
    const restarts = supervisedChild(leader.process.childFile)?.restarts ?? 0;
    // Kill right after a block: the worst case waits a whole lease with no block in flight.
    const before = await head();
    await until(async () => ((await head()) > before ? true : undefined), "a block", 10_000);
    const last = await head();
    const killedAt = performance.now();
    process.kill(pidOf(leader), "SIGKILL");
    for (;;) {
      if ((await head()) > last) break;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    durations.push(performance.now() - killedAt);
    console.log(`failover ${kill + 1}: ${durations.at(-1)!.toFixed(0)} ms`);
    // The supervisor backs off restarts of a process that keeps dying (up to 30 s): wait for it, so three replicas run at every kill.
    await until(
      async () => ((supervisedChild(leader.process.childFile)?.restarts ?? 0) > restarts && (await fetch(`${leader.process.url}/healthz`).then((r) => r.ok, () => false)) ? true : undefined),
      "the restart",
      120_000,
    );
  }
  return durations;
}
