import { performance } from "node:perf_hooks";

import type { Etcd3, IKeyValue, ITxnResponse, Watcher } from "etcd3";
import type { Hash } from "viem";

import type { Logger } from "../log.ts";
import { withDeadline } from "./deadline.ts";
import { HeightBuiltError, NotLeaderError, ReplicationControlError, ReplicationUnavailableError } from "./errors.ts";
import { HeightClaims } from "./heights.ts";
import { ReplicaLease } from "./lease.ts";
import { chainIdOfKey, type ReplicationKeys } from "./keys.ts";

/** A replica as the others see it (`replica/<id>`, alive while its lease is). */
export interface ReplicaInfo {
  id: string;
  rpcUrl: string;
  adminUrl?: string;
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
  /**
   * Resolves once the chain's block in progress (if any) is over: a replica that resigns waits
   * for it before its key goes, so the next leader never reads a head about to move.
   */
  settled?: (chainId: number) => Promise<void>;
  /** etcd requests fail after this long, ms (default 2,000). */
  requestTimeoutMs?: number;
  log?: Logger;
}

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
  #lease: ReplicaLease | undefined;
  readonly #heights: HeightClaims;
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
  /** Chains this replica gave up as unhealthy: not campaigned for again before this time (performance.now). */
  readonly #cooldowns = new Map<number, number>();
  readonly #acquiring = new Set<number>();

  private constructor(options: LeadershipOptions) {
    this.#o = options;
    this.#ttl = options.ttlSeconds ?? 3;
    this.#timeoutMs = options.requestTimeoutMs ?? 2_000;
    this.#heights = new HeightClaims({ client: options.client, keys: options.keys, replicaId: options.replica.id, timeoutMs: this.#timeoutMs, log: options.log });
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


  /** This replica's part of the health report (`replication`). */
  health(): { replicaId: string; etcdReachable: boolean; leaseTtlSeconds: number; leaseValidForMs: number; paused: boolean; members: Array<{ id: string; rpcUrl: string }>; leaderChanges: number } {
    const validForMs = Math.round(this.#lease?.validForMs() ?? 0);
    return {
      replicaId: this.replicaId,
      etcdReachable: this.#lease?.id !== undefined && validForMs > 0,
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
    return this.#terms.has(chainId) && (this.#lease?.validForMs() ?? 0) > 0;
  }

  /** Every chain's leader (a replica id), as etcd last said; undefined where none leads. */
  leaders(): Map<number, string | undefined> {
    return new Map(this.#o.chains.map((chainId) => [chainId, this.#leaders.get(chainId)?.replica]));
  }

  /** The live replica other than this one leading the fewest chains (ties by id), leaving `chainId` aside. */
  leastLoadedMember(chainId?: number): { id: string; leads: number } | undefined {
    const load = new Map([...this.#members.keys()].filter((id) => id !== this.replicaId).map((id) => [id, 0]));
    for (const [other, { replica }] of this.#leaders) if (other !== chainId && load.has(replica)) load.set(replica, load.get(replica)! + 1);
    const [best] = [...load].sort((a, b) => a[1] - b[1] || a[0].localeCompare(b[0]));
    return best && { id: best[0], leads: best[1] };
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
    if ((this.#lease?.validForMs() ?? 0) <= 0) {
      // Its key may outlive the doubt (the lease renewed late): let it go, or no one else could campaign.
      void this.resign(chainId).catch((error: unknown) => this.#o.log?.warn("resign-failed", { chainId, err: error }));
      throw new NotLeaderError({ chainId, reason: "its lease may have expired (not renewed in time)" });
    }
  }

  /**
   * Claims `height` of the chain for this replica: a compare-and-swap that succeeds only while
   * this replica's term is current and no live term claimed the height (see {@link HeightClaims}).
   *
   * @throws {NotLeaderError} when this replica's term is over.
   * @throws {HeightBuiltError} when the height was built already (a stale head: the next tick rereads it).
   * @throws {ReplicationUnavailableError} when etcd does not answer (a temporary fault).
   */
  async claim(chainId: number, height: bigint): Promise<void> {
    const term = this.#termOf(chainId);
    let outcome: Awaited<ReturnType<HeightClaims["claim"]>>;
    try {
      outcome = await this.#heights.claim(chainId, height, term);
    } catch (error) {
      if (error instanceof NotLeaderError || error instanceof HeightBuiltError) throw error;
      throw new ReplicationUnavailableError({ operation: `claim height ${height} of chain ${chainId}`, cause: error });
    }
    if (outcome === "termOver") {
      this.#stepDown(chainId, "term over");
      throw new NotLeaderError({ chainId, reason: "its term ended (another replica leads, or its lease expired)" });
    }
  }

  /** Records what this replica built at `height` (the block log every replica and test can read). */
  recordBuilt(chainId: number, height: bigint, block: { hash: Hash; transactions: number }): Promise<void> {
    return this.#heights.recordBuilt(chainId, height, block);
  }

  /** The chain's block records from `fromHeight` on (claims and builds), by height. */
  blockRecords(chainId: number, fromHeight = 0n): ReturnType<HeightClaims["records"]> {
    return this.#heights.records(chainId, fromHeight);
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
    // Known here before the resignation: this replica's watches may deliver its own key's delete
    // before the handoff's put, and it must not campaign for the chain it just handed over.
    this.#handoffs.set(chainId, target);
    await this.resign(chainId);
  }

  /** Stops leading the chain now (its key is deleted only if this term still holds it). */
  async resign(chainId: number): Promise<void> {
    const term = this.#terms.get(chainId);
    if (term === undefined) return;
    this.#stepDown(chainId, "resigned");
    await this.#o.settled?.(chainId);
    await this.#release(chainId, term);
  }

  /** Deletes the chain's leader key if it is still the one of `term`. */
  async #release(chainId: number, term: bigint): Promise<void> {
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
    await this.#lease?.close();
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
    this.#lease = await ReplicaLease.start({
      client: this.#o.client,
      ttlSeconds: this.#ttl,
      timeoutMs: this.#timeoutMs,
      registration: { key: this.#o.keys.replica(this.replicaId), value: JSON.stringify(this.#o.replica) },
      onLost: () => {
        for (const chainId of [...this.#terms.keys()]) this.#stepDown(chainId, "lease lost");
      },
      onRenewed: () => this.#scheduleCampaign(0),
      ...(this.#o.log ? { log: this.#o.log } : {}),
    });
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

  #sawLeader(kv: IKeyValue): void {
    const chainId = chainIdOfKey(kv.key.toString());
    let replica: string;
    try {
      ({ replica } = JSON.parse(kv.value.toString()) as { replica: string });
    } catch {
      this.#o.log?.error("leader-key-unreadable", { key: kv.key.toString() });
      return;
    }
    const term = BigInt(kv.create_revision);
    this.#leaders.set(chainId, { replica, term });
    const mine = this.#terms.get(chainId);
    if (mine !== undefined && mine !== term) this.#stepDown(chainId, `replica ${replica} took over`);
    // Ours, but not held: an acquisition that timed out yet committed, or was retried. Let it go.
    if (replica === this.replicaId && mine === undefined && !this.#acquiring.has(chainId)) {
      void this.#release(chainId, term).catch((error: unknown) => this.#o.log?.warn("release-failed", { chainId, err: error }));
    }
  }

  #sawMember(kv: IKeyValue): void {
    try {
      const info = JSON.parse(kv.value.toString()) as ReplicaInfo;
      if (typeof info.id === "string" && typeof info.rpcUrl === "string") this.#members.set(info.id, info);
    } catch {
      this.#o.log?.error("replica-key-unreadable", { key: kv.key.toString() });
    }
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
          // Given up as unhealthy: another replica gets the chain before this one tries again.
          if (!healthy) this.#cooldowns.set(chainId, performance.now() + 2 * this.#ttl * 1000);
          await this.resign(chainId);
          continue;
        }
        if (leads || this.#paused || !healthy || this.#lease?.id === undefined || this.#leaders.has(chainId)) continue;
        if ((this.#cooldowns.get(chainId) ?? 0) > performance.now()) continue;
        const handoff = this.#handoffs.get(chainId);
        if (handoff !== undefined && handoff !== this.replicaId) continue;
        // One chain per round: the other replicas get their turn at the rest.
        if (await this.#acquire(chainId)) {
          next = SPREAD_MS;
          break;
        }
      }
      if (next !== SPREAD_MS) await this.#rebalance();
    } catch (error) {
      this.#o.log?.warn("campaign-failed", { replica: this.replicaId, err: error });
    } finally {
      this.#campaigning = false;
      this.#scheduleCampaign(next);
    }
  }

  /**
   * Hands one chain to the least loaded live replica when this one leads more than its share
   * (the chains over the live replicas, rounded up) and every chain has a leader: a shared
   * sequencer's chains spread over its replicas as they join.
   */
  async #rebalance(): Promise<void> {
    if (this.#paused || this.#members.size < 2 || this.#o.chains.some((chainId) => !this.#leaders.has(chainId))) return;
    const mine = [...this.#terms.keys()];
    const share = Math.ceil(this.#o.chains.length / this.#members.size);
    if (mine.length <= share) return;
    const chainId = mine[mine.length - 1]!;
    const target = this.leastLoadedMember(chainId);
    if (!target || target.leads + 1 >= mine.length) return;
    this.#o.log?.info("rebalancing", { chainId, from: this.replicaId, to: target.id });
    await this.transfer(chainId, target.id);
  }

  async #acquire(chainId: number): Promise<boolean> {
    const key = Buffer.from(this.#o.keys.leader(chainId));
    const leaseId = this.#lease?.id;
    if (leaseId === undefined) return false;
    this.#acquiring.add(chainId);
    let answer: ITxnResponse;
    try {
      answer = await withDeadline(
        this.#o.client.kv.txn({
          compare: [{ key, target: "Create", result: "Equal", create_revision: 0 }],
          success: [{ request_put: { key, value: Buffer.from(JSON.stringify({ replica: this.replicaId })), lease: leaseId } }],
        }),
        this.#timeoutMs,
      );
    } finally {
      this.#acquiring.delete(chainId);
    }
    if (!answer.succeeded) return false;
    const term = BigInt(answer.header.revision);
    if (this.#lease?.id !== leaseId) {
      // The lease was lost while this was in flight: the key dies with it; nothing to lead on.
      await this.#release(chainId, term).catch(() => undefined);
      return false;
    }
    this.#terms.set(chainId, term);
    this.#leaders.set(chainId, { replica: this.replicaId, term });
    this.#leaderChanges += 1;
    if (this.#handoffs.get(chainId) === this.replicaId) await this.#o.client.delete().key(this.#o.keys.handoff(chainId)).exec().catch(() => undefined);
    this.#o.log?.info("leadership-acquired", { chainId, replica: this.replicaId, term: term.toString() });
    this.#o.onChange?.(chainId, true);
    return true;
  }
}
