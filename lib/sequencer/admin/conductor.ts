/**
 * The replica controls of the admin RPC, after op-conductor's `conductor_*` API, per member chain
 * (a shared sequencer's replicas each lead some of the chains):
 *
 *   conductor_leader(chainId) → whether this replica leads the chain
 *   conductor_leaderWithID(chainId) → { id, rpcUrl } of the chain's leader, or null
 *   conductor_transferLeader(chainId) → null (to the live replica leading the fewest chains)
 *   conductor_transferLeaderToServer(chainId, replicaId) → null
 *   conductor_pause() / conductor_resume() → null (resign every chain and stop campaigning / campaign again)
 *   conductor_paused() → boolean; conductor_active() → whether it campaigns
 *   conductor_clusterMembership() → { members: [{ id, rpcUrl }], leaders: { "<chainId>": id | null } }
 *
 * A transfer is asked of the chain's leader; any other replica refuses it and names the leader.
 */
import type { ReplicaLeadership } from "../replication/leadership.ts";
import { ReplicationControlError } from "../replication/errors.ts";
import { failure, success, type RpcResponse, type ValidRpcRequest } from "../rpc/http.ts";

export const CONDUCTOR_RPC_METHODS = [
  "conductor_leader",
  "conductor_leaderWithID",
  "conductor_transferLeader",
  "conductor_transferLeaderToServer",
  "conductor_pause",
  "conductor_resume",
  "conductor_paused",
  "conductor_active",
  "conductor_clusterMembership",
] as const;

const REPLICA_ID = /^[A-Za-z0-9._-]{1,64}$/;

/** Answers a `conductor_*` call; `chainIdOf` parses params[0] as one of the sequenced chains. */
export async function handleConductor(
  leadership: ReplicaLeadership | undefined,
  { id, method, params }: ValidRpcRequest,
  chainIdOf: (value: unknown) => number | undefined,
): Promise<RpcResponse> {
  if (!leadership) return failure(id, -32601, `${method} is only served by a replica (sequencer start --etcd … --replica-id …)`);
  switch (method) {
    case "conductor_pause":
      await leadership.pause();
      return success(id, null);
    case "conductor_resume":
      leadership.resume();
      return success(id, null);
    case "conductor_paused":
      return success(id, leadership.paused);
    case "conductor_active":
      return success(id, !leadership.paused);
    case "conductor_clusterMembership":
      return success(id, {
        members: leadership.members().map(({ id: replica, rpcUrl }) => ({ id: replica, rpcUrl })),
        leaders: Object.fromEntries([...leadership.leaders()].map(([chainId, leader]) => [chainId, leader ?? null])),
      });
  }
  const chainId = chainIdOf(params[0]);
  if (chainId === undefined) return failure(id, -32602, `params[0] must be a sequenced chain id: ${[...leadership.leaders().keys()].join(", ")}`);
  switch (method) {
    case "conductor_leader":
      return success(id, leadership.leads(chainId));
    case "conductor_leaderWithID": {
      const leader = leadership.leaders().get(chainId);
      const member = leader === undefined ? undefined : leadership.members().find((info) => info.id === leader);
      return success(id, leader === undefined ? null : { id: leader, rpcUrl: member?.rpcUrl ?? null });
    }
    case "conductor_transferLeader": {
      const target = leadership.leastLoadedMember(chainId);
      if (!target) throw new ReplicationControlError(`No other live replica can take chain ${chainId}.`);
      await leadership.transfer(chainId, target.id);
      return success(id, null);
    }
    default: {
      const target = params[1];
      if (typeof target !== "string" || !REPLICA_ID.test(target)) return failure(id, -32602, "params[1] must be a replica id (1 to 64 letters, digits, '.', '_' or '-')");
      await leadership.transfer(chainId, target);
      return success(id, null);
    }
  }
}
