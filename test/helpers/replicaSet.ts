/**
 * A replicated sequencer for tests: a three-member etcd cluster and replica processes (each
 * `superchain sequencer start --etcd … --replica-id …` under the devnet's supervisor, which
 * restarts it when it dies), with reads of who leads what and a steady load of transactions.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";

import { keccak256, parseGwei, type Hex } from "viem";
import type { HDAccount } from "viem/accounts";

import { freePort } from "../../lib/devnet/nodes.ts";
import { startSequencerProcess, stopSequencerProcess, type SequencerProcess } from "../../lib/devnet/sequencerProcess.ts";
import { healthReportSchema, type ParsedHealthReport } from "../../lib/sequencer/health.ts";
import { supervisedChild } from "../../lib/devnet/supervisor.ts";

export interface ReplicaProcess {
  id: string;
  process: SequencerProcess;
}

/** Starts one replica process on free ports; resolves once it answers `/healthz`. */
export async function startReplica(
  {
    id,
    dir,
    manifestFile,
    etcd,
    leaseTtlSeconds = 2,
    operatorKeysFile,
  }: { id: string; dir: string; manifestFile: string; etcd: readonly string[]; leaseTtlSeconds?: number; operatorKeysFile?: string },
): Promise<ReplicaProcess> {
  const process = await startSequencerProcess({
    manifestFile,
    port: await freePort(),
    storeFile: join(dir, `${id}.sqlite`),
    logFile: join(dir, `${id}.log`),
    childFile: join(dir, `${id}.child.json`),
    admin: { port: await freePort(), jwtSecretFile: join(dir, "jwt.hex") },
    replica: { etcd, id, leaseTtlSeconds },
    ...(operatorKeysFile ? { operatorKeysFile } : {}),
  });
  return { id, process };
}

export async function stopReplicas(replicas: Iterable<ReplicaProcess>): Promise<void> {
  await Promise.all([...replicas].map((replica) => stopSequencerProcess(replica.process)));
}

/** The replica's `/healthz`, parsed; undefined while it does not answer. */
export async function healthOf(replica: ReplicaProcess): Promise<ParsedHealthReport | undefined> {
  try {
    const response = await fetch(`${replica.process.url}/healthz`, { signal: AbortSignal.timeout(1_000) });
    return healthReportSchema.parse(await response.json());
  } catch {
    return undefined;
  }
}

/** The replica that says it leads the chain, if one answers so. */
export async function leaderOf(replicas: Iterable<ReplicaProcess>, chainId: number): Promise<ReplicaProcess | undefined> {
  for (const replica of replicas) {
    const health = await healthOf(replica);
    if (health?.chains.find((chain) => chain.chainId === chainId)?.role === "leader") return replica;
  }
  return undefined;
}

/** The pid of the replica's sequencer process now (the supervisor's child). */
export function pidOf(replica: ReplicaProcess): number {
  const child = supervisedChild(replica.process.childFile);
  if (!child) throw new Error(`replica ${replica.id} runs no process`);
  return child.pid;
}

/** The block numbers of a chain each replica's log says it built (LOG_LEVEL=debug), with when. */
export function blocksLogged(replica: ReplicaProcess, chainId: number): Array<{ number: bigint; time: number }> {
  return readFileSync(replica.process.logFile, "utf8")
    .split("\n")
    .flatMap((line) => {
      if (!line.includes('"event":"block"')) return [];
      try {
        const entry = JSON.parse(line) as { event: string; chainId: number; number: string; time: number };
        return entry.chainId === chainId ? [{ number: BigInt(entry.number), time: entry.time }] : [];
      } catch {
        return [];
      }
    });
}

/** Polls `probe` every 25 ms until it returns something other than undefined. */
export async function until<T>(probe: () => T | undefined | Promise<T | undefined>, what: string, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** The sender's pending nonce from the first replica that answers (some may be down). */
export async function pendingNonce(urls: () => string[], chainId: number, address: Hex): Promise<number> {
  return until(async () => {
    for (const url of urls()) {
      try {
        const response = await fetch(`${url}/${chainId}`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "eth_getTransactionCount", params: [address, "pending"] }),
          signal: AbortSignal.timeout(2_000),
        });
        const { result } = (await response.json()) as { result?: Hex };
        if (result !== undefined) return Number(result);
      } catch {
        // that replica is down: the next one
      }
    }
    return undefined;
  }, `the pending nonce of ${address}`);
}

/** The times (ms) a replica's log says it came to lead the chain. */
export function leadershipAcquired(replica: ReplicaProcess, chainId: number): number[] {
  return readFileSync(replica.process.logFile, "utf8")
    .split("\n")
    .flatMap((line) => {
      if (!line.includes('"event":"leadership-acquired"')) return [];
      try {
        const entry = JSON.parse(line) as { chainId: number; time: number };
        return entry.chainId === chainId ? [entry.time] : [];
      } catch {
        return [];
      }
    });
}

/** What became of each transaction the load sent. */
export interface LoadOutcome {
  /** A replica returned its hash. */
  acknowledged: Set<Hex>;
  /** A replica refused it with a rejection (never to be included). */
  refused: Set<Hex>;
  /** The request failed in transit every time until its nonce turned out used: it may be on chain. */
  unknown: Set<Hex>;
}

/**
 * Senders each sending one transaction after the other (the next nonce once the last is
 * acknowledged) through the replicas in turn; a request that fails in transit (a replica killed)
 * or without a quorum is sent again, the same signed bytes, through the next replica.
 */
export function steadyLoad({ senders, chainId, urls, to, intervalMs = 100 }: { senders: HDAccount[]; chainId: number; urls: () => string[]; to: Hex; intervalMs?: number }) {
  const outcome: LoadOutcome = { acknowledged: new Set(), refused: new Set(), unknown: new Set() };
  let running = true;
  let turn = 0;
  const send = async (raw: Hex): Promise<{ result?: Hex; error?: { code: number; message: string; data?: { reason?: string } } } | undefined> => {
    const list = urls();
    const url = list[turn++ % list.length]!;
    try {
      const response = await fetch(`${url}/${chainId}`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "eth_sendRawTransaction", params: [raw] }),
        signal: AbortSignal.timeout(5_000),
      });
      return (await response.json()) as { result?: Hex };
    } catch {
      return undefined; // in transit: the replica died, or did not answer
    }
  };
  const loop = async (sender: HDAccount) => {
    let nonce = await pendingNonce(urls, chainId, sender.address);
    while (running) {
      const raw = await sender.signTransaction({ type: "eip1559", chainId, to, value: 1n, gas: 21_000n, maxFeePerGas: parseGwei("20"), maxPriorityFeePerGas: parseGwei("1"), nonce });
      const hash = keccak256(raw);
      let failedInTransit = false;
      for (;;) {
        const answer = await send(raw);
        if (answer?.result) {
          outcome.acknowledged.add(hash);
          break;
        }
        const reason = answer?.error?.data?.reason;
        if (answer && answer.error && answer.error.code !== -32010 && answer.error.code !== -32603) {
          // nonce too low after a lost answer: it went through after all
          // Already known after a lost answer: it was acknowledged after all.
          if (failedInTransit && reason === "alreadyKnown") outcome.acknowledged.add(hash);
          else if (failedInTransit && reason === "nonceTooLow") outcome.unknown.add(hash);
          else outcome.refused.add(hash);
          break;
        }
        failedInTransit = true;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      nonce += 1;
      await new Promise((resolve) => setTimeout(resolve, intervalMs));
    }
  };
  const loops = senders.map(loop);
  return {
    outcome,
    stop: async () => {
      running = false;
      await Promise.all(loops);
      return outcome;
    },
  };
}

