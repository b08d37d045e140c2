/**
 * Where the replicated sequencer keeps its state in etcd, under one namespace per deployment
 * (replicas of two deployments may share a cluster and never see each other's keys):
 *
 * - `pending/<chainId>/<sender>/<nonce>`: an acknowledged transaction, one key per nonce slot, so a
 *   compare-and-swap on the slot keeps two replicas from acknowledging two transactions at one nonce.
 * - `leader/<chainId>`: the chain's leader, a key bound to the leader's lease; its create revision
 *   is the leader's term.
 * - `block/<chainId>/<height>`: the claim on a height (its builder, its term), then what was built.
 * - `replica/<id>`: a live replica's URLs, bound to its lease.
 * - `handoff/<chainId>`: the replica leadership is being transferred to, for a few seconds.
 */
import type { Address } from "viem";

const HEIGHT_DIGITS = 20;

export interface ReplicationKeys {
  readonly namespace: string;
  pendingPrefix(chainId?: number): string;
  pending(chainId: number, sender: Address, nonce: bigint): string;
  leaderPrefix(): string;
  leader(chainId: number): string;
  blockPrefix(chainId: number): string;
  block(chainId: number, height: bigint): string;
  replicaPrefix(): string;
  replica(id: string): string;
  handoff(chainId: number): string;
}

/** The key layout under `namespace` (e.g. `/superchain/<hub chain id>/<registry address>/`). */
export function replicationKeys(namespace: string): ReplicationKeys {
  const root = namespace.endsWith("/") ? namespace : `${namespace}/`;
  return {
    namespace: root,
    pendingPrefix: (chainId) => (chainId === undefined ? `${root}pending/` : `${root}pending/${chainId}/`),
    // Nonces zero-padded to uint64 width so a prefix range lists a sender's slots in nonce order.
    pending: (chainId, sender, nonce) => `${root}pending/${chainId}/${sender.toLowerCase()}/${nonce.toString().padStart(HEIGHT_DIGITS, "0")}`,
    leaderPrefix: () => `${root}leader/`,
    leader: (chainId) => `${root}leader/${chainId}`,
    blockPrefix: (chainId) => `${root}block/${chainId}/`,
    block: (chainId, height) => `${root}block/${chainId}/${height.toString().padStart(HEIGHT_DIGITS, "0")}`,
    replicaPrefix: () => `${root}replica/`,
    replica: (id) => `${root}replica/${id}`,
    handoff: (chainId) => `${root}handoff/${chainId}`,
  };
}

/** The chain id in a `leader/<chainId>` or `handoff/<chainId>` key. */
export function chainIdOfKey(key: string): number {
  return Number(key.slice(key.lastIndexOf("/") + 1));
}
