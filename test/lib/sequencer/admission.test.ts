/**
 * Admission's rejection classes that need a particular governed configuration or account state,
 * against a scripted context (the end-to-end classes are covered through the RPC in
 * sequencer.test.ts).
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";

import { hexToBigInt, keccak256, numberToHex, parseEther, parseGwei, parseTransaction, recoverTransactionAddress, serializeTransaction, type Address, type Hex, type TransactionSerialized } from "viem";
import { generatePrivateKey, privateKeyToAccount } from "viem/accounts";

import { OrderingPolicy } from "../../../lib/governance/parameters.ts";
import { createAdmission, type AdmissionContext } from "../../../lib/sequencer/admission.ts";
import type { GovernedConfig } from "../../../lib/sequencer/config/governedConfig.ts";
import { TransactionRejectedError, type RejectionReason } from "../../../lib/sequencer/errors.ts";
import { Mempool } from "../../../lib/sequencer/mempool/index.ts";
import { RecoveryUnavailableError, SenderNotRecoveredError } from "../../../lib/sequencer/recovery/errors.ts";
import type { PendingTransaction, TransactionStore } from "../../../lib/sequencer/types.ts";

const config: GovernedConfig = {
  chainId: 901,
  version: 1n,
  activatedAt: 0n,
  blockTimeMs: 2_000,
  maxTxPerBlock: 500,
  maxBlockGas: 30_000_000n,
  orderingPolicy: OrderingPolicy.Fifo,
  minPriorityFeeWei: parseGwei("1"),
  maxTxBytes: 131_072,
  maxPendingPerSender: 2,
  commitmentInterval: 10,
  paused: false,
};

/** A recovery that counts its calls and, while `hold` is set, waits for `release()` (the order it was asked in is kept). */
function gatedRecovery() {
  const asked: Hex[] = [];
  let gate: Promise<void> | undefined;
  let open = () => {};
  const recovery = {
    asked,
    hold() {
      gate = new Promise<void>((resolve) => (open = resolve));
    },
    release() {
      gate = undefined;
      open();
    },
    recover: async (raw: Hex): Promise<{ sender: Address; hash: Hex }> => {
      asked.push(raw);
      await gate;
      return { sender: await recoverTransactionAddress({ serializedTransaction: raw as TransactionSerialized }), hash: keccak256(raw) };
    },
  };
  return recovery;
}

const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

function context(overrides: Partial<AdmissionContext> = {}, governed: Partial<GovernedConfig> = {}) {
  const stored: PendingTransaction[] = [];
  const store = {
    add: async (tx: PendingTransaction) => void stored.push(tx),
    replace: async (_old: Hex, tx: PendingTransaction) => void stored.push(tx),
    drop: async () => undefined,
  } as unknown as TransactionStore;
  let sequence = 0n;
  const ctx: AdmissionContext = {
    chainId: 901,
    config: () => ({ ...config, ...governed }),
    halted: () => undefined,
    account: async () => ({ nonce: 0n, balance: parseEther("1") }),
    nextBaseFee: async () => parseGwei("1"),
    mempool: new Mempool({ maxPendingTotal: 3 }),
    store,
    nextSequence: () => sequence++,
    ...overrides,
  };
  return { admit: createAdmission(ctx), stored };
}

const account = privateKeyToAccount(generatePrivateKey());
const sign = (nonce: number, tip = parseGwei("1"), fee = parseGwei("2")) =>
  account.signTransaction({ type: "eip1559", chainId: 901, nonce, to: account.address, value: 0n, gas: 21_000n, maxFeePerGas: fee, maxPriorityFeePerGas: tip });

async function rejects(promise: Promise<unknown>, reason: RejectionReason) {
  await assert.rejects(promise, (error: unknown) => error instanceof TransactionRejectedError && error.reason === reason);
}

describe("admission", () => {
  it("acknowledges only after the store has the transaction", async () => {
    const { admit, stored } = context();
    const hash = await admit(await sign(0));
    assert.equal(stored.length, 1);
    assert.equal(stored[0]?.hash, hash);
    assert.equal(stored[0]?.sender, account.address);
  });

  it("refuses a tip below the governed minimum", async () => {
    const { admit } = context();
    await rejects(admit(await sign(0, parseGwei("0.5"))), "underpriced");
  });

  it("refuses a sender over the governed pending limit, and a full mempool unless it pays more", async () => {
    const { admit } = context();
    await admit(await sign(0));
    await admit(await sign(1));
    await rejects(admit(await sign(2)), "senderLimit");
    const other = privateKeyToAccount(generatePrivateKey());
    const raw = (nonce: number) => other.signTransaction({ type: "eip1559", chainId: 901, nonce, to: other.address, value: 0n, gas: 21_000n, maxFeePerGas: parseGwei("2"), maxPriorityFeePerGas: parseGwei("1") });
    await admit(await raw(0)); // the third of three
    const third = privateKeyToAccount(generatePrivateKey());
    const bid = (tip: bigint) => third.signTransaction({ type: "eip1559", chainId: 901, nonce: 0, to: third.address, value: 0n, gas: 21_000n, maxFeePerGas: parseGwei("3"), maxPriorityFeePerGas: tip });
    await rejects(admit(await bid(parseGwei("1"))), "underpriced");
    assert.match(await admit(await bid(parseGwei("1.5"))), /^0x/, "a better tip evicts the cheapest");
  });

  it("refuses a fee cap under the next base fee before reading any state", async () => {
    let reads = 0;
    const { admit } = context({ account: async () => (reads++, { nonce: 0n, balance: parseEther("1") }), nextBaseFee: async () => parseGwei("5") });
    await rejects(admit(await sign(0, parseGwei("1"), parseGwei("4"))), "feeCapTooLow");
    assert.equal(reads, 0);
  });

  it("checks the sender's cumulative cost against its balance; a replacement counts only itself", async () => {
    const each = 21_000n * parseGwei("2");
    const { admit } = context({ account: async () => ({ nonce: 0n, balance: 2n * each }) }, { maxPendingPerSender: 8 });
    await admit(await sign(0));
    await admit(await sign(1));
    await rejects(admit(await sign(2)), "insufficientFunds");
    // Replacing nonce 1 at +10% costs a little more than the balance leaves: refused; the same fee cap with a higher tip fits.
    await rejects(admit(await sign(1, parseGwei("1.1"), parseGwei("2.2"))), "insufficientFunds");
  });

  it("refuses everything while paused, removed, halted, or before any configuration is known", async () => {
    await rejects(context({}, { paused: true }).admit(await sign(0)), "chainPaused");
    await rejects(context({}, { removed: true }).admit(await sign(0)), "chainRemoved");
    await rejects(context({ halted: () => "governance requires 9.0.0" }).admit(await sign(0)), "halted");
    await rejects(context({ config: () => undefined }).admit(await sign(0)), "halted");
  });

  it("refuses a signature that names no sender as badSignature, and answers a recovery that could not run as an internal error", async () => {
    const { admit, stored } = context({ recover: async () => Promise.reject(new SenderNotRecoveredError("invalid point")) });
    await rejects(admit(await sign(0)), "badSignature");
    const unavailable = context({ recover: async () => Promise.reject(new RecoveryUnavailableError("workerDied")) });
    // Not a refusal: the RPC answers -32603 and the sender may retry.
    await assert.rejects(unavailable.admit(await sign(0)), RecoveryUnavailableError);
    assert.equal(stored.length + unavailable.stored.length, 0);
  });

  it("treats a resubmission of a pending transaction as already acknowledged", async () => {
    const { admit, stored } = context();
    const raw = await sign(0);
    assert.equal(await admit(raw), await admit(raw));
    assert.equal(stored.length, 1, "stored once");
  });

  it("serializes one sender's racing transactions so a nonce is taken once", async () => {
    const { admit, stored } = context();
    const [a, b] = [await sign(0, parseGwei("1")), await sign(0, parseGwei("1"), parseGwei("3"))];
    const results = await Promise.allSettled([admit(a), admit(b)]);
    assert.equal(results.filter((r) => r.status === "fulfilled").length, 1, "one wins the nonce");
    assert.equal(stored.length, 1);
  });

  it("refuses what needs no sender before recovering any signature", async () => {
    const recovery = gatedRecovery();
    const { admit } = context({ recover: recovery.recover, nextBaseFee: async () => parseGwei("2") }, { maxBlockGas: 100_000n });
    const other = (fields: { chainId?: number; gas?: bigint }) =>
      account.signTransaction({ type: "eip1559", chainId: fields.chainId ?? 901, nonce: 0, to: account.address, value: 0n, gas: fields.gas ?? 21_000n, maxFeePerGas: parseGwei("3"), maxPriorityFeePerGas: parseGwei("1") });
    await rejects(admit(await other({ chainId: 902 })), "wrongChain");
    await rejects(admit(await other({ gas: 200_000n })), "gasLimit");
    await rejects(admit(await sign(0, parseGwei("0.5"), parseGwei("3"))), "underpriced");
    await rejects(admit(await sign(0, parseGwei("1"), parseGwei("1.5"))), "feeCapTooLow");
    await rejects(admit(`0x${"ab".repeat(131_073)}`), "oversized");
    assert.equal(recovery.asked.length, 0, "no recovery for any of them");
    await admit(await sign(0, parseGwei("1"), parseGwei("3")));
    assert.equal(recovery.asked.length, 1, "the payable one is recovered");
  });

  it("decodes strictly before any recovery: blob, non-canonical and unsigned transactions are malformed, a high-s signature is bad", async () => {
    const recovery = gatedRecovery();
    const { admit } = context({ recover: recovery.recover });
    const good = await sign(0);
    const fields = parseTransaction(good);
    // EIP-2: the same signature with s' = n − s (and the other parity) recovers the same key; it must be refused.
    const n = 0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141n;
    const highS = serializeTransaction({ ...fields, r: undefined, s: undefined, v: undefined, yParity: undefined }, {
      r: fields.r!,
      s: numberToHex(n - hexToBigInt(fields.s!), { size: 32 }),
      yParity: fields.yParity === 0 ? 1 : 0,
    });
    await rejects(admit(highS), "badSignature");
    const unsigned = serializeTransaction({ ...fields, r: undefined, s: undefined, v: undefined, yParity: undefined });
    await rejects(admit(unsigned), "badSignature");
    await rejects(admit(`0x03${good.slice(4)}`), "malformed"); // a blob transaction's type byte
    await rejects(admit(`${good}00`), "malformed"); // a byte after the transaction
    await rejects(admit(`0x02${"c0"}`), "malformed"); // an empty field list
    await assert.rejects(admit(`0x03${good.slice(4)}`), /Blob transactions \(type 0x03\) are not accepted/);
    assert.equal(recovery.asked.length, 0, "none of them reached recovery");
    await admit(good);
    assert.equal(recovery.asked.length, 1);
  });

  it("when the admission queue is full, refuses the lowest bid with a limit error and admits a higher one", async () => {
    const recovery = gatedRecovery();
    const { admit, stored } = context({ recover: recovery.recover, queue: { capacity: 1, concurrency: 1 } }, { maxPendingPerSender: 8 });
    const [a, b, c, d] = [1, 2, 3, 4].map(() => privateKeyToAccount(generatePrivateKey()));
    const bid = (who: typeof a, tip: string) =>
      who!.signTransaction({ type: "eip1559", chainId: 901, nonce: 0, to: who!.address, value: 0n, gas: 21_000n, maxFeePerGas: parseGwei("10"), maxPriorityFeePerGas: parseGwei(tip) });
    const [first, low, high, lower] = await Promise.all([bid(a, "1"), bid(b, "1"), bid(c, "3"), bid(d, "2")]);
    recovery.hold();
    const running = admit(first); // takes the one slot
    await nextTurn();
    const waiting = admit(low); // the one place in the queue
    await nextTurn();
    const better = admit(high); // beats the waiting bid: takes its place
    let busy: unknown;
    await waiting.catch((error: unknown) => (busy = error));
    assert.ok(busy instanceof TransactionRejectedError && busy.reason === "busy", `the lowest bid is refused, got ${String(busy)}`);
    assert.equal(busy.code, -32005);
    assert.match(busy.shortMessage, /^limit exceeded: .*effective tip 1000000000 wei/);
    await rejects(admit(lower), "busy"); // does not beat the 3 gwei one waiting: refused at once
    assert.equal(recovery.asked.length, 1, "refused bids cost no recovery");
    recovery.release();
    assert.deepEqual(await Promise.all([running, better]), [stored[0]?.hash, stored[1]?.hash]);
    assert.deepEqual(stored.map((tx) => tx.sender), [a!.address, c!.address]);
  });

  it("serves equal bids one per batch first: a single request is not queued behind another batch", async () => {
    const recovery = gatedRecovery();
    const { admit } = context({ recover: recovery.recover, queue: { capacity: 16, concurrency: 1 }, mempool: new Mempool({ maxPendingTotal: 8 }) });
    const senders = [1, 2, 3, 4].map(() => privateKeyToAccount(generatePrivateKey()));
    const [b0, b1, b2, single] = await Promise.all(
      senders.map((who) => who.signTransaction({ type: "eip1559", chainId: 901, nonce: 0, to: who.address, value: 0n, gas: 21_000n, maxFeePerGas: parseGwei("2"), maxPriorityFeePerGas: parseGwei("1") })),
    );
    recovery.hold();
    const batch = [b0, b1, b2].map((raw) => admit(raw)); // one turn: ranks 0, 1, 2
    await nextTurn();
    const alone = admit(single!); // a later turn: rank 0
    await nextTurn();
    recovery.release();
    await Promise.all([...batch, alone]);
    assert.deepEqual(recovery.asked, [b0, single, b1, b2]);
  });
});
