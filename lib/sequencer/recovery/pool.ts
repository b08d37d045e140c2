import { availableParallelism } from "node:os";

import { Piscina } from "piscina";
import type { Address, Hex } from "viem";

import { compareBids, type AdmissionBid } from "../admissionQueue.ts";
import { Heap } from "../mempool/heap.ts";
import { packRecoveryTask, type RecoveryOutcome, type RecoveryTask, type RecoveryWorkerData } from "./batch.ts";
import { RecoveryOptionsError, RecoveryUnavailableError, SenderNotRecoveredError } from "./errors.ts";

export interface RecoveryPoolOptions {
  /** Worker threads; one per core by default. */
  size?: number;
  /**
   * The worker threads' niceness on Linux (0–19; 0 by default: the process's priority). The
   * sequencer runs them at {@link DEFAULT_RECOVERY_NICENESS} so that a flood's recovery yields the
   * CPU to block building and to the execution client.
   */
  niceness?: number;
  /** The worker module (default export: {@link RecoveryTask} → {@link RecoveryOutcome}s, in order); `./worker.ts` by default. */
  worker?: URL;
  log?: (event: string, fields: Record<string, unknown>) => void;
}

/** Who signed a transaction, and its hash (computed where its bytes already are). */
export interface RecoveredSender {
  sender: Address;
  hash: Hex;
}

const MAX_THREADS = 256;

/** The sequencer's recovery niceness: measured on the flood benchmark (see the README). */
export const DEFAULT_RECOVERY_NICENESS = 10;

/** Tasks per worker handed to piscina at once: one running, one ready to start when it ends. */
const TASKS_PER_THREAD = 2;
/**
 * Most transactions in one task. Bounds how much already-dispatched work a better bid can wait
 * behind (2 tasks of 16 per thread: ~3 ms of recovery on a free core, measured on the flood case:
 * 32 gave an honest acknowledgement p99 of 45 ms under the flood, 16 gave 33 ms) while keeping a task's
 * messaging a few µs per transaction.
 */
const MAX_TASK = 16;

interface Request {
  raw: Hex;
  /** What the transaction pays (see AdmissionBid); none: after every bid. */
  bid: AdmissionBid | undefined;
  /** Arrival order: the tie-break. */
  order: number;
  resolve: (recovered: RecoveredSender) => void;
  reject: (error: Error) => void;
}

/** True when `a` is recovered before `b`: the better bid, then the earlier. */
function first(a: Request, b: Request): boolean {
  if (a.bid && b.bid) {
    const byBid = compareBids(a.bid, b.bid);
    if (byBid !== 0) return byBid < 0;
  } else if (a.bid || b.bid) return a.bid !== undefined;
  return a.order < b.order;
}

/**
 * Recovers transaction senders on a piscina pool of worker threads (one per core by default):
 * signature recovery is the costliest step of admission, and on the main thread it would cap the
 * RPC at one core. Requests wait here, best bid first, and go to the workers as tasks of up to
 * {@link MAX_TASK} transactions, their bytes packed into one buffer that moves to the worker
 * without a copy (a task per transaction would spend more on messaging than on recovery). At most
 * two tasks per worker are handed over at once, so under a flood a transaction that pays more —
 * or, between equal payers, comes first in its JSON-RPC batch — waits for a few dozen recoveries,
 * not for every one queued before it.
 *
 * A worker that dies (exits, throws outside its task, is terminated) is replaced by piscina, and
 * every request of the batch it held is answered — see {@link RecoveryPool.recover}. The
 * constructor throws {@link RecoveryOptionsError} for a size or niceness out of range.
 *
 * @example
 * const pool = new RecoveryPool({ size: 2 });
 * const { sender, hash } = await pool.recover(raw);
 * await pool.close();
 */
export class RecoveryPool {
  readonly #piscina: Piscina<RecoveryTask, RecoveryOutcome[]>;
  readonly #size: number;
  readonly #log: RecoveryPoolOptions["log"];
  /** Every request not yet answered, so that close() can answer them. */
  readonly #unanswered = new Set<Request>();
  /** Requests not yet handed to a worker. */
  readonly #waiting = new Heap<Request>(first);
  #tasks = 0;
  #order = 0;
  #dispatchScheduled = false;
  #closed = false;

  constructor({ size = availableParallelism(), niceness = 0, worker = new URL("./worker.ts", import.meta.url), log }: RecoveryPoolOptions = {}) {
    if (!Number.isSafeInteger(size) || size < 1 || size > MAX_THREADS) throw new RecoveryOptionsError("size", size, `an integer from 1 to ${MAX_THREADS}`);
    if (!Number.isSafeInteger(niceness) || niceness < 0 || niceness > 19) throw new RecoveryOptionsError("niceness", niceness, "an integer from 0 to 19");
    this.#size = size;
    this.#log = log;
    this.#piscina = new Piscina({
      filename: worker.href,
      minThreads: this.#size,
      maxThreads: this.#size,
      execArgv: ["--disable-warning=ExperimentalWarning"],
      workerData: { niceness } satisfies RecoveryWorkerData,
    });
    // A worker dying while idle has no task to fail; piscina replaces it and reports it here
    // (unheard, the event would throw on this thread).
    this.#piscina.on("error", (error: unknown) => this.#log?.("recovery-worker-died", { err: error, idle: true }));
  }

  /**
   * The address that signed `raw`, and its hash. Rejects with {@link SenderNotRecoveredError} when it names no
   * sender (not a transaction, or a signature that recovers to nothing), and with
   * {@link RecoveryUnavailableError} when recovery could not run: the pool is closed, or the
   * worker recovering it died on the retry too.
   *
   * A batch whose worker died is retried once, one task per transaction. Recovery is pure, so
   * running it again is safe; a worker killed from outside (terminated, out of memory) then costs
   * the senders nothing, and an input that kills its worker takes down only itself on the retry,
   * not the whole turn's batch. What dies again is not refused as `badSignature` — nobody knows
   * the signature is bad, only that it could not be checked — but answered as an internal error.
   */
  recover(raw: Hex, bid?: AdmissionBid): Promise<RecoveredSender> {
    if (this.#closed) return Promise.reject(new RecoveryUnavailableError("closed"));
    return new Promise((resolve, reject) => {
      const request = { raw, bid, order: this.#order++, resolve, reject };
      this.#unanswered.add(request);
      this.#waiting.push(request);
      // Once per turn of the event loop: what arrives together is split over the free workers together.
      if (!this.#dispatchScheduled) {
        this.#dispatchScheduled = true;
        setImmediate(() => {
          this.#dispatchScheduled = false;
          this.#dispatch();
        });
      }
    });
  }

  /** Rejects every unanswered request with {@link RecoveryUnavailableError}, then stops the workers. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    const closed = new RecoveryUnavailableError("closed");
    for (const request of this.#unanswered) request.reject(closed);
    this.#unanswered.clear();
    while (this.#waiting.pop());
    await this.#piscina.destroy();
  }

  /** Hands the best waiting requests to the workers, split evenly over the free task slots. */
  #dispatch() {
    if (this.#closed) return;
    const slots = this.#size * TASKS_PER_THREAD - this.#tasks;
    if (slots <= 0 || this.#waiting.size === 0) return;
    const share = Math.min(MAX_TASK, Math.ceil(this.#waiting.size / slots));
    for (let slot = 0; slot < slots && this.#waiting.size > 0; slot++) {
      const batch: Request[] = [];
      while (batch.length < share && this.#waiting.size > 0) batch.push(this.#waiting.pop()!);
      this.#tasks++;
      void this.#run(batch, true).finally(() => {
        this.#tasks--;
        this.#dispatch();
      });
    }
  }

  /** Runs one task; never rejects: a request it cannot answer otherwise is answered as unavailable. */
  async #run(batch: Request[], retry: boolean): Promise<void> {
    try {
      await this.#runTask(batch, retry);
    } catch (error) {
      for (const request of batch) this.#answer(request, new RecoveryUnavailableError("workerDied", error));
    }
  }

  async #runTask(batch: Request[], retry: boolean): Promise<void> {
    let outcomes: RecoveryOutcome[];
    try {
      const task = packRecoveryTask(batch.map(({ raw }) => raw));
      outcomes = await this.#piscina.run(task, { transferList: [task.bytes, task.ends] });
    } catch (error) {
      if (this.#closed) return; // close() answered them
      this.#log?.("recovery-worker-died", { err: error, batch: batch.length, retry });
      if (retry) for (const request of batch) void this.#run([request], false);
      else for (const request of batch) this.#answer(request, new RecoveryUnavailableError("workerDied", error));
      return;
    }
    batch.forEach((request, i) => {
      const outcome = outcomes[i];
      this.#answer(request, outcome && "sender" in outcome ? outcome : new SenderNotRecoveredError(outcome?.error ?? "no answer from the worker"));
    });
  }

  #answer(request: Request, answer: RecoveredSender | Error) {
    if (!this.#unanswered.delete(request)) return;
    if (answer instanceof Error) request.reject(answer);
    else request.resolve(answer);
  }
}
