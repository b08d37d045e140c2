import assert from "node:assert/strict";
import { after, describe, it } from "node:test";

import { parseGwei, recoverTransactionAddress, serializeTransaction, type TransactionSerialized } from "viem";

const asSerialized = (raw: string) => raw as TransactionSerialized;
import { generatePrivateKey, privateKeyToAccount } from "viem/accounts";

import { RecoveryPool } from "../../../lib/sequencer/recovery/pool.ts";
import { nativeRecovery, recoverSender } from "../../../lib/sequencer/recovery/recoverSender.ts";

const account = privateKeyToAccount(generatePrivateKey());
const base = { chainId: 901, nonce: 7, to: account.address, value: 5n, gas: 21_000n } as const;

describe("sender recovery", () => {
  const pool = new RecoveryPool(2);
  after(() => pool.close());

  it("runs on libsecp256k1 from the npm package", () => {
    assert.equal(nativeRecovery, true);
  });

  it("agrees with viem on every transaction type", async () => {
    const raws = [
      await account.signTransaction({ ...base, type: "legacy", gasPrice: parseGwei("1") }),
      await account.signTransaction({ ...base, type: "eip2930", gasPrice: parseGwei("1"), accessList: [] }),
      await account.signTransaction({ ...base, type: "eip1559", maxFeePerGas: parseGwei("2"), maxPriorityFeePerGas: 1n, data: "0x1234" }),
    ];
    for (const raw of raws.map(asSerialized)) {
      assert.equal(await recoverSender(raw), account.address);
      assert.equal(await recoverSender(raw), await recoverTransactionAddress({ serializedTransaction: raw }));
      assert.equal(await pool.recover(raw), account.address, "through the worker pool");
    }
  });

  it("rejects a signature that recovers to nothing", async () => {
    const unsigned = { ...base, type: "eip1559", maxFeePerGas: 1n, maxPriorityFeePerGas: 1n } as const;
    const raw = serializeTransaction(unsigned, { r: `0x${"00".repeat(32)}`, s: `0x${"00".repeat(32)}`, yParity: 0 });
    await assert.rejects(recoverSender(raw));
    await assert.rejects(pool.recover(raw));
  });

  it("recovers many concurrent requests in order", async () => {
    const accounts = Array.from({ length: 50 }, () => privateKeyToAccount(generatePrivateKey()));
    const raws = await Promise.all(accounts.map((a) => a.signTransaction({ ...base, type: "eip1559", maxFeePerGas: 1n, maxPriorityFeePerGas: 1n })));
    const senders = await Promise.all(raws.map((raw) => pool.recover(raw)));
    assert.deepEqual(senders, accounts.map((a) => a.address));
  });
});
