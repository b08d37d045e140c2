import { Etcd3 } from "etcd3";

import type { Logger } from "../log.ts";
import type { SequencerMetrics } from "../metrics/index.ts";
import type { ChainLeadership, PendingTransaction } from "../types.ts";
import { EtcdTransactionStore } from "./etcdStore.ts";
import { NotLeaderError } from "./errors.ts";
import { replicationKeys } from "./keys.ts";
import { ReplicaLeadership, type ReplicaInfo } from "./leadership.ts";

/** How a sequencer process runs as one replica of a replicated sequencer. */
export interface ReplicationOptions {
  /** The etcd cluster's client URLs (`http://127.0.0.1:2379,…`). */
  etcd: readonly string[];
  /** This replica's name, unique among the replicas (letters, digits, `-`, `_`, `.`; ≤ 64). */
  replicaId: string;
  /** Key prefix in etcd; default: one per deployment (hub chain id and registry address). */
  namespace?: string;
  /** The lease TTL, s (1 to 60, default 3): how long a dead leader keeps its chains. */
  leaseTtlSeconds?: number;
}

/** What a chain's sequencer does with what the other replicas acknowledge and remove. */
export interface LogFollower {
  /** `stillPending` says, after any wait, whether the log still holds it. */
  followAdded(transaction: PendingTransaction, stillPending: () => boolean): Promise<void>;
  followRemoved(hash: PendingTransaction["hash"]): void;
}

/** A chain as the elections see it. */
export interface FollowingChain {
  /** Whether the chain could be led now (engine and config answer, nothing halted it). */
  healthy(): boolean;
  /** Acts at once on a change of leadership instead of at the next tick. */
  wake(): void;
  /** Resolves once the block being built, if any, is over. */
  settled(): Promise<void>;
}

export interface Replica {
  readonly replicaId: string;
  readonly store: EtcdTransactionStore;
  /** The chain's leadership, for its sequencer; it leads nothing until {@link Replica.join}. */
  leadershipOf(chainId: number): ChainLeadership;
  /** Has the chain's sequencer follow the log (before it starts, so nothing is missed). */
  follow(chainId: number, follower: LogFollower): void;
  /** Registers the replica (its URLs) and starts campaigning for the chains. */
  join(info: Omit<ReplicaInfo, "id">, chains: ReadonlyMap<number, FollowingChain>): Promise<void>;
  /** The running leadership (after join). */
  leadership(): ReplicaLeadership | undefined;
  /** Resigns every chain (the others take over at once), stops following, closes the client. */
  close(): Promise<void>;
}

const REPLICA_ID = /^[A-Za-z0-9._-]{1,64}$/;

/** Connects to etcd and loads the replicated transaction log; nothing is led yet. */
export async function openReplica(options: ReplicationOptions & { defaultNamespace: string; metrics?: SequencerMetrics; log?: Logger }): Promise<Replica> {
  const client = new Etcd3({ hosts: [...options.etcd], dialTimeout: 2_000 });
  const keys = replicationKeys(options.namespace ?? options.defaultNamespace);
  let store: EtcdTransactionStore;
  try {
    store = await EtcdTransactionStore.open({
      client,
      keys,
      ...(options.metrics ? { onCommit: (seconds: number) => options.metrics!.etcdCommit(seconds) } : {}),
      ...(options.log ? { log: options.log } : {}),
    });
  } catch (error) {
    client.close();
    throw error;
  }
  let leadership: ReplicaLeadership | undefined;
  const unsubscribes: Array<() => void> = [];
  const running = () => {
    if (!leadership) throw new NotLeaderError({ chainId: 0, reason: "the replica has not joined yet" });
    return leadership;
  };
  return {
    replicaId: options.replicaId,
    store,
    leadershipOf: (chainId) => ({
      leads: () => leadership?.leads(chainId) ?? false,
      claim: (height) => running().claim(chainId, height),
      assertLeading: () => running().assertLeading(chainId),
      recordBuilt: (height, block) => running().recordBuilt(chainId, height, block),
    }),
    follow: (chainId, follower) => {
      unsubscribes.push(store.subscribe(chainId, { added: (tx) => void follower.followAdded(tx, () => store.has(tx.hash)), removed: (hash) => follower.followRemoved(hash) }));
    },
    join: async (info, chains) => {
      leadership = await ReplicaLeadership.start({
        client,
        keys,
        replica: { id: options.replicaId, ...info },
        chains: [...chains.keys()],
        ...(options.leaseTtlSeconds === undefined ? {} : { ttlSeconds: options.leaseTtlSeconds }),
        healthy: (chainId) => chains.get(chainId)?.healthy() ?? false,
        settled: (chainId) => chains.get(chainId)?.settled() ?? Promise.resolve(),
        onChange: (chainId, leading) => {
          options.metrics?.leadership(chainId, leading);
          chains.get(chainId)?.wake();
        },
        ...(options.log ? { log: options.log } : {}),
      });
    },
    leadership: () => leadership,
    close: async () => {
      await leadership?.close();
      for (const unsubscribe of unsubscribes) unsubscribe();
      store.close();
      client.close();
    },
  };
}

/** The check of a replica id and lease TTL; returns the reason one is invalid. */
export function replicationOptionsProblem(options: ReplicationOptions): { option: string; value: unknown; rule: string } | undefined {
  if (!REPLICA_ID.test(options.replicaId)) return { option: "replication.replicaId", value: options.replicaId, rule: "1 to 64 letters, digits, '.', '_' or '-'" };
  if (options.etcd.length === 0 || options.etcd.some((url) => !/^https?:\/\/[^\s/]+$/.test(url))) {
    return { option: "replication.etcd", value: options.etcd.join(","), rule: "one or more etcd client URLs (http://host:port)" };
  }
  const ttl = options.leaseTtlSeconds;
  if (ttl !== undefined && (!Number.isInteger(ttl) || ttl < 1 || ttl > 60)) return { option: "replication.leaseTtlSeconds", value: ttl, rule: "an integer from 1 to 60 (s)" };
  return undefined;
}
