import { availableParallelism } from "node:os";
import { resolve } from "node:path";
import { Worker } from "node:worker_threads";

import type { Address, Hex } from "viem";

const WORKER = resolve(import.meta.dirname, "worker.ts");

interface Pending {
  resolve: (address: Address) => void;
  reject: (error: Error) => void;
}

/**
 * Recovers transaction senders on worker threads (one per core by default): signature recovery
 * is the costliest step of admission, and on the main thread it would cap the RPC at one core.
 * Requests arriving in the same turn of the event loop go to a worker as one message.
 */
export class RecoveryPool {
  readonly #workers: Array<{ worker: Worker; inFlight: number }>;
  readonly #pending = new Map<number, Pending>();
  #queue: Array<{ id: number; raw: Hex }> = [];
  #nextId = 0;
  #flushScheduled = false;

  constructor(size = availableParallelism()) {
    this.#workers = Array.from({ length: Math.max(1, size) }, () => {
      const entry = { worker: new Worker(WORKER, { execArgv: ["--disable-warning=ExperimentalWarning"] }), inFlight: 0 };
      entry.worker.on("message", (results: Array<{ id: number; address?: Address; error?: string }>) => {
        entry.inFlight -= results.length;
        for (const { id, address, error } of results) {
          const pending = this.#pending.get(id);
          this.#pending.delete(id);
          if (!pending) continue;
          if (address) pending.resolve(address);
          else pending.reject(new Error(error ?? "recovery failed"));
        }
      });
      return entry;
    });
  }

  /** The address that signed `raw`; rejects when the signature recovers to nothing. */
  recover(raw: Hex): Promise<Address> {
    return new Promise((resolvePromise, reject) => {
      const id = this.#nextId++;
      this.#pending.set(id, { resolve: resolvePromise, reject });
      this.#queue.push({ id, raw });
      if (!this.#flushScheduled) {
        this.#flushScheduled = true;
        setImmediate(() => this.#flush());
      }
    });
  }

  #flush() {
    this.#flushScheduled = false;
    const queue = this.#queue;
    this.#queue = [];
    // Split the turn's requests evenly over the workers, least busy first.
    const workers = [...this.#workers].sort((a, b) => a.inFlight - b.inFlight);
    const share = Math.ceil(queue.length / workers.length);
    workers.forEach((entry, w) => {
      const batch = queue.slice(w * share, (w + 1) * share);
      if (batch.length === 0) return;
      entry.inFlight += batch.length;
      entry.worker.postMessage(batch);
    });
  }

  async close(): Promise<void> {
    await Promise.all(this.#workers.map(({ worker }) => worker.terminate()));
    for (const pending of this.#pending.values()) pending.reject(new Error("recovery pool closed"));
    this.#pending.clear();
  }
}
