import type { ParsedHealthReport } from "../sequencer/health.ts";
import { OperatorError } from "./errors.ts";
import { readHealthReport, sequencerOrigins } from "./readRunningConfigs.ts";

/** One sequencer's `/healthz`, or why it could not be read. */
export interface HealthAnswer {
  url: string;
  report?: ParsedHealthReport;
  error?: string;
}

/** Every sequencer origin of the members — `sequencerRpcUrl`'s and each replica's — each once. */
export function sequencerReplicaOrigins(members: readonly { sequencerRpcUrl?: string | undefined; sequencerReplicaUrls?: readonly string[] | undefined }[]): string[] {
  const replicas = members.flatMap((member) => (member.sequencerReplicaUrls ?? []).map((url) => new URL(url).origin));
  return [...new Set([...sequencerOrigins(members), ...replicas])];
}

/** Asks every origin for its `/healthz` at once; one that cannot be read answers with why. */
export function readHealthReports(origins: readonly string[], { timeoutMs = 3_000 }: { timeoutMs?: number } = {}): Promise<HealthAnswer[]> {
  return Promise.all(
    origins.map((url) =>
      readHealthReport(url, { timeoutMs }).then(
        (report): HealthAnswer => ({ url, report }),
        (error: unknown): HealthAnswer => {
          if (error instanceof OperatorError) return { url, error: error.shortMessage };
          throw error;
        },
      ),
    ),
  );
}

/** One sequencer process as `sequencer status` found it. */
export interface ReplicaStatus {
  url: string;
  /** Its replica id; undefined for a sequencer that is not replicated (or that did not answer). */
  id?: string;
  /** Why it could not be read. */
  error?: string;
  leaseValidForMs?: number;
  etcdReachable?: boolean;
  paused?: boolean;
  /** The chains it says it leads. */
  leads: number[];
}

export interface ChainLeadershipStatus {
  chainId: number;
  name: string;
  /** The leader every answering replica agrees on; undefined when none leads (or they disagree: see `disagreement`). */
  leader?: string;
  disagreement?: string[];
  lastBlock?: bigint;
}

export interface SequencerStatus {
  replicated: boolean;
  replicas: ReplicaStatus[];
  chains: ChainLeadershipStatus[];
}

/**
 * Who leads what, from the `/healthz` reports of every replica asked (or of the one sequencer):
 * each replica's lease and the chains it leads, and per chain the leader they agree on. Replicas
 * the reports name as members but that were not asked are listed too.
 */
export function sequencerStatus(answers: readonly HealthAnswer[]): SequencerStatus {
  const replicas: ReplicaStatus[] = [];
  const chains = new Map<number, { name: string; leaders: Set<string>; lastBlock?: bigint }>();
  const members = new Map<string, string>();
  for (const { url, report, error } of answers) {
    if (!report) {
      replicas.push({ url, error: error ?? "no answer", leads: [] });
      continue;
    }
    const replication = report.replication;
    for (const member of replication?.members ?? []) members.set(member.id, member.rpcUrl);
    replicas.push({
      url,
      ...(replication
        ? { id: replication.replicaId, leaseValidForMs: replication.leaseValidForMs, etcdReachable: replication.etcdReachable, paused: replication.paused }
        : {}),
      leads: report.chains.filter((chain) => (replication ? chain.role === "leader" : chain.sequencerActive)).map((chain) => chain.chainId),
    });
    for (const chain of report.chains) {
      const entry = chains.get(chain.chainId) ?? { name: chain.name, leaders: new Set<string>() };
      const leader = replication ? chain.leader : "sequencer";
      if (leader !== undefined) entry.leaders.add(leader);
      const last = chain.lastBlock?.number;
      if (last !== undefined && (entry.lastBlock === undefined || last > entry.lastBlock)) entry.lastBlock = last;
      chains.set(chain.chainId, entry);
    }
  }
  const asked = new Set(replicas.map((replica) => replica.id));
  for (const [id, rpcUrl] of members) if (!asked.has(id)) replicas.push({ url: rpcUrl, id, leads: [] });
  return {
    replicated: answers.some((answer) => answer.report?.replication !== undefined),
    replicas,
    chains: [...chains]
      .sort((a, b) => a[0] - b[0])
      .map(([chainId, { name, leaders, lastBlock }]) => ({
        chainId,
        name,
        ...(leaders.size === 1 ? { leader: [...leaders][0]! } : {}),
        ...(leaders.size > 1 ? { disagreement: [...leaders].sort() } : {}),
        ...(lastBlock === undefined ? {} : { lastBlock }),
      })),
  };
}
