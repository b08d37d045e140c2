import type { Address, Hex } from "viem";

import type { BuiltBlock, ExecutionEngine } from "./engine/types.ts";
import type { Logger } from "./log.ts";
import { admitted, maxCost, type Mempool } from "./mempool/index.ts";
import { decodeRawTransaction } from "./tx/rawTransaction.ts";
import type { TxpoolOptions } from "./mempool/options.ts";
import type { EvictionReason, SequencerMetrics } from "./metrics/index.ts";
import type { PendingTransaction, TransactionStore } from "./types.ts";

export interface Account {
  nonce: bigint;
  balance: bigint;
  /**
   * Carried from an earlier block in which the account sent transactions: the nonce is exact, the
   * balance a lower bound (less their maximum cost). Read afresh ({@link PoolKeeper.freshAccount})
   * before refusing anything on it.
   */
  estimated?: true;
}

/** A cached account read: settled or in flight, and when it was asked for. */
interface AccountRead {
  reading: Promise<Account>;
  account?: Account;
  /** `now()` when the execution client was asked (carrying it to a later block keeps it). */
  at: number;
  /** Read at an earlier head and carried to this one. */
  carried?: true;
}

/** What a block did to the accounts the pool knows, as far as the sequencer can see it. */
interface BlockEffects {
  /** Lower-case sender → its next nonce and the summed maximum cost of its included transactions. */
  sent: Map<string, { next: bigint; spent: bigint }>;
  /** Lower-case recipients of value (their balance rose by it). */
  paid: Set<string>;
}

export interface PoolKeeperOptions {
  chainId: number;
  engine: ExecutionEngine;
  store: TransactionStore;
  mempool: Mempool;
  options: TxpoolOptions;
  metrics: SequencerMetrics;
  /** Wall clock in ms (lifetimes). */
  now: () => number;
  log?: Logger | undefined;
}

/** How many account reads or receipt lookups run at once. */
const CONCURRENCY = 64;
/** The lifetime sweep (a scan of the pool) runs at most this often. */
const EXPIRY_SWEEP_MS = 1_000;

/**
 * Keeps one chain's mempool true to the chain, with the durable store in step: reads account
 * state and the next base fee once per block (a bounded cache), records what each block included
 * — whether the sequencer selected it or not — and evicts what can no longer execute, dropping it
 * from the store first so a restart reloads only what can still run:
 *
 * - a nonce already used on chain: recorded as included if the chain has its receipt, else dropped;
 * - a balance that no longer covers the sender's cumulative maximum cost (that nonce and later);
 * - a fee cap under the base fee for `baseFeeGraceBlocks` consecutive blocks;
 * - older than `lifetimeMs` since admission.
 *
 * Senders a block touched are re-validated at once; `revalidatePerBlock` others in round robin.
 * Account reads are carried across blocks for `accountStateTtlMs` (see {@link PoolKeeper.newHead}):
 * senders seen again and a flood's unfunded keys then cost the execution client one read each,
 * not one per block; what evicts is always read afresh.
 */
export class PoolKeeper {
  readonly #o: PoolKeeperOptions;
  #accounts = new Map<string, AccountRead>();
  #nextBaseFee: Promise<bigint> | undefined;
  /** The next-block base fees of the last `baseFeeGraceBlocks` blocks. */
  readonly #baseFees: bigint[] = [];
  /** Every pooled fee cap is at least this (the floor last swept). */
  #feeFloor = 0n;
  #lastExpirySweep = Number.NEGATIVE_INFINITY;
  #cursor: Iterator<Address> | undefined;

  constructor(options: PoolKeeperOptions) {
    this.#o = options;
  }

  /** How many account reads are cached now. */
  get cachedAccounts(): number {
    return this.#accounts.size;
  }

  /**
   * Nonce and balance at the head: read once, then carried across blocks for `accountStateTtlMs`
   * (see {@link PoolKeeper.newHead}); at most `accountCacheSize` remembered.
   */
  account(address: Address): Promise<Account> {
    return this.#accounts.get(address.toLowerCase())?.reading ?? this.#read(address);
  }

  /** The account as the execution client has it now (for an eviction, or before refusing on an estimate). */
  freshAccount(address: Address): Promise<Account> {
    const cached = this.#accounts.get(address.toLowerCase());
    return cached && !cached.account ? cached.reading : this.#read(address);
  }

  #read(address: Address): Promise<Account> {
    const key = address.toLowerCase();
    this.#accounts.delete(key);
    if (this.#accounts.size >= this.#o.options.accountCacheSize) {
      const oldest = this.#accounts.keys().next().value;
      if (oldest !== undefined) this.#accounts.delete(oldest);
    }
    const read: AccountRead = { reading: this.#o.engine.account(address), at: this.#o.now() };
    this.#accounts.set(key, read);
    read.reading.then(
      (account) => (read.account = account),
      () => this.#accounts.get(key) === read && this.#accounts.delete(key),
    );
    return read.reading;
  }

  /** Forgets the cached account: the next admission reads it afresh (another replica's block moved it). */
  forget(address: Address): void {
    this.#accounts.delete(address.toLowerCase());
  }

  /** The next block's base fee, read once per block. */
  nextBaseFee(): Promise<bigint> {
    if (!this.#nextBaseFee) {
      const reading = this.#o.engine.nextBaseFee();
      this.#nextBaseFee = reading;
      reading.then(
        (baseFee) => this.#o.mempool.setBaseFee(baseFee),
        () => (this.#nextBaseFee = undefined),
      );
    }
    return this.#nextBaseFee;
  }

  /**
   * Moves the account cache to a new head. Without the block's effects (a failed build, a block
   * holding transactions the pool never saw or EIP-7702 authorizations, which change accounts no
   * transaction names) it forgets every read. With them, it keeps the settled reads younger than
   * `accountStateTtlMs`: a sender's carried forward (next nonce, balance less the maximum cost of
   * what it sent), an account the block paid with its old balance — both estimates, lower bounds
   * of the balance — any other unchanged.
   */
  newHead(effects?: BlockEffects): void {
    const kept = new Map<string, AccountRead>();
    const youngest = this.#o.now() - this.#o.options.accountStateTtlMs;
    for (const [key, read] of effects ? this.#accounts : []) {
      const account = read.account;
      if (!account || read.at <= youngest) continue;
      const sent = effects?.sent.get(key);
      if (!sent && !effects?.paid.has(key)) kept.set(key, { ...read, carried: true });
      else {
        // A payment only raises the balance: without it the carried balance stays a lower bound.
        const spent = sent?.spent ?? 0n;
        const carried: Account = {
          nonce: sent && sent.next > account.nonce ? sent.next : account.nonce,
          balance: account.balance > spent ? account.balance - spent : 0n,
          estimated: true,
        };
        kept.set(key, { reading: Promise.resolve(carried), account: carried, at: read.at, carried: true });
      }
    }
    this.#accounts = kept;
    this.#nextBaseFee = undefined;
  }

  /**
   * After a block: records every pooled transaction the block holds as included, retires what the
   * engine refused, then re-validates and evicts by the rules above.
   */
  async afterBlock(block: BuiltBlock, selected: readonly Hex[]): Promise<void> {
    const { chainId, mempool, store, metrics } = this.#o;
    // Selected or not (sent to the node some other way), what the block holds is included.
    const inBlock = block.transactions.filter((hash) => mempool.has(hash));
    this.newHead(inBlock.length === block.transactions.length ? this.#effects(inBlock) : undefined);
    const unselected = inBlock.length - selected.filter((hash) => mempool.has(hash) && block.transactions.includes(hash)).length;
    if (unselected > 0) this.#o.log?.debug("included-unselected", { chainId, blockNumber: block.number, count: unselected });
    if (inBlock.length > 0) await store.markIncluded(chainId, inBlock, block.number);
    const now = this.#o.now();
    const advanced = new Map<Address, bigint>();
    for (const tx of mempool.remove(inBlock)) {
      metrics.transactionIncluded(chainId, now - tx.receivedAt);
      advanced.set(tx.sender, (advanced.get(tx.sender) ?? 0n) > tx.nonce + 1n ? (advanced.get(tx.sender) ?? 0n) : tx.nonce + 1n);
    }
    // Their later transactions stay funded (admission checked the cumulative cost): only the nonce moved.
    for (const [sender, nonce] of advanced) await this.#evict(mempool.unexecutable(sender, { nonce, balance: (1n << 256n) - 1n }));
    const refused = block.refused.flatMap(({ hash }) => mempool.get(hash) ?? []);
    if (refused.length > 0) {
      this.#o.log?.warn("refused-by-engine", { chainId, refused: block.refused });
      await this.#retire(refused, block.refused.map((r) => r.reason).join("; "), "refused");
    }
    await this.revalidate([...refused.map((tx) => tx.sender), ...this.#roundRobin()]);
    await this.#sweep(await this.nextBaseFee());
  }

  /**
   * Checks these senders' transactions against their accounts and evicts what can no longer
   * execute. A carried account only points at suspects: what it would evict is checked again on a
   * fresh read, so nothing is evicted on an estimate.
   */
  async revalidate(senders: Iterable<Address>): Promise<void> {
    const unique = [...new Set([...senders].map((s) => s.toLowerCase() as Address))].filter((s) => this.#o.mempool.senderCount(s) > 0);
    for (let i = 0; i < unique.length; i += CONCURRENCY) {
      const chunk = unique.slice(i, i + CONCURRENCY);
      const accounts = await Promise.all(chunk.map((sender) => this.account(sender).catch(() => undefined)));
      const suspects: Address[] = [];
      for (const [j, sender] of chunk.entries()) {
        const account = accounts[j];
        if (!account) continue;
        const found = this.#o.mempool.unexecutable(sender, account);
        if (found.stale.length + found.unfunded.length === 0) continue;
        if (this.#accounts.get(sender)?.carried) suspects.push(sender);
        else await this.#evict(found);
      }
      const fresh = await Promise.all(suspects.map((sender) => this.freshAccount(sender).catch(() => undefined)));
      for (const [j, sender] of suspects.entries()) {
        const account = fresh[j];
        if (account) await this.#evict(this.#o.mempool.unexecutable(sender, account));
      }
    }
  }

  /**
   * Loads the store's pending transactions into the mempool, re-validating each against the chain
   * and the pool's rules as admission would (stale nonce, funds, lifetime, capacity); what fails is
   * retired or dropped in the store with its reason.
   */
  async recover(maxPendingPerSender: number): Promise<{ loaded: number; evicted: number }> {
    const { chainId, mempool, store, options } = this.#o;
    const bySender = new Map<Address, PendingTransaction[]>();
    for (const tx of store.loadPending(chainId)) {
      const key = tx.sender.toLowerCase() as Address;
      bySender.set(key, [...(bySender.get(key) ?? []), tx]);
    }
    await this.nextBaseFee();
    const cutoff = this.#o.now() - options.lifetimeMs;
    const stale: PendingTransaction[] = [];
    const dropped = new Map<string, PendingTransaction[]>();
    const drop = (reason: string, txs: PendingTransaction[]) => dropped.set(reason, [...(dropped.get(reason) ?? []), ...txs]);
    const senders = [...bySender.keys()];
    for (let i = 0; i < senders.length; i += CONCURRENCY) {
      const chunk = senders.slice(i, i + CONCURRENCY);
      const accounts = await Promise.all(chunk.map((sender) => this.account(sender)));
      for (const [j, sender] of chunk.entries()) {
        const account = accounts[j] as Account;
        const txs = (bySender.get(sender) ?? []).sort((a, b) => (a.nonce < b.nonce ? -1 : 1));
        let spent = 0n;
        for (const tx of txs) {
          // Pooled already (a replica followed it in): counted, not loaded twice.
          if (mempool.has(tx.hash)) spent += maxCost(tx);
          else if (tx.nonce < account.nonce) stale.push(tx);
          else if (tx.receivedAt < cutoff) drop("older than the txpool lifetime", [tx]);
          else if ((spent += maxCost(tx)) > account.balance) drop("the balance no longer covers it", [tx]);
          else {
            const verdict = mempool.check(tx, { accountNonce: account.nonce, maxPendingPerSender });
            if (!verdict.ok) drop(`not reloaded: ${verdict.message}`, [tx]);
            else {
              if (verdict.evicts?.length) drop(`evicted on reload for ${tx.hash}`, [...verdict.evicts]);
              mempool.insert(tx, { ...admitted(verdict), accountNonce: account.nonce });
            }
          }
        }
      }
    }
    await this.#retire(stale, "nonce used on chain by another transaction", "nonceUsed");
    for (const [reason, txs] of dropped) await this.#drop(txs, reason, "reload");
    const evicted = stale.length + [...dropped.values()].reduce((n, txs) => n + txs.length, 0);
    return { loaded: mempool.size, evicted };
  }

  /** What the block's transactions (all from the pool) did, or undefined when one carries EIP-7702 authorizations. */
  #effects(hashes: readonly Hex[]): BlockEffects | undefined {
    const effects: BlockEffects = { sent: new Map(), paid: new Set() };
    if (this.#accounts.size === 0) return effects;
    for (const hash of hashes) {
      const tx = this.#o.mempool.get(hash);
      if (!tx) continue;
      const decoded = decodeRawTransaction(tx.raw);
      if (decoded.type === "eip7702") return undefined;
      const sender = tx.sender.toLowerCase();
      const sent = effects.sent.get(sender) ?? { next: 0n, spent: 0n };
      effects.sent.set(sender, { next: tx.nonce + 1n > sent.next ? tx.nonce + 1n : sent.next, spent: sent.spent + maxCost(tx) });
      if (decoded.to && decoded.value > 0n) effects.paid.add(decoded.to);
    }
    return effects;
  }

  /** The next `revalidatePerBlock` senders of the pool, wrapping around. */
  #roundRobin(): Address[] {
    const picked: Address[] = [];
    const limit = Math.min(this.#o.options.revalidatePerBlock, this.#o.mempool.size);
    for (let wrapped = false; picked.length < limit; ) {
      this.#cursor ??= this.#o.mempool.senders();
      const next = this.#cursor.next();
      if (!next.done) picked.push(next.value);
      else if (wrapped) break;
      else [this.#cursor, wrapped] = [undefined, true];
    }
    return picked;
  }

  /** Lifetime and base-fee grace evictions. */
  async #sweep(baseFee: bigint): Promise<void> {
    const { mempool, options } = this.#o;
    const now = this.#o.now();
    if (now - this.#lastExpirySweep >= EXPIRY_SWEEP_MS) {
      this.#lastExpirySweep = now;
      const expired = mempool.expired(now - options.lifetimeMs);
      if (expired.length > 0) await this.#drop(expired, `not included within the txpool lifetime of ${options.lifetimeMs} ms`, "lifetime");
    }
    this.#baseFees.push(baseFee);
    if (this.#baseFees.length > options.baseFeeGraceBlocks) this.#baseFees.shift();
    if (this.#baseFees.length < options.baseFeeGraceBlocks) return;
    const floor = this.#baseFees.reduce((a, b) => (b < a ? b : a));
    if (floor > this.#feeFloor) {
      const under = mempool.feeCapBelow(floor);
      if (under.length > 0) await this.#drop(under, `fee cap under the base fee (≥ ${floor} wei) for ${options.baseFeeGraceBlocks} blocks`, "feeCap");
    }
    this.#feeFloor = floor;
  }

  async #evict({ stale, unfunded }: { stale: PendingTransaction[]; unfunded: PendingTransaction[] }): Promise<void> {
    if (stale.length > 0) await this.#retire(stale, "nonce used on chain by another transaction", "nonceUsed");
    if (unfunded.length > 0) await this.#drop(unfunded, "the sender's balance no longer covers its pending transactions", "unfunded");
  }

  /** Transactions whose nonce is used (or that the engine refused): included if the chain has them, else dropped. */
  async #retire(txs: readonly PendingTransaction[], reason: string, kind: EvictionReason): Promise<void> {
    const { chainId, engine, store, mempool } = this.#o;
    const includedAt = new Map<bigint, Hex[]>();
    const gone: PendingTransaction[] = [];
    for (let i = 0; i < txs.length; i += CONCURRENCY) {
      const chunk = txs.slice(i, i + CONCURRENCY);
      const receipts = await Promise.all(chunk.map((tx) => engine.forward("eth_getTransactionReceipt", [tx.hash]).catch(() => null)));
      for (const [j, tx] of chunk.entries()) {
        const blockNumber = (receipts[j] as { blockNumber?: Hex } | null)?.blockNumber;
        if (blockNumber) includedAt.set(BigInt(blockNumber), [...(includedAt.get(BigInt(blockNumber)) ?? []), tx.hash]);
        else gone.push(tx);
      }
    }
    for (const [blockNumber, hashes] of includedAt) {
      await store.markIncluded(chainId, hashes, blockNumber);
      mempool.remove(hashes);
    }
    if (gone.length > 0) await this.#drop(gone, reason, kind);
  }

  /** Durably drops, then forgets. */
  async #drop(txs: readonly PendingTransaction[], reason: string, kind: EvictionReason): Promise<void> {
    if (txs.length === 0) return;
    const hashes = txs.map((tx) => tx.hash);
    await this.#o.store.drop(this.#o.chainId, hashes, reason);
    this.#o.mempool.remove(hashes);
    this.#o.metrics.transactionsEvicted(this.#o.chainId, kind, hashes.length);
    this.#o.log?.debug("evicted", { chainId: this.#o.chainId, count: hashes.length, reason });
  }
}
