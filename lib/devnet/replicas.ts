/**
 * The devnet's replicated sequencer (`superchain devnet up --replicas 3`): a three-member etcd
 * cluster on loopback ports and N replica processes, each under its own supervisor, each data
 * directory under `.devnet/`. Replica i serves on the sequencer port + i (7545, 7546, …) and,
 * with an admin port, its admin RPC on that port + i.
 */
import { rmSync } from "node:fs";
import { join } from "node:path";

import { DevnetPortInUseError } from "./errors.ts";
import { startEtcdCluster } from "./etcd.ts";
import { isPortInUse, ownedProcess, stopNode, type OwnedProcess, type StopOutcome } from "./nodes.ts";
import { startSequencerProcess, stopSequencerProcess, type SequencerProcess } from "./sequencerProcess.ts";

/** etcd's own convention for a local three-member cluster (its Procfile): clients 2379, 22379, 32379. */
export const DEVNET_ETCD_PORTS = [
  { client: 2379, peer: 2380 },
  { client: 22379, peer: 22380 },
  { client: 32379, peer: 32380 },
] as const;

export interface DevnetEtcdMember extends OwnedProcess {
  name: string;
  clientUrl: string;
}

export interface DevnetReplica extends SequencerProcess {
  id: string;
}

export interface ReplicatedSequencer {
  etcd: DevnetEtcdMember[];
  replicas: DevnetReplica[];
}

/** Member i's client and peer ports from a base port (`--etcd-port`): base + 2i and base + 2i + 1. */
export function etcdPortsFrom(base: number): Array<{ client: number; peer: number }> {
  return [0, 1, 2].map((i) => ({ client: base + 2 * i, peer: base + 2 * i + 1 }));
}

/** The URLs replica 0…n-1 will serve on, for the manifest (written before they start). */
export function replicaUrls(sequencerPort: number, count: number): string[] {
  return Array.from({ length: count }, (_, i) => `http://127.0.0.1:${sequencerPort + i}`);
}

/**
 * Starts etcd and `count` replicas; stops whatever it started if anything fails. The previous
 * devnet's etcd data is removed first: a new devnet has new chains.
 */
export async function startReplicatedSequencer(options: {
  count: number;
  dataDir: string;
  logDir: string;
  manifestFile: string;
  sequencerPort: number;
  adminPort?: number;
  operatorKeysFile: string;
  jwtSecretFile: string;
  /** The etcd members' ports; {@link DEVNET_ETCD_PORTS} by default. */
  etcdPorts?: ReadonlyArray<{ client: number; peer: number }>;
  onProgress?: (message: string) => void;
}): Promise<ReplicatedSequencer> {
  const etcdPorts = options.etcdPorts ?? DEVNET_ETCD_PORTS;
  for (const [i, url] of replicaUrls(options.sequencerPort, options.count).entries()) {
    const port = Number(new URL(url).port);
    if (await isPortInUse(port)) throw new DevnetPortInUseError({ port, chain: `sequencer replica ${i + 1}` });
  }
  for (const { client, peer } of etcdPorts) {
    for (const port of [client, peer]) if (await isPortInUse(port)) throw new DevnetPortInUseError({ port, chain: "etcd" });
  }
  const etcdDir = join(options.dataDir, "etcd");
  rmSync(etcdDir, { recursive: true, force: true });
  options.onProgress?.(`starting a three-member etcd cluster on 127.0.0.1:${etcdPorts.map((p) => p.client).join(", ")}`);
  const cluster = await startEtcdCluster({ dataDir: etcdDir, ports: etcdPorts, detached: true });
  const etcd = cluster.members.map((member) => ({ name: member.name, clientUrl: member.clientUrl, ...ownedProcess(member.process!.pid!) }));
  const replicas: DevnetReplica[] = [];
  try {
    for (let i = 0; i < options.count; i++) {
      const id = `replica-${i + 1}`;
      const port = options.sequencerPort + i;
      options.onProgress?.(`starting sequencer ${id} on 127.0.0.1:${port}`);
      const process = await startSequencerProcess({
        manifestFile: options.manifestFile,
        port,
        storeFile: join(options.dataDir, `${id}.sqlite`),
        operatorKeysFile: options.operatorKeysFile,
        logFile: join(options.logDir, `sequencer-${id}.log`),
        childFile: join(options.dataDir, `sequencer-${id}-process.json`),
        ...(options.adminPort === undefined ? {} : { admin: { port: options.adminPort + i, jwtSecretFile: options.jwtSecretFile } }),
        replica: { etcd: cluster.endpoints, id },
      });
      replicas.push({ ...process, id });
    }
  } catch (error) {
    await stopReplicatedSequencer({ etcd, replicas });
    throw error;
  }
  return { etcd, replicas };
}

/** Stops the replicas (supervisor first), then the etcd members: each only if its pid is still the one recorded. */
export async function stopReplicatedSequencer(running: ReplicatedSequencer): Promise<Array<{ name: string; pid: number; outcome: StopOutcome }>> {
  const stopped: Array<{ name: string; pid: number; outcome: StopOutcome }> = [];
  for (const replica of running.replicas) {
    const { supervisor, sequencer } = await stopSequencerProcess(replica);
    stopped.push({ name: `${replica.id} supervisor`, pid: replica.supervisor.pid, outcome: supervisor });
    if (sequencer) stopped.push({ name: replica.id, ...sequencer });
  }
  for (const member of running.etcd) stopped.push({ name: member.name, pid: member.pid, outcome: await stopNode(member) });
  return stopped;
}
