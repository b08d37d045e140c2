/**
 * ChainSequencer's caches stay bounded against a real EDR node: asking the pending nonce of many
 * addresses keeps at most the txpool's `accountCacheSize` account reads, and a block forgets them.
 */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";

import { parseGwei } from "viem";
import { generatePrivateKey, privateKeyToAccount } from "viem/accounts";

import { devAccount } from "../../../lib/devnet/accounts.ts";
import { CHAIN_ID, sequencedNode, type SequencedNode } from "../../helpers/sequencedNode.ts";

const LIMIT = 8;

describe("ChainSequencer caches", () => {
  let chain: SequencedNode;
  before(async () => {
    chain = await sequencedNode("sequencer-caches-", { txpool: { accountCacheSize: LIMIT } });
  });
  after(async () => {
    await chain?.stop();
  });

  it("keeps at most accountCacheSize account reads however many addresses are asked about", async () => {
    const strangers = Array.from({ length: 5 * LIMIT }, () => privateKeyToAccount(generatePrivateKey()).address);
    for (const address of strangers) assert.equal(await chain.sequencer.pendingNonce(address), 0n);
    assert.deepEqual(chain.sequencer.cacheSizes(), { accounts: LIMIT });
  });

  it("forgets account reads at every block, so what senders admitted leaves no trace once included", async () => {
    const senders = [devAccount(11), devAccount(12), devAccount(13)];
    const hashes = await Promise.all(
      senders.map(async (sender) =>
        chain.sequencer.admit(
          await sender.signTransaction({
            type: "eip1559",
            chainId: CHAIN_ID,
            to: sender.address,
            value: 0n,
            gas: 21_000n,
            maxFeePerGas: parseGwei("20"),
            maxPriorityFeePerGas: parseGwei("1"),
            nonce: Number(await chain.sequencer.pendingNonce(sender.address)),
          }),
        ),
      ),
    );
    assert.ok(chain.sequencer.cacheSizes().accounts >= 1, "admission read the senders' accounts");
    for (let i = 0; i < 10 && chain.sequencer.mempool.size > 0; i++) await chain.ticks(1);
    assert.equal(chain.sequencer.mempool.size, 0, "all included");
    await chain.ticks(1);
    assert.equal(chain.sequencer.cacheSizes().accounts, 0, "forgotten once a block was built");
    assert.equal(hashes.length, senders.length);
  });
});
