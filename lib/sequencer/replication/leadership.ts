import { performance } from "node:perf_hooks";

import type { Etcd3, IKeyValue, Lease, Watcher } from "etcd3";
import type { Hash } from "viem";

import type { Logger } from "../log.ts";
import { withDeadline } from "./etcdStore.ts";
import { NotLeaderError, ReplicationControlError } from "./errors.ts";
import { chainIdOfKey, type ReplicationKeys } from "./keys.ts";

/** A replica as the others see it (`replica/<id>`, alive while its lease is). */
export interface ReplicaInfo {
  id: string;
  rpcUrl: string;
  adminUrl?: string;
}

/** Who builds one height: its claim, then what was built. */
export interface BlockRecord {
  replica: string;
  term: string;
  state: "claimed" | "built";
  hash?: Hash;
  transactions?: number;
}

export interface LeadershipOptions {
  client: Etcd3;
  keys: ReplicationKeys;
  replica: ReplicaInfo;
  chains: readonly number[];
  /** Lease TTL, s (default 3): a dead leader's chains move after at most this long. */
  ttlSeconds?: number;
  /** Whether this replica may lead the chain now (engine and configuration answer, not halted). */
  healthy: (chainId: number) => boolean;
  /** Told when this replica starts or stops leading a chain. */
  onChange?: (chainId: number, leading: boolean) => void;
  /** etcd requests fail after this long, ms (default 2,000). */
  requestTimeoutMs?: number;
  log?: Logger;
}

/** Block records kept per chain (older heights are deleted as new ones are recorded). */
const BLOCK_RECORDS_KEPT = 10_000n;
/** The lease is trusted only to this share of its TTL since the keepalive that renewed it was sent. */
const LEASE_SAFETY = 0.9;
/** A replica leading k chains waits k × this before campaigning, so chains spread over the replicas. */
const SPREAD_MS = 150;

/**
 * One replica's part in the per-chain leader elections of a replicated sequencer, on etcd:
 *
 * - The replica holds one lease (kept alive every TTL/3) and registers under `replica/<id>`.
 * - A chain's leader holds `leader/<chainId>`, created only if absent and bound to the lease; the
 *   key's create revision is the leader's term. A dead or frozen leader's key goes with its lease.
 * - Healthy replicas campaign when a chain has no leader; one that already leads chains waits a
 *   little longer, so the chains spread over the replicas. A leader that turns unhealthy resigns.
 * - Before building a height the leader claims it with a compare-and-swap that also checks its
 *   term ({@link ReplicaLeadership.claim}); and just before handing the block to the engine it
 *   checks that its lease is still surely alive by its own monotonic clock
 *   ({@link ReplicaLeadership.assertLeading}), so a leader frozen past its lease builds nothing.
 */
export class ReplicaLeadership {
  readonly #o: LeadershipOptions;
  readonly #ttl: number;
  readonly #timeoutMs: number;
  #lease: Lease | undefined;
  #leaseId: string | undefined;
  /** Until when (performance.now) the lease is surely alive. */
  #validUntil = 0;
  readonly #fired: number[] = [];
  /** Every chain's leader as etcd says: replica id and term (the key's create revision). */
  readonly #leaders = new Map<number, { replica: string; term: bigint }>();
  readonly #members = new Map<string, ReplicaInfo>();
  readonly #handoffs = new Map<number, string>();
  /** The chains this replica leads, with its term on each. */
  readonly #terms = new Map<number, bigint>();
  #watchers: Watcher[] = [];
  #timer: NodeJS.Timeout | undefined;
  #paused = false;
  #closed = false;
  #campaigning = false;
  #leaderChanges = 0;

  private constructor(options: LeadershipOptions) {
    this.#o = options;
    this.#ttl = options.ttlSeconds ?? 3;
    this.#timeoutMs = options.requestTimeoutMs ?? 2_000;
  }

  static async start(options: LeadershipOptions): Promise<ReplicaLeadership> {
    const leadership = new ReplicaLeadership(options);
    await leadership.#open();
    return leadership;
  }

  get replicaId(): string {
    return this.#o.replica.id;
  }

  get ttlSeconds(): number {
    return this.#ttl;
  }

  get paused(): boolean {
    return this.#paused;
  }

  /** The lease's id (decimal) and how long it is surely valid, ms; none while it is being renewed. */
  lease(): { id: string; validForMs: number } | undefined {
    return this.#leaseId === undefined ? undefined : { id: this.#leaseId, validForMs: Math.max(0, Math.round(this.#validUntil - performance.now())) };
  }

  /** This replica's part of the health report (`replication`). */
  health(): { replicaId: string; etcdReachable: boolean; leaseTtlSeconds: number; leaseValidForMs: number; paused: boolean; members: Array<{ id: string; rpcUrl: string }>; leaderChanges: number } {
    const validForMs = Math.max(0, Math.round(this.#validUntil - performance.now()));
    return {
      replicaId: this.replicaId,
      etcdReachable: this.#leaseId !== undefined && validForMs > 0,
      leaseTtlSeconds: this.#ttl,
      leaseValidForMs: validForMs,
      paused: this.#paused,
      members: this.members().map(({ id, rpcUrl }) => ({ id, rpcUrl })),
      leaderChanges: this.#leaderChanges,
    };
  }

  /** How many times this replica started or stopped leading a chain. */
  get leaderChanges(): number {
    return this.#leaderChanges;
  }

  /** Whether this replica leads the chain, as far as it knows (see {@link assertLeading} before acting). */
  leads(chainId: number): boolean {
    return this.#terms.has(chainId) && performance.now() < this.#validUntil;
  }

  /** Every chain's leader (a replica id), as etcd last said; undefined where none leads. */
  leaders(): Map<number, string | undefined> {
    return new Map(this.#o.chains.map((chainId) => [chainId, this.#leaders.get(chainId)?.replica]));
  }

  /** The live replicas. */
  members(): ReplicaInfo[] {
    return [...this.#members.values()].sort((a, b) => a.id.localeCompare(b.id));
  }

  /**
   * Throws unless this replica leads the chain with a lease it can still trust: called right
   * before an irreversible step (handing a block to the engine), synchronously.
   *
   * @throws {NotLeaderError}
   */
  assertLeading(chainId: number): void {
    if (!this.#terms.has(chainId)) throw new NotLeaderError({ chainId, reason: "another replica leads it, or none" });
    if (performance.now() >= this.#validUntil) {
      this.#stepDown(chainId, "lease not renewed in time");
      throw new NotLeaderError({ chainId, reason: "its lease may have expired (not renewed in time)" });
    }
  }

  /**
   * Claims `height` of the chain for this replica: a compare-and-swap that succeeds only while
   * this replica's term is current and no live term claimed the height. A claim left by an
   * earlier term (a leader that died before building) is taken over.
   *
   * @throws {NotLeaderError} when this replica's term is over.
   */
  async claim(chainId: number, height: bigint): Promise<void> {
    const term = this.#termOf(chainId);
    const key = this.#o.keys.block(chainId, height);
    const record: BlockRecord = { replica: this.replicaId, term: term.toString(), state: "claimed" };
    const leaderCompare = { key: Buffer.from(this.#o.keys.leader(chainId)), target: "Create" as const, result: "Equal" as const, create_revision: term.toString() };
    const attempt = (blockCompare: { target: "Create"; create_revision: string } | { target: "Mod"; mod_revision: string }) =>
      withDeadline(
        this.#o.client.kv.txn({
          compare: [leaderCompare, { key: Buffer.from(key), result: "Equal", ...blockCompare }],
          success: [{ request_put: { key: Buffer.from(key), value: Buffer.from(JSON.stringify(record)) } }],
          failure: [{ request_range: { key: Buffer.from(this.#o.keys.leader(chainId)) } }, { request_range: { key: Buffer.from(key) } }],
        }),
        this.#timeoutMs,
      );
    let answer = await attempt({ target: "Create", create_revision: "0" });
    if (answer.succeeded) return;
    const leaderKv = answer.responses[0]?.response_range?.kvs[0];
    if (!leaderKv || BigInt(leaderKv.create_revision) !== term) {
      this.#stepDown(chainId, "term over");
      throw new NotLeaderError({ chainId, reason: "its term ended (another replica leads, or its lease expired)" });
    }
    const claimKv = answer.responses[1]?.response_range?.kvs[0];
    const claimed = claimKv ? (JSON.parse(claimKv.value.toString()) as BlockRecord) : undefined;
    if (claimed && BigInt(claimed.term) === term) return; // this term's own claim: a build retried
    if (claimed && BigInt(claimed.term) > term) throw new NotLeaderError({ chainId, reason: `height ${height} is claimed by a later term` });
    // An earlier term's claim that produced no block (the engine's head says so): taken over.
    answer = await attempt({ target: "Mod", mod_revision: claimKv!.mod_revision });
    if (!answer.succeeded) throw new NotLeaderError({ chainId, reason: `height ${height} was claimed concurrently` });
    this.#o.log?.warn("claim-taken-over", { chainId, height, from: claimed?.replica, term: term.toString() });
  }

  /** Records what this replica built at `height` (the block log every replica and test can read). */
  async recordBuilt(chainId: number, height: bigint, block: { hash: Hash; transactions: number }): Promise<void> {
    const term = this.#terms.get(chainId);
    const record: BlockRecord = { replica: this.replicaId, term: (term ?? 0n).toString(), state: "built", hash: block.hash, transactions: block.transactions };
    const ops = [{ request_put: { key: Buffer.from(this.#o.keys.block(chainId, height)), value: Buffer.from(JSON.stringify(record)) } }];
    if (height > BLOCK_RECORDS_KEPT) ops.push({ request_delete_range: { key: Buffer.from(this.#o.keys.block(chainId, height - BLOCK_RECORDS_KEPT)) } } as never);
    await withDeadline(this.#o.client.kv.txn({ success: ops }), this.#timeoutMs);
  }

  /** The chain's block records from `fromHeight` on (claims and builds), by height. */
  async blockRecords(chainId: number, fromHeight = 0n): Promise<Array<BlockRecord & { height: bigint }>> {
    const prefix = this.#o.keys.blockPrefix(chainId);
    const answer = await this.#o.client.getAll().prefix(prefix).exec();
    return answer.kvs
      .map((kv) => ({ height: BigInt(kv.key.toString().slice(prefix.length)), ...(JSON.parse(kv.value.toString()) as BlockRecord) }))
      .filter((record) => record.height >= fromHeight)
      .sort((a, b) => (a.height < b.height ? -1 : 1));
  }

  /**
   * Hands the chain to `target` (op-conductor's `transferLeaderToServer`): only `target` may
   * campaign for a few seconds, then this replica resigns. Transferring to oneself is a no-op.
   *
   * @throws {ReplicationControlError} when this replica does not lead the chain or `target` is not a live replica.
   */
  async transfer(chainId: number, target: string): Promise<void> {
    if (!this.#terms.has(chainId)) throw new ReplicationControlError(`This replica (${this.replicaId}) does not lead chain ${chainId}; ask its leader.`);
    if (!this.#members.has(target)) throw new ReplicationControlError(`No live replica is called ${JSON.stringify(target)}.`, { details: `Live: ${[...this.#members.keys()].join(", ")}.` });
    if (target === this.replicaId) return;
    const handoff = this.#o.client.lease(this.#ttl * 2, { autoKeepAlive: false });
    await withDeadline(handoff.put(this.#o.keys.handoff(chainId)).value(target).exec(), this.#timeoutMs);
    await this.resign(chainId);
  }

  /** Stops leading the chain now (its key is deleted only if this term still holds it). */
  async resign(chainId: number): Promise<void> {
    const term = this.#terms.get(chainId);
    if (term === undefined) return;
    this.#stepDown(chainId, "resigned");
    const key = Buffer.from(this.#o.keys.leader(chainId));
    await withDeadline(
      this.#o.client.kv.txn({ compare: [{ key, target: "Create", result: "Equal", create_revision: term.toString() }], success: [{ request_delete_range: { key } }] }),
      this.#timeoutMs,
    );
  }

  /** Resigns every chain and stops campaigning until {@link resume} (op-conductor's `pause`). */
  async pause(): Promise<void> {
    this.#paused = true;
    await Promise.all([...this.#terms.keys()].map((chainId) => this.resign(chainId)));
  }

  resume(): void {
    this.#paused = false;
    this.#scheduleCampaign(0);
  }

  /** Resigns, unregisters and revokes the lease: the other replicas take over at once. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    clearTimeout(this.#timer);
    await Promise.allSettled([...this.#terms.keys()].map((chainId) => this.resign(chainId)));
    await Promise.allSettled(this.#watchers.map((watcher) => watcher.cancel()));
    await this.#lease?.revoke().catch(() => undefined);
  }

  #termOf(chainId: number): bigint {
    this.assertLeading(chainId);
    return this.#terms.get(chainId)!;
  }

  #stepDown(chainId: number, reason: string): void {
    if (!this.#terms.delete(chainId)) return;
    this.#leaderChanges += 1;
    this.#o.log?.warn("leadership-lost", { chainId, replica: this.replicaId, reason });
    this.#o.onChange?.(chainId, false);
    this.#scheduleCampaign(SPREAD_MS);
  }

  async #open(): Promise<void> {
    await this.#grantLease();
    const { keys, client } = this.#o;
    const leaders = await client.getAll().prefix(keys.leaderPrefix()).exec();
    for (const kv of leaders.kvs) this.#sawLeader(kv);
    const members = await client.getAll().prefix(keys.replicaPrefix()).exec();
    for (const kv of members.kvs) this.#sawMember(kv);
    const from = (BigInt(leaders.header.revision) + 1n).toString();
    const leaderWatch = await client.watch().prefix(keys.leaderPrefix()).startRevision(from).create();
    leaderWatch.on("put", (kv) => this.#sawLeader(kv));
    leaderWatch.on("delete", (kv) => {
      const chainId = chainIdOfKey(kv.key.toString());
      this.#leaders.delete(chainId);
      if (this.#terms.has(chainId)) this.#stepDown(chainId, "leader key deleted");
      this.#scheduleCampaign(this.#handoffs.get(chainId) === this.replicaId ? 0 : this.#spreadDelay());
    });
    const memberWatch = await client.watch().prefix(keys.replicaPrefix()).startRevision((BigInt(members.header.revision) + 1n).toString()).create();
    memberWatch.on("put", (kv) => this.#sawMember(kv));
    memberWatch.on("delete", (kv) => this.#members.delete(kv.key.toString().slice(keys.replicaPrefix().length)));
    const handoffWatch = await client.watch().prefix(`${keys.namespace}handoff/`).create();
    handoffWatch.on("put", (kv) => this.#handoffs.set(chainIdOfKey(kv.key.toString()), kv.value.toString()));
    handoffWatch.on("delete", (kv) => {
      this.#handoffs.delete(chainIdOfKey(kv.key.toString()));
      this.#scheduleCampaign(this.#spreadDelay());
    });
    this.#watchers = [leaderWatch, memberWatch, handoffWatch];
    this.#scheduleCampaign(0);
  }

  async #grantLease(): Promise<void> {
    const lease = this.#o.client.lease(this.#ttl);
    const requested = performance.now();
    const id = await withDeadline(lease.grant(), this.#timeoutMs);
    this.#validUntil = requested + this.#ttl * 1000 * LEASE_SAFETY;
    lease.on("keepaliveFired", () => this.#fired.push(performance.now()));
    lease.on("keepaliveSucceeded", () => {
      const sent = this.#fired.shift();
      if (sent !== undefined) this.#validUntil = Math.max(this.#validUntil, sent + this.#ttl * 1000 * LEASE_SAFETY);
    });
    lease.on("lost", (error) => {
      if (this.#closed || this.#lease !== lease) return;
      this.#o.log?.error("lease-lost", { replica: this.replicaId, err: error });
      this.#validUntil = 0;
      this.#leaseId = undefined;
      for (const chainId of [...this.#terms.keys()]) this.#stepDown(chainId, "lease lost");
      void this.#renewLease();
    });
    this.#lease = lease;
    this.#leaseId = id;
    await withDeadline(lease.put(this.#o.keys.replica(this.replicaId)).value(JSON.stringify(this.#o.replica)).exec(), this.#timeoutMs);
  }

  /** A new lease after the old one was lost (etcd unreachable past the TTL), retried until it is granted. */
  async #renewLease(): Promise<void> {
    this.#fired.length = 0;
    while (!this.#closed) {
      try {
        await this.#grantLease();
        this.#scheduleCampaign(0);
        return;
      } catch (error) {
        this.#o.log?.warn("lease-renewal-failed", { replica: this.replicaId, err: error });
        await new Promise((resolve) => setTimeout(resolve, 500));
      }
    }
  }

  #sawLeader(kv: IKeyValue): void {
    const chainId = chainIdOfKey(kv.key.toString());
    const { replica } = JSON.parse(kv.value.toString()) as { replica: string };
    const term = BigInt(kv.create_revision);
    this.#leaders.set(chainId, { replica, term });
    const mine = this.#terms.get(chainId);
    if (mine !== undefined && mine !== term) this.#stepDown(chainId, `replica ${replica} took over`);
  }

  #sawMember(kv: IKeyValue): void {
    const info = JSON.parse(kv.value.toString()) as ReplicaInfo;
    this.#members.set(info.id, info);
  }

  #spreadDelay(): number {
    return SPREAD_MS * this.#terms.size;
  }

  #scheduleCampaign(delayMs: number): void {
    if (this.#closed) return;
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => void this.#campaign(), delayMs);
  }

  /** Runs for every chain without a leader that this replica may lead; then again after a while. */
  async #campaign(): Promise<void> {
    if (this.#campaigning || this.#closed) return;
    this.#campaigning = true;
    let next = Math.max(250, (this.#ttl * 1000) / 4);
    try {
      for (const chainId of this.#o.chains) {
        const leads = this.#terms.has(chainId);
        const healthy = this.#o.healthy(chainId);
        if (leads && (!healthy || this.#paused)) {
          await this.resign(chainId);
          continue;
        }
        if (leads || this.#paused || !healthy || this.#leaseId === undefined || this.#leaders.has(chainId)) continue;
        const handoff = this.#handoffs.get(chainId);
        if (handoff !== undefined && handoff !== this.replicaId) continue;
        // One chain per round: the other replicas get their turn at the rest.
        if (await this.#acquire(chainId)) {
          next = SPREAD_MS;
          break;
        }
      }
    } catch (error) {
      this.#o.log?.warn("campaign-failed", { replica: this.replicaId, err: error });
    } finally {
      this.#campaigning = false;
      this.#scheduleCampaign(next);
    }
  }

  async #acquire(chainId: number): Promise<boolean> {
    const key = Buffer.from(this.#o.keys.leader(chainId));
    const answer = await withDeadline(
      this.#o.client.kv.txn({
        compare: [{ key, target: "Create", result: "Equal", create_revision: 0 }],
        success: [{ request_put: { key, value: Buffer.from(JSON.stringify({ replica: this.replicaId })), lease: this.#leaseId! } }],
      }),
      this.#timeoutMs,
    );
    if (!answer.succeeded) return false;
    const term = BigInt(answer.header.revision);
    this.#terms.set(chainId, term);
    this.#leaders.set(chainId, { replica: this.replicaId, term });
    this.#leaderChanges += 1;
    if (this.#handoffs.get(chainId) === this.replicaId) await this.#o.client.delete().key(this.#o.keys.handoff(chainId)).exec().catch(() => undefined);
    this.#o.log?.info("leadership-acquired", { chainId, replica: this.replicaId, term: term.toString() });
    this.#o.onChange?.(chainId, true);
    return true;
  }
}
