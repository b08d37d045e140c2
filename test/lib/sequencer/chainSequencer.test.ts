/**
 * ChainSequencer's caches stay bounded against a real EDR node: asking the pending nonce of many
 * addresses keeps at most `accountCacheLimit` account reads and no nonces; nonces are kept only
 * while a sender has pending transactions.
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
    chain = await sequencedNode("sequencer-caches-", { accountCacheLimit: LIMIT });
  });
  after(async () => {
    await chain?.stop();
  });

  it("keeps at most accountCacheLimit account reads however many addresses are asked about, and no nonces for them", async () => {
    const strangers = Array.from({ length: 5 * LIMIT }, () => privateKeyToAccount(generatePrivateKey()).address);
    for (const address of strangers) assert.equal(await chain.sequencer.pendingNonce(address), 0n);
    assert.deepEqual(chain.sequencer.cacheSizes(), { accounts: LIMIT, nonces: 0 });
  });

  it("keeps a sender's nonce while it has pending transactions and forgets it once they are included", async () => {
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
    const pending = hashes.filter((hash) => chain.sequencer.mempool.has(hash)).length;
    assert.equal(chain.sequencer.cacheSizes().nonces, pending, "one nonce per sender with something pending");
    for (let i = 0; i < 10 && chain.sequencer.mempool.size > 0; i++) await chain.ticks(1);
    assert.equal(chain.sequencer.mempool.size, 0, "all included");
    await chain.ticks(1);
    assert.equal(chain.sequencer.cacheSizes().nonces, 0, "forgotten once nothing is pending");
    assert.ok(chain.sequencer.cacheSizes().accounts <= LIMIT);
  });
});
