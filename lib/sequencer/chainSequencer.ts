import type { Address, Hash, Hex } from "viem";

import { createAdmission } from "./admission.ts";
import type { GovernedConfig } from "./config/governedConfig.ts";
import type { BuiltBlock } from "./engine/types.ts";
import { SequencerControlError, TransactionRejectedError } from "./errors.ts";
import { systemClock, type SequencerClock } from "./clock.ts";
import { EngineResyncError } from "./engine/errors.ts";
import { ConfigUnavailableError, FailureCount, faultMessage, type Fault } from "./faults.ts";
import { checkTxpoolOptions, Mempool } from "./mempool/index.ts";
import { noopSequencerMetrics, type SequencerMetrics } from "./metrics/index.ts";
import { PoolKeeper } from "./poolKeeper.ts";
import { NotLeaderError } from "./replication/errors.ts";
import { admitted } from "./mempool/Mempool.ts";
import type { PendingTransaction } from "./types.ts";

import type { ChainSequencerOptions, ChainStatus } from "./chainOptions.ts";

export type { ChainSequencerOptions, ChainStatus };

/** A replicated leader pools whatever the log holds that its pool missed, every this many blocks. */
const RECONCILE_EVERY_BLOCKS = 10;

/**
 * One member chain's sequencing loop: on each tick of the governed block time it reads the
 * configuration in force at the next block's timestamp, selects transactions by the governed
 * policy and limits, and has the engine build exactly that block. Block timestamps follow chain
 * time: the previous block's plus the block time (re-anchored when the chain's clock jumps, as
 * after `devnet time advance`).
 */
export class ChainSequencer {
  readonly chainId: number;
  readonly name: string;
  readonly mempool: Mempool;
  readonly admit: (raw: unknown) => Promise<Hex>;
  readonly #options: ChainSequencerOptions;
  readonly #metrics: SequencerMetrics;
  readonly #keeper: PoolKeeper;
  #status: ChainStatus;
  #lastBlockMs = 0n;
  readonly #clock: SequencerClock;
  #timer: { cancel(): void } | undefined;
  #running = false;
  #tickInFlight: Promise<void> | undefined;
  #active = true;
  #windDownReported = false;
  #tickWaiters: Array<() => void> = [];
  /** Why block production stopped on a `halt` fault, until an operator starts the chain again. */
  #fault: string | undefined;
  /** Set by a `resync` fault: the next tick starts from a fresh view of the engine. */
  #resync = false;
  readonly #failures = new FailureCount();
  /** Whether the last tick led the chain (always, without replication). */
  #leading = false;
  #seenHead = -1n;
  #woken = false;
  /** When (ms) the head was last seen to move: a new leader's failover is measured from it. */
  #seenHeadAt: number | undefined;
  #tookOver = false;
  #blocksSinceReconcile = 0;

  constructor(options: ChainSequencerOptions) {
    this.#options = options;
    this.#metrics = options.metrics ?? noopSequencerMetrics;
    this.chainId = options.chainId;
    this.name = options.name;
    const txpool = checkTxpoolOptions(options.txpool);
    this.#clock = options.clock ?? systemClock;
    const now = () => this.#clock.now();
    this.mempool = options.mempool ?? new Mempool({ ...txpool, operators: options.operators ?? [] });
    this.#keeper = new PoolKeeper({ chainId: options.chainId, engine: options.engine, store: options.store, mempool: this.mempool, options: txpool, metrics: this.#metrics, now, log: options.log });
    this.#status = { chainId: options.chainId, name: options.name, hubReachable: false, paused: false, active: true, mempoolSize: 0 };
    this.#metrics.mempoolCapacity(options.chainId, txpool.maxPendingTotal + txpool.operatorReserve + txpool.maxQueuedTotal);
    const admit = createAdmission({
      chainId: options.chainId,
      config: () => this.#status.config,
      halted: () => this.#halted(),
      account: (address) => this.#keeper.account(address),
      freshAccount: (address) => this.#keeper.freshAccount(address),
      nextBaseFee: () => this.#keeper.nextBaseFee(),
      mempool: this.mempool,
      store: options.store,
      poolSender: async (sender) => {
        // At capacity, price decides who stays, and only the leader's pool holds every price.
        const logged = this.#leadsOrAlone() ? 0 : (options.store.pendingCount?.(this.chainId) ?? 0);
        if (logged >= txpool.maxPendingTotal + txpool.maxQueuedTotal) {
          throw new TransactionRejectedError("mempoolFull", `${logged} transactions are pending for chain ${this.chainId}; send to the chain's leader to compete on price`);
        }
        await this.#poolSender(sender);
      },
      nextSequence: options.nextSequence,
      now,
      queue: { capacity: txpool.admissionQueueSize, concurrency: txpool.admissionConcurrency },
      metrics: this.#metrics,
      ...(options.recover ? { recover: options.recover } : {}),
      ...(options.log ? { log: options.log } : {}),
    });
    this.admit = async (raw) => {
      try {
        const hash = await admit(raw);
        this.#metrics.transactionAdmitted(this.chainId);
        return hash;
      } catch (error) {
        if (error instanceof TransactionRejectedError) this.#metrics.transactionRejected(this.chainId, error.reason);
        throw error;
      }
    };
  }

  status(): ChainStatus {
    const halted = this.#halted();
    const { halted: _release, ...status } = this.#status;
    const role = this.#options.leadership ? { role: this.#options.leadership.leads() ? ("leader" as const) : ("follower" as const) } : {};
    return { ...status, ...(halted === undefined ? {} : { halted }), ...role, active: this.#active, mempoolSize: this.mempool.size };
  }

  /** Why the chain takes no transactions: a release halt, or a fault that stopped block production. */
  #halted(): string | undefined {
    return this.#status.halted ?? (this.#fault === undefined ? undefined : `block production stopped: ${this.#fault}`);
  }

  /** How many account reads are cached now (bounded by the txpool's `accountCacheSize`). */
  cacheSizes(): { accounts: number } {
    return { accounts: this.#keeper.cachedAccounts };
  }

  /** Resolves when the next tick is over: a block built, or none (paused, halted, stopped). */
  ticked(): Promise<void> {
    return new Promise((resolve) => this.#tickWaiters.push(resolve));
  }

  /**
   * Stops building blocks (op-node's `admin_stopSequencer`) while transactions are still
   * admitted and stored; waits for a block being built and returns the chain's head hash.
   *
   * @throws {SequencerControlError} when it is already stopped.
   */
  async stopSequencing(): Promise<Hash> {
    if (!this.#active) throw new SequencerControlError(`chain ${this.chainId}: sequencer not running`);
    this.#active = false;
    await this.#tickInFlight;
    this.#options.log?.info("sequencer-stopped", { chainId: this.chainId });
    return (await this.#options.engine.head()).hash;
  }

  /**
   * Builds blocks again (op-node's `admin_startSequencer`), from `expectedHead` when given. It
   * cannot lift the council's on-chain pause or a release halt: ticks still honour both.
   *
   * @throws {SequencerControlError} when it is already running, or the head is not `expectedHead`.
   */
  async startSequencing(expectedHead?: Hash): Promise<void> {
    if (this.#active) throw new SequencerControlError(`chain ${this.chainId}: sequencer already running`);
    if (expectedHead !== undefined) {
      const head = await this.#options.engine.head();
      if (head.hash.toLowerCase() !== expectedHead.toLowerCase()) {
        throw new SequencerControlError(`chain ${this.chainId}: block hash ${expectedHead} is not the head (${head.hash})`);
      }
    }
    this.#active = true;
    this.#fault = undefined;
    this.#resync = true; // whatever stopped it, start from a fresh view of the engine
    this.#options.log?.info("sequencer-started", { chainId: this.chainId });
  }

  /** A pending transaction by hash: in this pool, or (on a replica) acknowledged by another. */
  pendingTransaction(hash: Hex): PendingTransaction | undefined {
    return this.mempool.get(hash) ?? this.#options.store.pending?.(hash);
  }

  /** The next nonce `address` should use, counting its pending transactions here. */
  async pendingNonce(address: Address): Promise<bigint> {
    await this.#poolSender(address);
    const { nonce } = await this.#keeper.account(address);
    return this.mempool.pendingNonce(address, nonce);
  }

  /**
   * Follows a transaction another replica acknowledged (replicated mode): pooled here too, so this
   * replica answers for it (pending nonce, lookup by hash) and has it should it come to lead.
   */
  async followAdded(transaction: PendingTransaction, stillPending: () => boolean = () => true): Promise<void> {
    // Only the leader pools everything; a follower pools a sender's log when it needs it (#poolSender).
    if (!this.#leadsOrAlone() || this.mempool.has(transaction.hash)) return;
    await this.#pool(transaction, stillPending);
  }

  /** Whether this sequencer builds the chain's blocks: it leads it, or it is not replicated. */
  #leadsOrAlone(): boolean {
    return this.#options.leadership?.leads() ?? true;
  }

  /**
   * A follower's pool holds what it admitted; before it admits for a sender or answers its
   * pending nonce, it pools that sender's transactions other replicas acknowledged (the log has
   * them all), so its checks — nonce, replacement, funds — see everything the sender has pending.
   */
  async #poolSender(sender: Address): Promise<void> {
    const { store } = this.#options;
    if (this.#leadsOrAlone() || !store.pendingOf) return;
    for (const transaction of store.pendingOf(this.chainId, sender)) {
      if (!this.mempool.has(transaction.hash)) await this.#pool(transaction, () => store.pending?.(transaction.hash) !== undefined);
    }
  }

  /** A transaction of the log into this pool, checked as on reload (nonce against the sender's account). */
  async #pool(transaction: PendingTransaction, stillPending: () => boolean): Promise<void> {
    const account = await this.#keeper.account(transaction.sender).catch(() => undefined);
    // Removed from the log while its account was read (included, replaced): not pooled again.
    if (!account || this.mempool.has(transaction.hash) || !stillPending()) return;
    const verdict = this.mempool.check(transaction, { accountNonce: account.nonce, maxPendingPerSender: Number.MAX_SAFE_INTEGER });
    if (verdict.ok) this.mempool.insert(transaction, { ...admitted(verdict), accountNonce: account.nonce });
    else this.#options.log?.debug("follow-skipped", { chainId: this.chainId, hash: transaction.hash, reason: verdict.reason });
  }

  /** Resolves once the tick in flight, if any, is over. */
  async settled(): Promise<void> {
    await this.#tickInFlight;
  }

  /** Ticks now instead of at the next block time (this replica just came to lead the chain). */
  wake(): void {
    if (!this.#running) return;
    if (this.#tickInFlight) {
      this.#woken = true; // the tick in flight schedules the next one at once
      return;
    }
    this.#timer?.cancel();
    this.#schedule(0);
  }

  /** Forgets a transaction that left the replicated log (included, dropped, replaced). */
  followRemoved(hash: Hex): void {
    const [removed] = this.mempool.remove([hash]);
    // Its sender's nonce or balance moved: read the account afresh for the next admission here.
    if (removed) this.#keeper.forget(removed.sender);
  }

  /** Takes over the chain: recovers acknowledged transactions from the store, then starts ticking. */
  async start(): Promise<void> {
    if (this.#options.leadership) {
      // A replica starts as a follower: the engine is taken over when the chain's leadership comes.
      this.#resync = true;
      const head = await this.#options.engine.head();
      this.#lastBlockMs = head.timestamp * 1000n;
      await this.#refreshConfig(this.#nextBlockMs(1_000) / 1000n).catch((error: unknown) =>
        this.#options.log?.warn("config-unavailable", { chainId: this.chainId, err: error }),
      );
      this.#running = true;
      this.#schedule(0);
      return;
    }
    await this.#options.engine.start();
    const head = await this.#options.engine.head();
    this.#lastBlockMs = head.timestamp * 1000n;
    await this.#refreshConfig(this.#nextBlockMs(1_000) / 1000n).catch((error: unknown) =>
      this.#options.log?.warn("config-unavailable", { chainId: this.chainId, err: error }),
    );
    await this.#recover();
    this.#running = true;
    this.#schedule(0);
  }

  /** Stops ticking, waits for a block being built, hands block production back to the node. */
  async stop(): Promise<void> {
    this.#running = false;
    this.#timer?.cancel();
    await this.#tickInFlight;
    this.#releaseTickWaiters();
    // Other replicas build on a shared engine: only a sequencer on its own hands it back.
    if (!this.#options.leadership) await this.#options.engine.stop();
  }

  #releaseTickWaiters() {
    const waiters = this.#tickWaiters;
    this.#tickWaiters = [];
    for (const resolve of waiters) resolve();
  }

  /** Reloads the store's pending transactions, re-validated: only what can still execute comes back. */
  async #recover(): Promise<void> {
    const { loaded, evicted } = await this.#keeper.recover(this.#status.config?.maxPendingPerSender ?? Number.MAX_SAFE_INTEGER);
    this.#options.log?.info("recovered", { chainId: this.chainId, pending: loaded, dropped: evicted });
  }

  async #refreshConfig(timestamp: bigint): Promise<GovernedConfig> {
    const reading = await this.#options.readConfig(timestamp).catch((error: unknown) => {
      throw new ConfigUnavailableError(`No governed configuration for chain ${this.chainId} could be read.`, { details: faultMessage(error), cause: error });
    });
    const previous = this.#status.config;
    this.#status = {
      ...this.#status,
      config: reading.config,
      paused: reading.config.paused,
      hubReachable: reading.hubReachable,
      ...(reading.error === undefined ? {} : { hubError: reading.error }),
    };
    this.#metrics.hubReachable(this.chainId, reading.hubReachable);
    this.#metrics.configVersion(this.chainId, reading.config.version);
    this.#metrics.governedPace(this.chainId, reading.config);
    this.#metrics.paused(this.chainId, reading.config.paused);
    if (!reading.hubReachable) this.#options.log?.warn("hub-unreachable", { chainId: this.chainId, error: reading.error });
    if (previous && previous.version !== reading.config.version) {
      this.#options.log?.info("config-applied", { chainId: this.chainId, version: reading.config.version, timestamp });
    }
    return reading.config;
  }

  /**
   * The next block's time in ms: one block time after the previous block, and never behind the
   * wall clock (so a chain that was idle, or whose node started before the hub's registry existed,
   * catches up to now instead of stamping blocks in the past).
   */
  #nextBlockMs(blockTimeMs: number): bigint {
    const next = this.#lastBlockMs + BigInt(blockTimeMs);
    const now = BigInt(this.#clock.now());
    return next > now ? next : now;
  }

  #schedule(delayMs: number) {
    if (!this.#running) return;
    this.#timer = this.#clock.setTimeout(() => {
      this.#tickInFlight = this.#tick().finally(() => (this.#tickInFlight = undefined));
    }, delayMs);
  }

  async #tick(): Promise<void> {
    const started = this.#clock.now();
    let delay = this.#status.config?.blockTimeMs ?? 1_000;
    try {
      // Halted by a fault: nothing to do until an operator starts the chain again (startSequencing).
      if (this.#fault !== undefined) return;
      const leadership = this.#options.leadership;
      const leading = !leadership || leadership.leads();
      if (leading && !this.#leading && leadership) {
        // Just became the leader: take the engine over and pool every acknowledged transaction.
        this.#resync = true;
        this.#tookOver = true;
        this.#options.log?.info("leading", { chainId: this.chainId });
      }
      this.#leading = leading;
      if (this.#resync && leading) await this.#resyncWithEngine();
      // The head and the configuration are read together; the configuration is read again when
      // the head shows the chain's clock jumped (devnet time travel), and once more if the
      // block's timestamp then differs from the one it was read for.
      const guessMs = this.#nextBlockMs(this.#status.config?.blockTimeMs ?? 1_000);
      const [head, guessed] = await Promise.all([this.#options.engine.head(), this.#refreshConfig(guessMs / 1000n)]);
      // A follower sees the leader's blocks only here: its cached accounts and base fee move with them.
      if (head.number !== this.#seenHead) {
        if (!leading) this.#keeper.newHead();
        this.#seenHead = head.number;
        this.#seenHeadAt = this.#clock.now();
      }
      const built = this.#status.lastBlock;
      if (built && head.number < built.number) {
        throw new EngineResyncError(`The chain's head went back from block ${built.number} to ${head.number}: the execution client lost blocks.`);
      }
      let config = guessed;
      if (head.timestamp * 1000n > this.#lastBlockMs) {
        this.#lastBlockMs = head.timestamp * 1000n;
        const provisional = this.#nextBlockMs(config.blockTimeMs);
        if (provisional / 1000n !== guessMs / 1000n) config = await this.#refreshConfig(provisional / 1000n);
      }
      const nextMs = this.#nextBlockMs(config.blockTimeMs);
      const timestamp = nextMs / 1000n > head.timestamp ? nextMs / 1000n : head.timestamp;
      if (timestamp !== guessMs / 1000n && config === guessed) config = await this.#refreshConfig(timestamp);
      delay = config.blockTimeMs;

      const halted = this.#options.haltReason?.();
      if (halted === undefined) delete this.#status.halted;
      else this.#status.halted = halted;
      if (config.removed && !this.#windDownReported) {
        this.#windDownReported = true;
        this.#options.log?.warn("chain-removed", { chainId: this.chainId, lastBlock: head.number });
        this.#options.onRemoved?.(head, config);
      }
      const building = leading && !(config.paused || config.removed || halted || !this.#active || this.#fault !== undefined);
      this.#metrics.building(this.chainId, building);
      if (!building) {
        this.#recovered(); // the engine and the hub answered, and nothing is to be built
        return;
      }

      const selected = this.mempool.select({
        policy: config.orderingPolicy,
        maxTransactions: config.maxTxPerBlock,
        maxGas: config.maxBlockGas,
        baseFee: await this.#keeper.nextBaseFee(),
      });
      let block: BuiltBlock;
      try {
        if (leadership) await leadership.claim(head.number + 1n);
        block = await this.#options.engine.buildBlock(selected, timestamp, leadership && (() => leadership.assertLeading()));
      } catch (error) {
        this.#keeper.newHead(); // the head may have moved all the same
        throw error;
      }
      this.#lastBlockMs = nextMs;
      // The record is the block log, not a gate: the next claim does not wait for it.
      void leadership?.recordBuilt(block.number, { hash: block.hash, transactions: block.transactions.length }).catch((error: unknown) =>
        this.#options.log?.warn("block-record-failed", { chainId: this.chainId, number: block.number, err: error }),
      );
      await this.#keeper.afterBlock(block, selected.map((tx) => tx.hash));
      // A transaction another replica acknowledged that this pool refused to follow (full, say) is not lost: it is in the log.
      if (leadership && ++this.#blocksSinceReconcile >= RECONCILE_EVERY_BLOCKS) {
        this.#blocksSinceReconcile = 0;
        await this.#recover();
      }
      this.#status.lastBlock = { number: block.number, timestamp: block.timestamp, transactions: block.transactions.length };
      this.#metrics.blockBuilt(this.chainId, {
        transactions: block.transactions.length,
        gasUsed: block.gasUsed,
        maxTransactions: config.maxTxPerBlock,
        maxGas: config.maxBlockGas,
      });
      this.#metrics.headBlock(this.chainId, block.number);
      this.#options.log?.debug("block", {
        chainId: this.chainId,
        number: block.number,
        timestamp: block.timestamp,
        transactions: block.transactions.length,
        configVersion: config.version,
        buildMs: this.#clock.now() - started,
      });
      this.#recovered();
      if (this.#tookOver) {
        if (this.#seenHeadAt !== undefined) this.#metrics.failover(this.chainId, (this.#clock.now() - this.#seenHeadAt) / 1000);
        this.#options.onTakeover?.(block, config);
      }
      this.#tookOver = false;
      this.#seenHead = block.number;
      this.#seenHeadAt = this.#clock.now();
      this.#options.onBlock?.(block, config);
    } catch (error) {
      if (error instanceof NotLeaderError) {
        // Deposed between the check and the build: no block, no fault; the new leader builds.
        this.#leading = false;
        this.#options.log?.warn("not-leader", { chainId: this.chainId, reason: error.details });
      } else delay = this.#onFault(error, delay);
    } finally {
      this.#metrics.mempoolSize(this.chainId, this.mempool.size);
      this.#releaseTickWaiters();
      // Ticks keep to the block-time grid: the time spent building this block is not added to it.
      this.#schedule(this.#woken ? 0 : Math.max(0, delay - (this.#clock.now() - started)));
      this.#woken = false;
    }
  }

  /**
   * Acts on a failed tick by its {@link Fault} (see {@link FailureCount}): a temporary one is
   * retried, backing off; a resync makes the next tick start from a fresh view of the engine; a
   * halt stops block production until an operator starts it again. Returns the delay before the
   * next tick.
   */
  #onFault(error: unknown, blockTimeMs: number): number {
    const failed = this.#failures.failed(error, blockTimeMs);
    const { fault, message, failures } = failed;
    this.#status.lastFault = { fault, message, at: this.#clock.now(), failures };
    const fields = { chainId: this.chainId, fault, failures, err: error };
    if (failed.haltReason !== undefined) {
      this.#fault = failed.haltReason;
      this.#active = false;
      this.#metrics.building(this.chainId, false);
      this.#options.log?.error("sequencing-halted", fields);
    } else {
      if (fault === "resync") this.#resync = true;
      this.#options.log?.warn(fault === "resync" ? "resync-needed" : "tick-failed", fields);
    }
    return failed.retryInMs;
  }

  /** A tick went through: whatever failed before has passed. */
  #recovered(): void {
    this.#failures.succeeded();
    delete this.#status.lastFault;
  }

  /**
   * Takes over the engine again (a restarted execution client mines on its own), forgets what the
   * sequencer believed about the chain — cached accounts, its last block, the time anchor — and
   * re-validates the whole pool against it.
   */
  async #resyncWithEngine(): Promise<void> {
    await this.#options.engine.start();
    this.#keeper.newHead();
    const head = await this.#options.engine.head();
    this.#lastBlockMs = head.timestamp * 1000n;
    delete this.#status.lastBlock;
    await this.#keeper.revalidate(this.mempool.senders());
    // A replica's pool may lack what the others acknowledged while it followed: the log has it all.
    if (this.#options.leadership) await this.#recover();
    this.#resync = false;
    this.#options.log?.info("resynced", { chainId: this.chainId, head: head.number, pending: this.mempool.size });
  }
}
