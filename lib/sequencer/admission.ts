import { bytesToHex, hexToBytes, size, type Address, type Hex } from "viem";

import { AdmissionQueue, arrivalRank, type AdmissionBid, type AdmissionQueueOptions } from "./admissionQueue.ts";
import type { GovernedConfig } from "./config/governedConfig.ts";
import { TransactionRejectedError } from "./errors.ts";
import type { Logger } from "./log.ts";
import type { MempoolCheck } from "./mempool/errors.ts";
import { admitted, type InsertOptions } from "./mempool/Mempool.ts";
import { DEFAULT_TXPOOL_OPTIONS } from "./mempool/options.ts";
import { maxCost } from "./mempool/ordering.ts";
import type { SequencerMetrics } from "./metrics/index.ts";
import { RecoveryUnavailableError } from "./recovery/errors.ts";
import type { RecoveredSender } from "./recovery/pool.ts";
import { StoreDuplicateError } from "./store/errors.ts";
import { TransactionFieldError, UnsignedTransactionError } from "./tx/errors.ts";
import { decodeRawTransaction, type DecodeRawTransactionReturnType } from "./tx/rawTransaction.ts";
import { nobleKeccak256, recoverSenderLean } from "./tx/recoverLean.ts";
import type { Account } from "./poolKeeper.ts";
import type { PendingTransaction, TransactionStore } from "./types.ts";

/** The mempool as admission uses it (see lib/sequencer/mempool). */
export interface AdmissionMempool {
  check(tx: PendingTransaction, options: { accountNonce: bigint; maxPendingPerSender: number }): MempoolCheck;
  insert(tx: PendingTransaction, options: InsertOptions): void;
  release(verdict: MempoolCheck): void;
  remove(hashes: Iterable<Hex>): unknown;
  senderCost(sender: Address, exceptNonce?: bigint): bigint;
}

export interface AdmissionContext {
  chainId: number;
  config: () => GovernedConfig | undefined;
  /** Why the chain takes no transactions now (a halt for an unapproved release), if it does not. */
  halted: () => string | undefined;
  /** The sender's nonce and balance at the head (cached by the caller; `estimated` when its balance is a lower bound). */
  account: (address: Address) => Promise<Account>;
  /** The sender's account read afresh: asked before refusing on an `estimated` one. Defaults to `account`. */
  freshAccount?: (address: Address) => Promise<Account>;
  /** The next block's base fee: no fee cap below it is admitted. */
  nextBaseFee: () => Promise<bigint>;
  mempool: AdmissionMempool;
  store: TransactionStore;
  /** Pools the sender's transactions acknowledged elsewhere (a replica's log) before its checks; nothing to do when absent. */
  poolSender?: (sender: Address) => Promise<void>;
  nextSequence: () => bigint;
  /** Wall clock in ms (admission time); `Date.now` when absent. */
  now?: () => number;
  /**
   * Recovers the signer and hashes the transaction (off the event loop in production, see
   * `RecoveryPool`, which serves the better `bid` first); the lean decoder, libsecp256k1 and
   * viem's keccak on this thread when absent.
   */
  recover?: (raw: Hex, bid: AdmissionBid) => Promise<RecoveredSender>;
  /** Told about the transactions an admission evicts for price. */
  metrics?: Pick<SequencerMetrics, "transactionsEvicted">;
  /** Waiting and running admissions (see {@link AdmissionQueue}); the txpool defaults when absent. */
  queue?: AdmissionQueueOptions;
  log?: Logger;
}

const HEX = /^0x[0-9a-fA-F]*$/;

/**
 * An admission function for one chain: admits a raw transaction or throws
 * {@link TransactionRejectedError} saying why. Checks run cheapest first: what needs no sender —
 * size, decoding, chain id, gas, tip and fee cap against the next block's base fee — before any
 * signature recovery or state read. What passes waits in a bounded {@link AdmissionQueue} ordered
 * by what it pays (a full queue refuses the lowest bid with `busy`); from there it is recovered,
 * checked against the sender's account and the mempool, and its hash is returned only after the
 * store has it on disk, and after any transaction it evicts is durably dropped. Admissions of one
 * sender are serialized from the funds and mempool checks to the insert, so two racing
 * transactions cannot both spend one balance or take one nonce.
 */
export function createAdmission(context: AdmissionContext): (raw: unknown) => Promise<Hex> {
  const senderLocks = new Map<Address, Promise<unknown>>();
  const queue = new AdmissionQueue(context.queue ?? { capacity: DEFAULT_TXPOOL_OPTIONS.admissionQueueSize, concurrency: DEFAULT_TXPOOL_OPTIONS.admissionConcurrency });
  const rank = arrivalRank();
  const admitChecked = async (checked: Checked, bid: AdmissionBid): Promise<Hex> => {
    const prepared = await prepare(checked, bid, context);
    const previous = senderLocks.get(prepared.pending.sender) ?? Promise.resolve();
    const turn = previous.then(() => enter(prepared, context));
    const settled = turn.catch(() => undefined);
    senderLocks.set(prepared.pending.sender, settled);
    try {
      return await turn;
    } finally {
      if (senderLocks.get(prepared.pending.sender) === settled) senderLocks.delete(prepared.pending.sender);
    }
  };
  return async (raw) => {
    const bid = { rank: rank(), tip: 0n, feeCap: 0n }; // its place in its batch is taken on arrival, before any await
    const checked = screen(raw, context);
    const baseFee = await context.nextBaseFee();
    const { maxFeePerGas, maxPriorityFeePerGas } = checked;
    if (maxFeePerGas < baseFee) {
      throw new TransactionRejectedError("feeCapTooLow", `maxFeePerGas ${maxFeePerGas} wei is below the next block's base fee ${baseFee} wei`);
    }
    bid.tip = maxFeePerGas - baseFee < maxPriorityFeePerGas ? maxFeePerGas - baseFee : maxPriorityFeePerGas;
    bid.feeCap = maxFeePerGas;
    return queue.run(bid, () => admitChecked(checked, bid), () =>
      new TransactionRejectedError(
        "busy",
        `${queue.waiting} admissions are waiting and none pays less than this one (effective tip ${bid.tip} wei, fee cap ${maxFeePerGas} wei); retry later or pay more`,
      ),
    );
  };
}

const SIGNATURE_FIELDS = new Set(["r", "s", "yParity", "v"]);

/** A decoded transaction that passed every check needing no sender and no state. */
interface Checked {
  raw: Hex;
  bytes: number;
  config: GovernedConfig;
  nonce: bigint;
  gas: bigint;
  value: bigint;
  maxFeePerGas: bigint;
  maxPriorityFeePerGas: bigint;
}

interface Prepared {
  pending: PendingTransaction;
  config: GovernedConfig;
}

/**
 * The checks that need neither the sender nor any state, synchronous: the chain takes
 * transactions, well-formed hex within the governed size, decodable, signed for this chain, gas
 * within the block, tip at least the governed minimum. (The fee cap against the next base fee
 * follows, still before recovery.)
 */
function screen(raw: unknown, context: AdmissionContext): Checked {
  const config = context.config();
  if (!config) throw new TransactionRejectedError("halted", "no governed configuration loaded yet");
  if (typeof raw !== "string" || !HEX.test(raw) || raw.length < 4 || raw.length % 2 !== 0) {
    throw new TransactionRejectedError("malformed", "expected 0x-prefixed hex of a signed transaction");
  }
  const bytes = size(raw as Hex);
  if (bytes > config.maxTxBytes) {
    throw new TransactionRejectedError("oversized", `${bytes} bytes, the governed maximum is ${config.maxTxBytes}`);
  }
  if (config.removed) throw new TransactionRejectedError("chainRemoved", `chain ${context.chainId} was removed from the superchain by governance and the council`);
  if (config.paused) throw new TransactionRejectedError("chainPaused", `chain ${context.chainId} is paused by the Security Council`);
  const halted = context.halted();
  if (halted) throw new TransactionRejectedError("halted", halted);

  let tx: DecodeRawTransactionReturnType;
  try {
    tx = decodeRawTransaction(raw as Hex);
  } catch (error) {
    throw undecodable(error);
  }
  if (tx.chainId !== context.chainId) {
    throw new TransactionRejectedError("wrongChain", `signed for chain ${tx.chainId ?? "none (pre-EIP-155)"}, this is chain ${context.chainId}`);
  }
  const gas = tx.gas;
  const maxFeePerGas = "gasPrice" in tx ? tx.gasPrice : tx.maxFeePerGas;
  const maxPriorityFeePerGas = "gasPrice" in tx ? tx.gasPrice : tx.maxPriorityFeePerGas;
  if (gas > config.maxBlockGas) {
    throw new TransactionRejectedError("gasLimit", `gas ${gas} exceeds the governed block gas ${config.maxBlockGas}`);
  }
  if (maxPriorityFeePerGas < config.minPriorityFeeWei) {
    throw new TransactionRejectedError("underpriced", `tip ${maxPriorityFeePerGas} wei is below the governed minimum ${config.minPriorityFeeWei} wei`);
  }
  return { raw: raw as Hex, bytes, config, nonce: BigInt(tx.nonce), gas, value: tx.value, maxFeePerGas, maxPriorityFeePerGas };
}

/** The rejection for what the lean decoder refused: a missing or out-of-range signature, else malformed. */
function undecodable(error: unknown): TransactionRejectedError {
  if (error instanceof UnsignedTransactionError) return new TransactionRejectedError("badSignature", "the transaction is not signed");
  const message = error instanceof Error ? error.message.split("\n")[0] ?? "" : "undecodable";
  if (error instanceof TransactionFieldError && error.rule === "range" && SIGNATURE_FIELDS.has(error.field)) {
    return new TransactionRejectedError("badSignature", message);
  }
  return new TransactionRejectedError("malformed", message);
}

/** The costly part, in an admission slot: sender recovery, then the sender's nonce and funds (cached per block). */
async function prepare(checked: Checked, bid: AdmissionBid, context: AdmissionContext): Promise<Prepared> {
  const { raw, config, nonce, gas, value, maxFeePerGas } = checked;
  let recovered: RecoveredSender;
  try {
    recovered = context.recover ? await context.recover(raw, bid) : recoverOnThisThread(raw);
  } catch (error) {
    // Recovery that could not run (its worker died twice, shutdown) says nothing about the
    // signature: an internal error the sender may retry, not a refusal.
    if (error instanceof RecoveryUnavailableError) throw error;
    throw new TransactionRejectedError("badSignature", "the signature does not recover to an address");
  }
  const { sender, hash } = recovered;
  const cost = gas * maxFeePerGas + value;
  const account = await accountFor(sender, context, (a) => nonce >= a.nonce && a.balance >= cost);
  if (nonce < account.nonce) throw new TransactionRejectedError("nonceTooLow", `next nonce of ${sender} is ${account.nonce}, got ${nonce}`);
  if (account.balance < cost) {
    throw new TransactionRejectedError("insufficientFunds", `${sender} has ${account.balance} wei, the transaction may cost ${cost}`);
  }

  const pending: PendingTransaction = {
    hash,
    chainId: context.chainId,
    sender,
    nonce,
    raw,
    gas,
    value,
    maxFeePerGas,
    maxPriorityFeePerGas: checked.maxPriorityFeePerGas,
    size: checked.bytes,
    sequence: context.nextSequence(),
    receivedAt: (context.now ?? Date.now)(),
  };
  return { pending, config };
}

/** The sender's account; read afresh when a carried estimate would refuse (`passes` false), so no estimate refuses anything. */
async function accountFor(sender: Address, context: AdmissionContext, passes: (account: Account) => boolean): Promise<Account> {
  const account = await context.account(sender);
  if (!account.estimated || passes(account)) return account;
  return (context.freshAccount ?? context.account)(sender);
}

function recoverOnThisThread(raw: Hex): RecoveredSender {
  const bytes = hexToBytes(raw);
  return { sender: recoverSenderLean(bytes, { keccak256: nobleKeccak256 }), hash: bytesToHex(nobleKeccak256(bytes)) };
}

async function enter({ pending, config }: Prepared, context: AdmissionContext): Promise<Hex> {
  await context.poolSender?.(pending.sender);
  // Cumulative: everything the sender has pooled, less what sits at this nonce (a replacement takes its place), plus this one.
  const spent = context.mempool.senderCost(pending.sender, pending.nonce);
  const account = await accountFor(pending.sender, context, (a) => spent + maxCost(pending) <= a.balance);
  if (spent + maxCost(pending) > account.balance) {
    throw new TransactionRejectedError(
      "insufficientFunds",
      `${pending.sender} has ${account.balance} wei; its pending transactions may cost ${spent} and this one ${maxCost(pending)} more`,
    );
  }
  const verdict = context.mempool.check(pending, { accountNonce: account.nonce, maxPendingPerSender: config.maxPendingPerSender });
  if (!verdict.ok) {
    if (verdict.reason === "alreadyKnown") return pending.hash; // idempotent resubmission
    throw new TransactionRejectedError(verdict.reason, verdict.message);
  }
  const evicts = verdict.evicts ?? [];
  const [written, dropped] = await Promise.allSettled([
    verdict.replaces ? context.store.replace(verdict.replaces, pending) : context.store.add(pending),
    evicts.length > 0 ? context.store.drop(context.chainId, evicts.map((tx) => tx.hash), `evicted for ${pending.hash}, which pays more`) : undefined,
  ]);
  if (dropped.status === "fulfilled" && evicts.length > 0) {
    context.metrics?.transactionsEvicted(context.chainId, "price", evicts.length);
    context.log?.debug("evicted", { chainId: context.chainId, by: pending.hash, evicted: evicts.map((tx) => tx.hash) });
  }
  if (written.status === "rejected") {
    context.mempool.release(verdict);
    if (dropped.status === "fulfilled") context.mempool.remove(evicts.map((tx) => tx.hash));
    const error: unknown = written.reason;
    if (error instanceof StoreDuplicateError) throw new TransactionRejectedError("alreadyKnown", `${pending.hash} is already ${error.status}`);
    throw error;
  }
  // Durable: acknowledged even if dropping the victims failed (they stay; the pool is over by one until they leave).
  if (dropped.status === "rejected") context.mempool.release({ ok: true, evicts });
  const options = admitted(verdict);
  if (dropped.status === "rejected") delete options.evicts;
  context.mempool.insert(pending, { ...options, accountNonce: account.nonce });
  return pending.hash;
}
