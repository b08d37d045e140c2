import { performance } from "node:perf_hooks";

import type { Etcd3, Lease } from "etcd3";

import type { Logger } from "../log.ts";
import { withDeadline } from "./deadline.ts";

/** The lease is trusted only to this share of its TTL since the keepalive that renewed it was sent. */
const LEASE_SAFETY = 0.9;
/** Between attempts at a new lease while etcd does not grant one, ms. */
const RENEW_RETRY_MS = 500;

export interface ReplicaLeaseOptions {
  client: Etcd3;
  ttlSeconds: number;
  timeoutMs: number;
  /** The key the replica registers under, bound to the lease, and its value. */
  registration: { key: string; value: string };
  /** The lease was lost (etcd unreachable past its TTL): everything bound to it is gone. */
  onLost: () => void;
  /** A new lease was granted after a loss. */
  onRenewed: () => void;
  log?: Logger;
}

/**
 * A replica's etcd lease, kept alive every TTL/3 (etcd3's keepalive), with a bound on how long it
 * is surely alive by this process's monotonic clock: the send time of the last answered keepalive
 * plus 90% of the TTL. etcd can only have expired it later than that, so until then nothing bound
 * to it (the replica's leader keys) can belong to another replica. A monotonic clock keeps running
 * while the process is frozen, so a process thawed after its TTL finds its lease untrusted at once.
 * A lost lease is replaced by a new one, retried until etcd grants it.
 */
export class ReplicaLease {
  readonly #o: ReplicaLeaseOptions;
  #lease: Lease | undefined;
  #id: string | undefined;
  #validUntil = 0;
  /** Send times of keepalives not yet answered, oldest first. */
  readonly #fired: number[] = [];
  #renewing = false;
  #closed = false;

  private constructor(options: ReplicaLeaseOptions) {
    this.#o = options;
  }

  /** Grants the lease and registers the replica under it. */
  static async start(options: ReplicaLeaseOptions): Promise<ReplicaLease> {
    const lease = new ReplicaLease(options);
    await lease.#grant();
    return lease;
  }

  /** The lease id (decimal); undefined while a lost lease is being replaced. */
  get id(): string | undefined {
    return this.#id;
  }

  /** How long the lease is surely alive, ms (0: not surely). */
  validForMs(): number {
    return Math.max(0, this.#validUntil - performance.now());
  }

  /** Revokes the lease: every key bound to it goes at once. */
  async close(): Promise<void> {
    this.#closed = true;
    await this.#lease?.revoke().catch(() => undefined);
  }

  async #grant(): Promise<void> {
    const lease = this.#o.client.lease(this.#o.ttlSeconds);
    const requested = performance.now();
    let id: string;
    try {
      id = await withDeadline(lease.grant(), this.#o.timeoutMs);
      await withDeadline(lease.put(this.#o.registration.key).value(this.#o.registration.value).exec(), this.#o.timeoutMs);
    } catch (error) {
      void lease.revoke().catch(() => undefined); // a grant that lands late must not live on
      throw error;
    }
    const ttlMs = this.#o.ttlSeconds * 1000 * LEASE_SAFETY;
    this.#fired.length = 0;
    this.#validUntil = requested + ttlMs;
    lease.on("keepaliveFired", () => this.#fired.push(performance.now()));
    // A broken keepalive stream's requests are never answered: later answers belong to later requests.
    lease.on("keepaliveFailed", () => (this.#fired.length = 0));
    lease.on("keepaliveEstablished", () => (this.#fired.length = 0));
    lease.on("keepaliveSucceeded", () => {
      const sent = this.#fired.shift();
      if (sent !== undefined && this.#lease === lease) this.#validUntil = Math.max(this.#validUntil, sent + ttlMs);
    });
    lease.on("lost", (error) => {
      if (this.#closed || this.#lease !== lease) return;
      this.#o.log?.error("lease-lost", { err: error });
      this.#validUntil = 0;
      this.#id = undefined;
      this.#lease = undefined;
      this.#o.onLost();
      void this.#renew();
    });
    this.#lease = lease;
    this.#id = id;
  }

  /** A new lease after the old one was lost, retried until etcd grants it; one renewal at a time. */
  async #renew(): Promise<void> {
    if (this.#renewing) return;
    this.#renewing = true;
    try {
      while (!this.#closed) {
        try {
          await this.#grant();
          this.#o.onRenewed();
          return;
        } catch (error) {
          this.#o.log?.warn("lease-renewal-failed", { err: error });
          await new Promise((resolve) => setTimeout(resolve, RENEW_RETRY_MS));
        }
      }
    } finally {
      this.#renewing = false;
    }
  }
}
