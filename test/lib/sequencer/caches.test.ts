/**
 * ChainSequencer's caches stay bounded against a real EDR node: asking the pending nonce of many
 * addresses keeps at most the txpool's `accountCacheSize` account reads, carried across blocks
 * for `accountStateTtlMs` — a block's senders and the accounts it paid carried as lower bounds,
 * read afresh before admission refuses on them.
 */
import assert from "node:assert/strict";
import { after, before, beforeEach, describe, it } from "node:test";

import { parseEther, parseGwei, type Address } from "viem";
import { generatePrivateKey, privateKeyToAccount, type PrivateKeyAccount } from "viem/accounts";

import { devAccount } from "../../../lib/devnet/accounts.ts";
import { systemClock } from "../../../lib/sequencer/clock.ts";
import { CHAIN_ID, sequencedNode, type SequencedNode } from "../../helpers/sequencedNode.ts";

const LIMIT = 8;
const TTL_MS = 60_000;

const transfer = async (from: Pick<PrivateKeyAccount, "address" | "signTransaction">, to: Address, value: bigint, chain: SequencedNode) =>
  chain.sequencer.admit(
    await from.signTransaction({
      type: "eip1559",
      chainId: CHAIN_ID,
      to,
      value,
      gas: 21_000n,
      maxFeePerGas: parseGwei("20"),
      maxPriorityFeePerGas: parseGwei("1"),
      nonce: Number(await chain.sequencer.pendingNonce(from.address)),
    }),
  );

const stranger = () => privateKeyToAccount(generatePrivateKey());

describe("ChainSequencer caches", () => {
  let chain: SequencedNode;
  let clock = 1_000_000;
  before(async () => {
    chain = await sequencedNode("sequencer-caches-", { txpool: { accountCacheSize: LIMIT, accountStateTtlMs: TTL_MS }, clock: { ...systemClock, now: () => clock } });
  });
  after(async () => {
    await chain?.stop();
  });
  beforeEach(async () => {
    clock += TTL_MS; // every read of an earlier test is past its time to live at the next block
    await chain.ticks(1);
  });

  it("keeps at most accountCacheSize account reads however many addresses are asked about", async () => {
    const strangers = Array.from({ length: 5 * LIMIT }, () => stranger().address);
    for (const address of strangers) assert.equal(await chain.sequencer.pendingNonce(address), 0n);
    assert.deepEqual(chain.sequencer.cacheSizes(), { accounts: LIMIT });
  });

  it("carries a block's senders forward (next nonce, balance a lower bound) and reads afresh before refusing on that estimate", async () => {
    const spender = stranger();
    await transfer(devAccount(11), spender.address, parseEther("0.001"), chain); // 1e15 wei
    for (let i = 0; i < 10 && chain.sequencer.mempool.size > 0; i++) await chain.ticks(1);
    await transfer(spender, spender.address, 0n, chain); // may cost 21,000 × 20 gwei = 4.2e14; costs far less
    for (let i = 0; i < 10 && chain.sequencer.mempool.size > 0; i++) await chain.ticks(1);
    assert.equal(chain.sequencer.mempool.size, 0, "both included");
    const before = chain.sequencer.cacheSizes().accounts;
    assert.equal(await chain.sequencer.pendingNonce(spender.address), 1n, "the carried nonce is the next one");
    assert.equal(chain.sequencer.cacheSizes().accounts, before, "from the cache, not a new read");
    // 5e14 + 4.2e14 is more than the estimate (1e15 − 4.2e14) but less than the real balance: admitted after a fresh read.
    assert.match(await transfer(spender, spender.address, 500_000_000_000_000n, chain), /^0x[0-9a-f]{64}$/);
  });

  it("keeps an untouched account's read across blocks until its time to live; a paid one's old balance is only a lower bound", async () => {
    const [idle, paid] = [stranger(), stranger()];
    await chain.sequencer.pendingNonce(idle.address);
    await chain.sequencer.pendingNonce(paid.address);
    await chain.ticks(2);
    assert.equal(chain.sequencer.cacheSizes().accounts, 2, "both unfunded reads outlive two blocks");

    await transfer(devAccount(14), paid.address, parseEther("1"), chain);
    for (let i = 0; i < 10 && chain.sequencer.mempool.size > 0; i++) await chain.ticks(1);
    assert.equal(chain.sequencer.mempool.size, 0, "the payment is included");
    assert.equal(chain.sequencer.cacheSizes().accounts, 3, "the idle, the paid and the payer's reads are all carried");
    // The paid account's carried balance (0) is an estimate: read afresh before refusing, its transaction is admitted.
    assert.match(await transfer(paid, paid.address, 0n, chain), /^0x[0-9a-f]{64}$/);

    clock += TTL_MS;
    await chain.ticks(1);
    assert.equal(chain.sequencer.cacheSizes().accounts, 0, "past its time to live, the idle read is forgotten too");
  });
});
