/**
 * Admission's rejection classes that need a particular governed configuration or account state,
 * against a scripted context (the end-to-end classes are covered through the RPC in
 * sequencer.test.ts).
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";

import { parseEther, parseGwei, type Hex } from "viem";
import { generatePrivateKey, privateKeyToAccount } from "viem/accounts";

import { createAdmission, type AdmissionContext } from "../../../lib/sequencer/admission.ts";
import type { GovernedConfig } from "../../../lib/sequencer/config/governedConfig.ts";
import { TransactionRejectedError, type RejectionReason } from "../../../lib/sequencer/errors.ts";
import { Mempool } from "../../../lib/sequencer/mempool/index.ts";
import type { PendingTransaction, TransactionStore } from "../../../lib/sequencer/types.ts";

const config: GovernedConfig = {
  chainId: 901,
  version: 1n,
  activatedAt: 0n,
  blockTimeMs: 2_000,
  maxTxPerBlock: 500,
  maxBlockGas: 30_000_000n,
  orderingPolicy: "fifo",
  minPriorityFeeWei: parseGwei("1"),
  maxTxBytes: 131_072,
  maxPendingPerSender: 2,
  commitmentInterval: 10,
  paused: false,
};

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
});
