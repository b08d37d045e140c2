import type { Address, Hash, Hex } from "viem";

import { createAdmission } from "./admission.ts";
import type { ConfigReading, GovernedConfig } from "./config/governedConfig.ts";
import type { BuiltBlock, ExecutionEngine } from "./engine/types.ts";
import { SequencerControlError, TransactionRejectedError } from "./errors.ts";
import { Mempool } from "./mempool/index.ts";
import { noopSequencerMetrics, type SequencerMetrics } from "./metrics/index.ts";
import type { TransactionStore } from "./types.ts";

export interface ChainSequencerOptions {
  chainId: number;
  name: string;
  engine: ExecutionEngine;
  store: TransactionStore;
  /** The governed configuration in force at a timestamp (last good one if the hub is down). */
  readConfig: (timestamp: bigint) => Promise<ConfigReading>;
  /** Why block production must stop (e.g. a required release above ours), if it must. */
  haltReason?: () => string | undefined;
  nextSequence: () => bigint;
  maxPendingTotal: number;
  log?: (event: string, fields: Record<string, unknown>) => void;
  /** Called after every block this sequencer built. */
  onBlock?: (block: BuiltBlock, config: GovernedConfig) => void;
  metrics?: SequencerMetrics;
  /** Sender recovery off the event loop (a worker pool); on this thread when absent. */
  recover?: (raw: Hex) => Promise<Address>;
  /** Accounts read since the last block that are kept for reuse at most; default {@link ACCOUNT_CACHE_LIMIT}. */
  accountCacheLimit?: number;
}

/** Default bound of the per-block account cache (nonce and balance reads reused until the next block). */
export const ACCOUNT_CACHE_LIMIT = 4_096;

export interface ChainStatus {
  chainId: number;
  name: string;
  config?: GovernedConfig;
  hubReachable: boolean;
  hubError?: string;
  halted?: string;
  paused: boolean;
  /** Whether the operator lets this sequencer build blocks (admin_stopSequencer / admin_startSequencer). */
  active: boolean;
  lastBlock?: { number: bigint; timestamp: bigint; transactions: number };
  mempoolSize: number;
}

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
  /**
   * Account nonces of the senders with pending transactions, which block selection needs
   * synchronously; advanced as blocks include them, forgotten at every tick once a sender has
   * nothing pending (so it is bounded by the mempool, not by every address ever seen).
   */
  readonly #nonces = new Map<Address, bigint>();
  /**
   * Account state read since the last block (the chain cannot change it before the next block),
   * least recently used first; cleared by every block and bounded by `accountCacheLimit`.
   */
  #accounts = new Map<Address, Promise<{ nonce: bigint; balance: bigint }>>();
  readonly #accountCacheLimit: number;
  #active = true;
  #tickWaiters: Array<() => void> = [];
  #status: ChainStatus;
  #lastBlockMs = 0n;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #running = false;
  #tickInFlight: Promise<void> | undefined;

  constructor(options: ChainSequencerOptions) {
    this.#options = options;
    this.#metrics = options.metrics ?? noopSequencerMetrics;
    this.chainId = options.chainId;
    this.name = options.name;
    this.mempool = new Mempool({ maxPendingTotal: options.maxPendingTotal });
    this.#accountCacheLimit = options.accountCacheLimit ?? ACCOUNT_CACHE_LIMIT;
    this.#status = { chainId: options.chainId, name: options.name, hubReachable: false, paused: false, active: true, mempoolSize: 0 };
    const admit = createAdmission({
      chainId: options.chainId,
      config: () => this.#status.config,
      halted: () => this.#status.halted,
      account: (address) => this.#account(address),
      mempool: this.mempool,
      store: options.store,
      nextSequence: options.nextSequence,
      ...(options.recover ? { recover: options.recover } : {}),
    });
    this.admit = async (raw) => {
      try {
        const hash = await admit(raw);
        const sender = this.mempool.get(hash)?.sender;
        // Admission's own account read (cached), kept for block selection; a miss is repaired after the next block.
        if (sender) await this.#rememberNonce(sender).catch(() => undefined);
        this.#metrics.transactionAdmitted(this.chainId);
        return hash;
      } catch (error) {
        if (error instanceof TransactionRejectedError) this.#metrics.transactionRejected(this.chainId, error.reason);
        throw error;
      }
    };
  }

  status(): ChainStatus {
    return { ...this.#status, active: this.#active, mempoolSize: this.mempool.size };
  }

  /** How many accounts and nonces are cached now (both bounded; see the fields). */
  cacheSizes(): { accounts: number; nonces: number } {
    return { accounts: this.#accounts.size, nonces: this.#nonces.size };
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
    this.#options.log?.("sequencer-stopped", { chainId: this.chainId });
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
    this.#options.log?.("sequencer-started", { chainId: this.chainId });
  }

  /** The next nonce `address` should use, counting its pending transactions here. */
  async pendingNonce(address: Address): Promise<bigint> {
    const { nonce } = await this.#account(address);
    return this.mempool.pendingNonce(address, nonce);
  }

  /** Takes over the chain: recovers acknowledged transactions from the store, then starts ticking. */
  async start(): Promise<void> {
    await this.#options.engine.start();
    const head = await this.#options.engine.head();
    this.#lastBlockMs = head.timestamp * 1000n;
    await this.#refreshConfig(this.#nextBlockMs(1_000) / 1000n).catch((error: unknown) =>
      this.#options.log?.("config-unavailable", { chainId: this.chainId, error: error instanceof Error ? error.message : String(error) }),
    );
    await this.#recover();
    this.#running = true;
    this.#schedule(0);
  }

  /** Stops ticking, waits for a block being built, hands block production back to the node. */
  async stop(): Promise<void> {
    this.#running = false;
    if (this.#timer) clearTimeout(this.#timer);
    await this.#tickInFlight;
    this.#releaseTickWaiters();
    await this.#options.engine.stop();
  }

  #releaseTickWaiters() {
    const waiters = this.#tickWaiters;
    this.#tickWaiters = [];
    for (const resolve of waiters) resolve();
  }

  #account(address: Address): Promise<{ nonce: bigint; balance: bigint }> {
    const accounts = this.#accounts;
    let pending = accounts.get(address);
    if (pending) {
      accounts.delete(address); // most recently used last
    } else {
      pending = this.#options.engine.account(address);
      pending.catch(() => accounts.get(address) === pending && accounts.delete(address));
      const oldest = accounts.size >= this.#accountCacheLimit ? accounts.keys().next() : undefined;
      if (oldest && !oldest.done) accounts.delete(oldest.value);
    }
    accounts.set(address, pending);
    return pending;
  }

  /** Reads `sender`'s account and keeps its nonce for block selection (a sender with pending transactions). */
  async #rememberNonce(sender: Address): Promise<bigint> {
    const { nonce } = await this.#account(sender);
    this.#nonces.set(sender, nonce);
    return nonce;
  }

  /** Forgets the nonces of senders with nothing pending. */
  #pruneNonces() {
    for (const sender of this.#nonces.keys()) if (this.mempool.senderCount(sender) === 0) this.#nonces.delete(sender);
  }

  async #recover(): Promise<void> {
    const pending = this.#options.store.loadPending(this.chainId);
    const stale: Hex[] = [];
    for (const tx of pending) {
      const nonce = this.#nonces.get(tx.sender) ?? (await this.#rememberNonce(tx.sender));
      if (tx.nonce < nonce) {
        // Its nonce is used on chain: it was included before a crash (or replaced there).
        const receipt = await this.#options.engine.forward("eth_getTransactionReceipt", [tx.hash]).catch(() => null);
        const blockNumber = (receipt as { blockNumber?: Hex } | null)?.blockNumber;
        if (blockNumber) await this.#options.store.markIncluded(this.chainId, [tx.hash], BigInt(blockNumber));
        else stale.push(tx.hash);
        continue;
      }
      this.mempool.insert(tx);
    }
    if (stale.length > 0) await this.#options.store.drop(this.chainId, stale, "nonce used on chain by another transaction");
    this.#options.log?.("recovered", { chainId: this.chainId, pending: this.mempool.size, dropped: stale.length });
  }

  async #refreshConfig(timestamp: bigint): Promise<GovernedConfig> {
    const reading = await this.#options.readConfig(timestamp);
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
    this.#metrics.paused(this.chainId, reading.config.paused);
    if (!reading.hubReachable) this.#options.log?.("hub-unreachable", { chainId: this.chainId, error: reading.error });
    if (previous && previous.version !== reading.config.version) {
      this.#options.log?.("config-applied", { chainId: this.chainId, version: reading.config.version, timestamp });
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
    const now = BigInt(Date.now());
    return next > now ? next : now;
  }

  #schedule(delayMs: number) {
    if (!this.#running) return;
    this.#timer = setTimeout(() => {
      this.#tickInFlight = this.#tick().finally(() => (this.#tickInFlight = undefined));
    }, delayMs);
  }

  async #tick(): Promise<void> {
    const started = Date.now();
    let delay = this.#status.config?.blockTimeMs ?? 1_000;
    try {
      // The head and the configuration are read together; the configuration is read again when
      // the head shows the chain's clock jumped (devnet time travel), and once more if the
      // block's timestamp then differs from the one it was read for.
      const guessMs = this.#nextBlockMs(this.#status.config?.blockTimeMs ?? 1_000);
      const [head, guessed] = await Promise.all([this.#options.engine.head(), this.#refreshConfig(guessMs / 1000n)]);
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
      if (config.paused || halted || !this.#active) return;

      const baseFee = head.baseFeePerGas;
      const unknown: Address[] = [];
      const selected = this.mempool.select({
        policy: config.orderingPolicy,
        maxTransactions: config.maxTxPerBlock,
        maxGas: config.maxBlockGas,
        // A sender whose nonce is not known (its read failed) sits this block out: no nonce is -1.
        accountNonce: (sender) => this.#nonces.get(sender) ?? (unknown.push(sender), -1n),
        baseFee,
      });
      const block = await this.#options.engine.buildBlock(selected, timestamp);
      this.#accounts = new Map();
      this.#lastBlockMs = nextMs;
      await this.#settle(block, selected.map((tx) => tx.hash));
      for (const sender of unknown) await this.#rememberNonce(sender).catch(() => undefined);
      this.#status.lastBlock = { number: block.number, timestamp: block.timestamp, transactions: block.transactions.length };
      this.#metrics.blockBuilt(this.chainId, {
        transactions: block.transactions.length,
        gasUsed: block.gasUsed,
        maxTransactions: config.maxTxPerBlock,
        maxGas: config.maxBlockGas,
      });
      this.#metrics.headBlock(this.chainId, block.number);
      this.#options.log?.("block", {
        chainId: this.chainId,
        number: block.number,
        timestamp: block.timestamp,
        transactions: block.transactions.length,
        configVersion: config.version,
        buildMs: Date.now() - started,
      });
      this.#options.onBlock?.(block, config);
    } catch (error) {
      this.#options.log?.("tick-failed", { chainId: this.chainId, error: error instanceof Error ? error.message : String(error) });
    } finally {
      this.#pruneNonces();
      this.#metrics.mempoolSize(this.chainId, this.mempool.size);
      this.#releaseTickWaiters();
      // Ticks keep to the block-time grid: the time spent building this block is not added to it.
      this.#schedule(Math.max(0, delay - (Date.now() - started)));
    }
  }

  /** Records what the block included, drops what the engine refused, advances known nonces. */
  async #settle(block: BuiltBlock, selected: readonly Hex[]): Promise<void> {
    const included = new Set(block.transactions.map((hash) => hash.toLowerCase()));
    const inBlock = selected.filter((hash) => included.has(hash.toLowerCase()));
    if (inBlock.length > 0) await this.#options.store.markIncluded(this.chainId, inBlock, block.number);
    const now = Date.now();
    for (const tx of this.mempool.remove(inBlock)) {
      this.#metrics.transactionIncluded(this.chainId, now - tx.receivedAt);
      const known = this.#nonces.get(tx.sender) ?? 0n;
      if (tx.nonce + 1n > known) this.#nonces.set(tx.sender, tx.nonce + 1n);
    }
    const refused = block.refused.map((r) => r.hash);
    if (refused.length > 0) {
      const dropped = this.mempool.remove(refused);
      await this.#options.store.drop(this.chainId, refused, block.refused.map((r) => r.reason).join("; "));
      for (const tx of dropped) await this.#rememberNonce(tx.sender);
      this.#options.log?.("refused-by-engine", { chainId: this.chainId, refused: block.refused });
    }
  }
}
