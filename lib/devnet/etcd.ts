import { spawn, type ChildProcess } from "node:child_process";
import { closeSync, mkdirSync, openSync } from "node:fs";
import { join } from "node:path";

import { DevnetNodeStartError } from "./errors.ts";
import { freePorts, logTail } from "./nodes.ts";

/** Debian's `etcd-server` package installs the server here (the bootstrap installs it). */
export const ETCD_BINARY = process.env.ETCD_BINARY ?? "etcd";

export interface EtcdMemberSpec {
  name: string;
  clientPort: number;
  peerPort: number;
  dataDir: string;
  logFile: string;
}

export interface EtcdMember extends EtcdMemberSpec {
  clientUrl: string;
  /** The running process; undefined while the member is stopped. */
  process: ChildProcess | undefined;
}

export interface EtcdCluster {
  /** Every member's client URL: what the replicas dial. */
  endpoints: string[];
  members: EtcdMember[];
  /** Kills one member (SIGKILL: no goodbye to its peers) and waits for its exit. */
  kill(index: number): Promise<void>;
  /** Starts a stopped member again on its data directory; resolves once it serves. */
  restart(index: number): Promise<void>;
  /** Kills every member; the data directories stay. */
  stop(): Promise<void>;
}

export interface StartEtcdClusterOptions {
  /** Members (3 by default: one may fail without losing quorum). */
  size?: number;
  /** Each member's data goes to `<dataDir>/<name>`; its log to `<dataDir>/<name>.log`. */
  dataDir: string;
  /** Ports per member; free ones are picked when absent. */
  ports?: ReadonlyArray<{ client: number; peer: number }>;
  /** Keep the members running after this process exits (the devnet); tests leave them attached. */
  detached?: boolean;
  /** How long to wait for the cluster to serve, ms (default 20,000). */
  timeoutMs?: number;
  /** etcd's `--max-txn-ops` (default here 1,024; etcd's own default is 128). */
  maxTxnOps?: number;
}

/**
 * Starts an etcd cluster on loopback (Debian's `etcd` 3.4): every member on its own client and
 * peer port, a short heartbeat and election timeout because the peers share one host, and waits
 * until each member reports itself healthy (it has a leader and a quorum).
 */
export async function startEtcdCluster(options: StartEtcdClusterOptions): Promise<EtcdCluster> {
  const size = options.size ?? 3;
  const specs: EtcdMemberSpec[] = [];
  const free = options.ports ? [] : await freePorts(2 * size);
  for (let index = 0; index < size; index++) {
    const ports = options.ports?.[index] ?? { client: free[2 * index]!, peer: free[2 * index + 1]! };
    const name = `etcd-${index}`;
    specs.push({ name, clientPort: ports.client, peerPort: ports.peer, dataDir: join(options.dataDir, name), logFile: join(options.dataDir, `${name}.log`) });
  }
  mkdirSync(options.dataDir, { recursive: true });
  const initialCluster = specs.map((spec) => `${spec.name}=http://127.0.0.1:${spec.peerPort}`).join(",");
  const members: EtcdMember[] = specs.map((spec) => ({ ...spec, clientUrl: `http://127.0.0.1:${spec.clientPort}`, process: undefined }));
  const launch = (member: EtcdMember) => {
    const log = openSync(member.logFile, "a");
    member.process = spawn(ETCD_BINARY, etcdArguments(member, initialCluster, options.maxTxnOps ?? 1_024), { stdio: ["ignore", log, log], detached: options.detached ?? false });
    closeSync(log);
    if (options.detached) member.process.unref();
    member.process.once("exit", () => (member.process = undefined));
  };
  const timeoutMs = options.timeoutMs ?? 20_000;
  for (const member of members) launch(member);
  try {
    await Promise.all(members.map((member) => waitServing(member, timeoutMs)));
  } catch (error) {
    await Promise.all(members.map(kill));
    throw error;
  }
  return {
    endpoints: members.map((member) => member.clientUrl),
    members,
    kill: (index) => kill(members[index]!),
    restart: async (index) => {
      const member = members[index]!;
      if (!member.process) launch(member);
      await waitServing(member, timeoutMs);
    },
    stop: async () => void (await Promise.all(members.map(kill))),
  };
}

function etcdArguments(member: EtcdMemberSpec, initialCluster: string, maxTxnOps: number): string[] {
  const peer = `http://127.0.0.1:${member.peerPort}`;
  const client = `http://127.0.0.1:${member.clientPort}`;
  return [
    `--name=${member.name}`,
    `--data-dir=${member.dataDir}`,
    `--listen-client-urls=${client}`,
    `--advertise-client-urls=${client}`,
    `--listen-peer-urls=${peer}`,
    `--initial-advertise-peer-urls=${peer}`,
    `--initial-cluster=${initialCluster}`,
    "--initial-cluster-state=new",
    "--initial-cluster-token=superchain-sequencer",
    // Peers on one host answer within milliseconds: a leader lost is noticed in half a second.
    "--heartbeat-interval=50",
    "--election-timeout=500",
    // A group commit carries up to 256 writes in one etcd transaction (lib/sequencer/replication/etcdStore.ts).
    `--max-txn-ops=${maxTxnOps}`,
    "--enable-v2=false",
    "--logger=zap",
    "--log-level=warn",
  ];
}

/** Resolves once the member reports itself healthy; rejects with its log's tail after `timeoutMs`. */
async function waitServing(member: EtcdMember, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (!member.process) {
      throw new DevnetNodeStartError(`The ${member.name} etcd member exited before it served.`, { details: logTail(member.logFile) });
    }
    const healthy = await fetch(`${member.clientUrl}/health`, { signal: AbortSignal.timeout(1_000) })
      .then(async (response) => ((await response.json()) as { health?: string }).health === "true")
      .catch(() => false);
    if (healthy) return;
    if (Date.now() > deadline) {
      throw new DevnetNodeStartError(`The ${member.name} etcd member did not serve within ${timeoutMs / 1000} s.`, { details: logTail(member.logFile) });
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function kill(member: EtcdMember): Promise<void> {
  const child = member.process;
  if (!child) return;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  child.kill("SIGKILL");
  await exited;
}
