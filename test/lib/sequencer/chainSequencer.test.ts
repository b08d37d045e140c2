/**
 * The txpool's economics end to end: one member chain's sequencer (admission, mempool, keeper,
 * durable store) driving a real EDR node, with the governed configuration scripted per test and
 * an injected clock. Blocks are awaited as events, never slept for.
 */
import assert from "node:assert/strict";
import { EventEmitter, once } from "node:events";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, afterEach, before, describe, it } from "node:test";

import { keccak256, numberToHex, parseEther, parseGwei, type Hex, type PrivateKeyAccount } from "viem";
import { generatePrivateKey, privateKeyToAccount } from "viem/accounts";

import { freePort, startNode, stopNode, type RunningNode } from "../../../lib/devnet/nodes.ts";
import { OrderingPolicy } from "../../../lib/governance/parameters.ts";
import { jsonRpcClient } from "../../../lib/rpc/jsonRpc.ts";
import { ChainSequencer } from "../../../lib/sequencer/chainSequencer.ts";
import { systemClock } from "../../../lib/sequencer/clock.ts";
import type { GovernedConfig } from "../../../lib/sequencer/config/governedConfig.ts";
import { devnetEngine } from "../../../lib/sequencer/engine/devnetEngine.ts";
import type { BuiltBlock } from "../../../lib/sequencer/engine/types.ts";
import { TransactionRejectedError, type RejectionReason } from "../../../lib/sequencer/errors.ts";
import { DEFAULT_TXPOOL_OPTIONS, type TxpoolOptions } from "../../../lib/sequencer/mempool/index.ts";
import { openSqliteStore, type SqliteTransactionStore } from "../../../lib/sequencer/store/index.ts";

const CHAIN = 901;
const dir = mkdtempSync(join(tmpdir(), "txpool-"));
const GAS = 21_000n;

describe("the txpool against a real EDR node", () => {
  let node: RunningNode;
  let store: SqliteTransactionStore;
  let sequence = 0n;
  let stores = 0;
  const running: ChainSequencer[] = [];
  const rpc = <T>(method: string, params: unknown[] = []) => jsonRpcClient(node.rpcUrl).request<T>(method, params);

  /** A fresh key holding `balance` on the node. */
  async function funded(balance: bigint): Promise<PrivateKeyAccount> {
    const account = privateKeyToAccount(generatePrivateKey());
    await rpc("hardhat_setBalance", [account.address, numberToHex(balance)]);
    return account;
  }
  const sign = (account: PrivateKeyAccount, nonce: number, fees: { tip?: bigint; cap?: bigint; value?: bigint } = {}) =>
    account.signTransaction({
      type: "eip1559",
      chainId: CHAIN,
      nonce,
      to: account.address,
      value: fees.value ?? 0n,
      gas: GAS,
      maxFeePerGas: fees.cap ?? parseGwei("5"),
      maxPriorityFeePerGas: fees.tip ?? parseGwei("1"),
    });

  /** A started sequencer on a fresh store (or the last one, to restart); `governed` may be changed between blocks. */
  async function sequencer(txpool: Partial<TxpoolOptions> = {}, extra: { operators?: PrivateKeyAccount[]; now?: () => number; sameStore?: boolean } = {}) {
    if (!extra.sameStore) {
      store?.close();
      store = openSqliteStore(join(dir, `store-${++stores}.sqlite`));
    }
    const governed: GovernedConfig = {
      chainId: CHAIN, version: 1n, activatedAt: 0n, blockTimeMs: 100, maxTxPerBlock: 0, maxBlockGas: 30_000_000n,
      orderingPolicy: OrderingPolicy.PriorityFee, minPriorityFeeWei: 0n, maxTxBytes: 131_072, maxPendingPerSender: 64, commitmentInterval: 0, paused: false,
    };
    const blocks = new EventEmitter();
    const chain = new ChainSequencer({
      chainId: CHAIN,
      name: "base-local",
      engine: devnetEngine({ chainId: CHAIN, rpcUrl: node.rpcUrl }),
      store,
      readConfig: async () => ({ config: { ...governed }, hubReachable: true }),
      nextSequence: () => {
        if (sequence < store.nextSequence()) sequence = store.nextSequence();
        return sequence++;
      },
      txpool,
      operators: (extra.operators ?? []).map((a) => a.address),
      ...(extra.now ? { clock: { ...systemClock, now: extra.now } } : {}),
      onBlock: (block) => blocks.emit("block", block),
    });
    await chain.start();
    running.push(chain);
    /** Resolves after the next `count` blocks were built and settled. */
    const nextBlocks = async (count = 2) => {
      for (let i = 0; i < count; i++) await once(blocks, "block");
    };
    /** The next block built and settled. */
    const nextBlock = async () => (await once(blocks, "block"))[0] as BuiltBlock;
    return { chain, governed, nextBlocks, nextBlock };
  }

  async function refused(promise: Promise<unknown>, reason: RejectionReason): Promise<TransactionRejectedError> {
    let caught: unknown;
    await promise.catch((error: unknown) => (caught = error));
    assert.ok(caught instanceof TransactionRejectedError, `expected a ${reason} rejection, got ${String(caught)}`);
    assert.equal(caught.reason, reason, caught.message);
    return caught;
  }
  const stop = async (chain: ChainSequencer) => {
    running.splice(running.indexOf(chain), 1);
    await chain.stop();
  };

  before(async () => {
    node = await startNode({ name: "txpool", chainId: CHAIN, chainType: "op", port: await freePort(), logFile: join(dir, "node.log") });
  });
  afterEach(async () => {
    for (const chain of running.splice(0)) await chain.stop();
  });
  after(async () => {
    store?.close();
    if (node) await stopNode(node);
  });

  it("refuses a zero-fee flood from 1,000 unfunded keys, and a fee cap under the base fee, while a funded transaction gets in", async () => {
    const { chain, governed, nextBlocks } = await sequencer();
    const flood = await Promise.all(
      Array.from({ length: 1_000 }, (_, i) => sign(privateKeyToAccount(generatePrivateKey()), i % 7, { tip: 0n, cap: i % 2 === 0 ? 0n : parseGwei("5") })),
    );
    const honest = await funded(parseEther("1"));
    const [results, hash] = await Promise.all([Promise.allSettled(flood.map((raw) => chain.admit(raw))), chain.admit(await sign(honest, 0))]);
    const reasons = results.map((r) => (r.status === "rejected" && r.reason instanceof TransactionRejectedError ? r.reason.reason : "admitted"));
    assert.equal(reasons.filter((r) => r === "feeCapTooLow").length, 500, "zero fee caps: under the base fee");
    const busy = reasons.filter((r) => r === "busy").length;
    assert.equal(reasons.filter((r) => r === "insufficientFunds").length + busy, 500, "fee-paying but unfunded, or beyond the admission queue");
    assert.ok(500 - busy >= DEFAULT_TXPOOL_OPTIONS.admissionQueueSize, "a full queue's worth is checked; only the burst beyond it is refused as busy");
    assert.equal(chain.mempool.size, 1, "only the funded transaction is pooled");

    const baseFee = await devnetEngine({ chainId: CHAIN, rpcUrl: node.rpcUrl }).nextBaseFee();
    const low = await refused(chain.admit(await sign(honest, 1, { cap: baseFee / 2n, tip: 0n })), "feeCapTooLow");
    assert.equal(low.code, -32000);
    assert.match(low.shortMessage, /^fee cap below base fee: maxFeePerGas \d+ wei is below the next block's base fee \d+ wei$/);

    governed.maxTxPerBlock = 100;
    while (!store.inclusion(hash)) await nextBlocks(1);
    assert.equal(chain.mempool.size, 0);
  });

  it("checks a sender's cumulative cost against its balance; a replacement counts only once", async () => {
    const { chain } = await sequencer();
    const cost = GAS * parseGwei("5");
    const account = await funded(2n * cost + cost / 10n);
    await chain.admit(await sign(account, 0));
    await chain.admit(await sign(account, 1));
    const over = await refused(chain.admit(await sign(account, 2)), "insufficientFunds");
    assert.match(over.message, /pending transactions may cost/);
    await chain.admit(await sign(account, 1, { cap: parseGwei("5.5"), tip: parseGwei("1.1") })); // 2.1 × cost in all
    assert.equal(chain.mempool.senderCount(account.address), 2);
  });

  it("on a full pool a better effective tip evicts the cheapest, durably; a dropped raw transaction is later evaluated afresh", async () => {
    const { chain, governed, nextBlocks } = await sequencer({ maxPendingTotal: 3 });
    const accounts = await Promise.all([1, 2, 3, 4].map(() => funded(parseEther("1"))));
    const cheapest = await sign(accounts[0]!, 0, { tip: parseGwei("0.5") });
    const cheapHash = await chain.admit(cheapest);
    for (const account of accounts.slice(1, 3)) await chain.admit(await sign(account, 0, { tip: parseGwei("1") }));
    const late = accounts[3]!;
    const underpriced = await refused(chain.admit(await sign(late, 0, { tip: parseGwei("0.5") })), "underpriced");
    assert.match(underpriced.message, /mempool is full/);
    const better = await chain.admit(await sign(late, 0, { tip: parseGwei("2") }));
    assert.equal(chain.mempool.has(cheapHash), false, "the cheapest left");
    assert.ok(chain.mempool.has(better));
    assert.ok(!store.loadPending(CHAIN).some((tx) => tx.hash === cheapHash), "and left the store's pending set");

    // Resubmitted while the pool is still full: judged like any new transaction, not "already known".
    await refused(chain.admit(cheapest), "underpriced");
    governed.maxTxPerBlock = 100;
    await nextBlocks();
    assert.equal(await chain.admit(cheapest), cheapHash, "with room it is admitted again");
    while (!store.inclusion(cheapHash)) await nextBlocks(1);
  });

  it("bounds a gapped flood, which never pushes out executable heads", async () => {
    const { chain } = await sequencer({ maxPendingTotal: 3, maxQueuedPerSender: 4, maxQueuedTotal: 8 });
    const heads = await Promise.all([1, 2, 3].map(async () => chain.admit(await sign(await funded(parseEther("1")), 0, { tip: 1n }))));
    const flooders = await Promise.all([1, 2, 3, 4, 5].map(() => funded(parseEther("1"))));
    const reasons: string[] = [];
    for (const account of flooders) {
      // Each flooder sends ten gapped nonces at once; the flooders one after another.
      const raws = await Promise.all(Array.from({ length: 10 }, (_, i) => sign(account, 5 + i, { tip: parseGwei("3") })));
      const results = await Promise.allSettled(raws.map((raw) => chain.admit(raw)));
      reasons.push(...results.map((r) => (r.status === "rejected" && r.reason instanceof TransactionRejectedError ? r.reason.reason : "admitted")));
    }
    assert.deepEqual(reasons.slice(0, 10), [...Array(4).fill("admitted"), ...Array(6).fill("queuedLimit")], "four per sender");
    assert.equal(chain.mempool.queuedCount, 8, "the queue bound");
    assert.deepEqual(reasons.slice(20), Array(30).fill("mempoolFull"), "then the queue is full: equal tips displace nothing");
    for (const head of heads) assert.ok(chain.mempool.has(head), "every executable head stays");
    assert.equal(chain.mempool.pendingCount, 3);
  });

  it("evicts a fee cap under the base fee once it has been under for baseFeeGraceBlocks consecutive blocks, durably", async () => {
    const { chain, nextBlock } = await sequencer({ baseFeeGraceBlocks: 3 }); // maxTxPerBlock 0: nothing is selected, it only waits
    const hash = await chain.admit(await sign(await funded(parseEther("1")), 0, { cap: parseGwei("5") }));
    const usual = (await nextBlock()).baseFeePerGas;
    await rpc("hardhat_setNextBlockBaseFeePerGas", [numberToHex(parseGwei("100"))]);
    while ((await nextBlock()).baseFeePerGas < parseGwei("50")) {
      // until the block that takes the raised base fee; the next base fee stays far above the 5 gwei cap from there
    }
    assert.ok(chain.mempool.has(hash), "one block under: kept");
    await nextBlock();
    assert.ok(chain.mempool.has(hash), "two blocks under: kept");
    await nextBlock();
    assert.equal(chain.mempool.has(hash), false, "three blocks under: evicted");
    assert.ok(!store.loadPending(CHAIN).some((tx) => tx.hash === hash), "dropped in the store too");
    assert.equal(store.inclusion(hash), undefined);
    // The node is shared: put its base fee back for the tests that follow.
    await rpc("hardhat_setNextBlockBaseFeePerGas", [numberToHex(usual)]);
    while ((await nextBlock()).baseFeePerGas > usual) {
      // until the block that takes it
    }
  });

  it("admits the operator's transaction on a full pool", async () => {
    const operator = await funded(parseEther("1"));
    const { chain } = await sequencer({ maxPendingTotal: 2, operatorReserve: 2 }, { operators: [operator] });
    for (const tip of [parseGwei("3"), parseGwei("4")]) await chain.admit(await sign(await funded(parseEther("1")), 0, { tip }));
    await refused(chain.admit(await sign(await funded(parseEther("1")), 0, { tip: parseGwei("1") })), "underpriced");
    const hash = await chain.admit(await sign(operator, 0, { tip: 1n }));
    assert.ok(chain.mempool.has(hash));
    assert.equal(chain.mempool.pendingCount, 3);
  });

  it("records a transaction mined without being selected as included, and evicts by lifetime on the injected clock", async () => {
    let clock = Date.now();
    const { chain, governed, nextBlocks } = await sequencer({ lifetimeMs: 60_000 }, { now: () => clock });
    const account = await funded(parseEther("1"));
    const raw = await sign(account, 0);
    const hash = await chain.admit(raw);
    const aging = await chain.admit(await sign(await funded(parseEther("1")), 3)); // gapped: stays until it expires
    // Someone hands the same transaction to the node, which mines it outside the sequencer's selection.
    await rpc("eth_sendRawTransaction", [raw]);
    await rpc("evm_mine", []);
    const minedIn = BigInt(((await rpc<{ blockNumber: Hex }>("eth_getTransactionReceipt", [hash])).blockNumber));
    governed.maxTxPerBlock = 100;
    while (chain.mempool.has(hash)) await nextBlocks(1);
    assert.deepEqual(store.inclusion(hash), { chainId: CHAIN, blockNumber: minedIn }, "included where the chain has it, not dropped");

    assert.ok(chain.mempool.has(aging));
    clock += 61_000;
    await nextBlocks();
    assert.equal(chain.mempool.has(aging), false, "older than the lifetime");
    assert.ok(!store.loadPending(CHAIN).some((tx) => tx.hash === aging));
  });

  it("reloads after a restart only what can still execute", async () => {
    const first = await sequencer();
    const [stale, drained, good] = await Promise.all([1, 2, 3].map(() => funded(parseEther("1"))));
    const staleHash = await first.chain.admit(await sign(stale!, 0));
    const drainedHash = await first.chain.admit(await sign(drained!, 0));
    const goodHash = await first.chain.admit(await sign(good!, 0));
    await stop(first.chain); // the node mines on its own again
    // While the sequencer is down: the stale sender's nonce 0 is used by another transaction, the drained one is emptied.
    const other = await sign(stale!, 0, { tip: parseGwei("2"), cap: parseGwei("10") });
    await rpc("eth_sendRawTransaction", [other]);
    await rpc("hardhat_setBalance", [drained!.address, "0x0"]);

    const second = await sequencer({}, { sameStore: true });
    assert.equal(second.chain.mempool.size, 1);
    assert.ok(second.chain.mempool.has(goodHash));
    const pending = new Set(store.loadPending(CHAIN).map((tx) => tx.hash));
    assert.ok(pending.has(goodHash) && !pending.has(staleHash) && !pending.has(drainedHash), "the store agrees");
    assert.equal(store.inclusion(staleHash), undefined, "the stale one was never included");
    assert.ok(store.inclusion(keccak256(other)) === undefined, "the other transaction was never the sequencer's");
  });
});
