import assert from "node:assert/strict";
import { beforeEach, describe, it } from "node:test";

import type { Address, Hex } from "viem";

import { OrderingPolicy, orderingPolicyName } from "../../../lib/governance/parameters.ts";
import {
  admitted,
  checkTxpoolOptions,
  MEMPOOL_REJECTION_REASONS,
  Mempool,
  MempoolConflictError,
  MempoolError,
  selectNaive,
  TxpoolOptionsError,
  type InsertOptions,
  type MempoolCheck,
  type MempoolRejectionReason,
  type SelectOptions,
} from "../../../lib/sequencer/mempool/index.ts";
import type { PendingTransaction } from "../../../lib/sequencer/types.ts";

const gwei = 1_000_000_000n;
const alice: Address = "0x00000000000000000000000000000000000A11CE";
const bob: Address = "0x0000000000000000000000000000000000000B0B";
const carol: Address = "0x00000000000000000000000000000000000CA201";

let counter = 0n;
/** A plain-data pending transaction: fake hash, fresh sequence, 21,000 gas, 2 gwei tip under a 100 gwei cap. */
function tx(sender: Address, nonce: bigint, fields: Partial<PendingTransaction> = {}): PendingTransaction {
  counter++;
  return {
    hash: `0x${counter.toString(16).padStart(64, "0")}` as Hex,
    chainId: 8453,
    sender,
    nonce,
    raw: "0x02",
    gas: 21_000n,
    value: 0n,
    maxFeePerGas: 100n * gwei,
    maxPriorityFeePerGas: 2n * gwei,
    size: 110,
    sequence: counter,
    receivedAt: 0,
    ...fields,
  };
}

const limits = { accountNonce: 0n, maxPendingPerSender: 16 };

/** check then insert, as the admission path does (minus the durable write). */
function admit(pool: Mempool, t: PendingTransaction, options = limits): MempoolCheck {
  const verdict = pool.check(t, options);
  if (verdict.ok) pool.insert(t, inserted(verdict, options.accountNonce));
  return verdict;
}

/** `insert`'s options from an admitting verdict. */
function inserted(verdict: MempoolCheck, accountNonce: bigint): InsertOptions {
  return { ...admitted(verdict), accountNonce };
}

function rejected(verdict: MempoolCheck): MempoolRejectionReason {
  assert.equal(verdict.ok, false, "expected a rejection");
  return verdict.ok ? assert.fail() : verdict.reason;
}

function selectAll(pool: Mempool, policy: OrderingPolicy, extra: Partial<SelectOptions> = {}, onChain: Record<string, bigint> = {}) {
  return pool.select({
    policy,
    maxTransactions: 1000,
    maxGas: 30_000_000n,
    accountNonce: (sender) => onChain[sender] ?? 0n,
    ...extra,
  });
}

describe("Mempool admission", () => {
  let pool: Mempool;
  const seen = new Set<MempoolRejectionReason>();
  beforeEach(() => {
    pool = new Mempool({ maxPendingTotal: 100 });
  });
  const expectReject = (verdict: MempoolCheck, reason: MempoolRejectionReason) => {
    assert.equal(rejected(verdict), reason);
    assert.ok(!verdict.ok && verdict.message.length > 0);
    seen.add(reason);
  };

  it("refuses a bad maxPendingTotal", () => {
    assert.throws(() => new Mempool({ maxPendingTotal: -1 }), MempoolError);
    assert.throws(() => new Mempool({ maxPendingTotal: 1.5 }), MempoolError);
  });

  it("admits a fresh transaction and a gapped one", () => {
    assert.deepEqual(admit(pool, tx(alice, 0n)), { ok: true, slot: "pending" });
    assert.deepEqual(admit(pool, tx(alice, 5n)), { ok: true, slot: "queued" });
    assert.equal(pool.size, 2);
    assert.equal(pool.senderCount(alice), 2);
  });

  it("alreadyKnown: the same hash is pending", () => {
    const t = tx(alice, 0n);
    admit(pool, t);
    expectReject(pool.check(t, limits), "alreadyKnown");
    expectReject(pool.check({ ...t, hash: t.hash.toUpperCase().replace("0X", "0x") as Hex }, limits), "alreadyKnown");
  });

  it("nonceTooLow: below the account nonce", () => {
    const verdict = pool.check(tx(alice, 2n), { ...limits, accountNonce: 3n });
    expectReject(verdict, "nonceTooLow");
    assert.match(verdict.ok ? "" : verdict.message, /next nonce is 3.*has 2/);
    assert.equal(pool.check(tx(alice, 3n), { ...limits, accountNonce: 3n }).ok, true);
  });

  it("replacement: accepted at +10% on both fees, refused below on either", () => {
    const old = tx(alice, 0n, { maxFeePerGas: 100n * gwei, maxPriorityFeePerGas: 10n * gwei });
    admit(pool, old);
    expectReject(pool.check(tx(alice, 0n, { maxFeePerGas: 109n * gwei, maxPriorityFeePerGas: 11n * gwei }), limits), "replacementUnderpriced");
    expectReject(pool.check(tx(alice, 0n, { maxFeePerGas: 110n * gwei, maxPriorityFeePerGas: 11n * gwei - 1n }), limits), "replacementUnderpriced");
    expectReject(pool.check(tx(alice, 0n, { maxFeePerGas: 200n * gwei, maxPriorityFeePerGas: 10n * gwei }), limits), "replacementUnderpriced");
    const replacement = tx(alice, 0n, { maxFeePerGas: 110n * gwei, maxPriorityFeePerGas: 11n * gwei });
    assert.deepEqual(admit(pool, replacement), { ok: true, replaces: old.hash });
    assert.equal(pool.size, 1);
    assert.equal(pool.has(old.hash), false);
    assert.equal(pool.get(replacement.hash), replacement);
    assert.equal(pool.senderCount(alice), 1);
  });

  it("replacement of a zero fee must still strictly raise it (geth)", () => {
    admit(pool, tx(alice, 0n, { maxFeePerGas: 0n, maxPriorityFeePerGas: 0n }));
    expectReject(pool.check(tx(alice, 0n, { maxFeePerGas: 0n, maxPriorityFeePerGas: 0n }), limits), "replacementUnderpriced");
    assert.equal(pool.check(tx(alice, 0n, { maxFeePerGas: 1n, maxPriorityFeePerGas: 1n }), limits).ok, true);
  });

  it("senderLimit: at maxPendingPerSender, except for a replacement", () => {
    const options = { accountNonce: 0n, maxPendingPerSender: 2 };
    admit(pool, tx(alice, 0n), options);
    admit(pool, tx(alice, 7n), options); // gapped ones count
    expectReject(pool.check(tx(alice, 1n), options), "senderLimit");
    assert.equal(pool.check(tx(bob, 0n), options).ok, true);
    const bump = tx(alice, 7n, { maxFeePerGas: 200n * gwei, maxPriorityFeePerGas: 4n * gwei });
    assert.equal(pool.check(bump, options).ok, true);
  });

  it("underpriced: a full pool admits only a better effective tip, which evicts the cheapest with its later nonces", () => {
    const small = new Mempool({ maxPendingTotal: 3 });
    small.setBaseFee(10n * gwei);
    const cheap = [tx(alice, 0n, { maxPriorityFeePerGas: 1n * gwei }), tx(alice, 1n, { maxPriorityFeePerGas: 5n * gwei })];
    for (const t of [...cheap, tx(bob, 0n, { maxPriorityFeePerGas: 3n * gwei })]) admit(small, t);
    expectReject(small.check(tx(carol, 0n, { maxPriorityFeePerGas: 1n * gwei }), limits), "underpriced");
    // The tip counts only up to fee cap − base fee: a 9 gwei tip under an 11 gwei cap pays 1 gwei, no better.
    expectReject(small.check(tx(carol, 0n, { maxFeePerGas: 11n * gwei, maxPriorityFeePerGas: 9n * gwei }), limits), "underpriced");
    const better = tx(carol, 0n, { maxPriorityFeePerGas: 2n * gwei });
    const verdict = admit(small, better);
    assert.deepEqual(verdict.ok && verdict.evicts, cheap, "alice's cheap head and her later nonce leave");
    assert.deepEqual(small.all().map((t) => t.sender), [bob, carol]);
    assert.equal(small.pendingCount, 2);
    // A replacement needs no room.
    const bump = tx(bob, 0n, { maxFeePerGas: 200n * gwei, maxPriorityFeePerGas: 4n * gwei });
    assert.deepEqual(small.check(bump, limits), { ok: true, replaces: small.all()[0]?.hash });
  });

  it("holds capacity for an admitting verdict until it is inserted or released", () => {
    const small = new Mempool({ maxPendingTotal: 1 });
    const first = small.check(tx(alice, 0n), limits);
    assert.deepEqual(first, { ok: true, slot: "pending" });
    expectReject(small.check(tx(bob, 0n), limits), "underpriced"); // the slot is held, nothing to evict yet
    small.release(first);
    assert.equal(small.check(tx(bob, 0n), limits).ok, true);
  });

  it("gapped transactions never count toward or take executable capacity", () => {
    const small = new Mempool({ maxPendingTotal: 1, maxQueuedPerSender: 2, maxQueuedTotal: 3 });
    admit(small, tx(alice, 0n, { maxPriorityFeePerGas: 1n }));
    admit(small, tx(bob, 5n, { maxPriorityFeePerGas: 50n * gwei }));
    assert.equal(small.pendingCount, 1);
    assert.equal(small.queuedCount, 1);
    admit(small, tx(bob, 6n));
    expectReject(small.check(tx(bob, 7n), limits), "queuedLimit");
    admit(small, tx(carol, 3n, { maxPriorityFeePerGas: 1n }));
    // The queue is full: a gapped transaction displaces only a cheaper gapped one, never alice's head.
    expectReject(small.check(tx(alice, 9n, { maxPriorityFeePerGas: 1n }), limits), "mempoolFull");
    const verdict = small.check(tx(alice, 9n, { maxPriorityFeePerGas: 3n * gwei }), limits);
    assert.deepEqual(verdict.ok && verdict.evicts?.map((t) => [t.sender, t.nonce]), [[carol, 3n]]);
    assert.equal(small.pendingNonce(alice, 0n), 1n);
    // An executable transaction may displace a cheaper executable one.
    const head = small.check(tx(bob, 0n, { maxPriorityFeePerGas: 60n * gwei }), limits);
    assert.deepEqual(head.ok && head.evicts?.map((t) => [t.sender, t.nonce]), [[alice, 0n]]);
  });

  it("the operator's transactions use their own reserve and are never evicted for price", () => {
    const small = new Mempool({ maxPendingTotal: 1, operatorReserve: 1, operators: [carol] });
    small.setBaseFee(0n);
    admit(small, tx(alice, 0n, { maxPriorityFeePerGas: 1n }));
    assert.equal(admit(small, tx(carol, 0n, { maxPriorityFeePerGas: 1n })).ok, true, "the pool is full, the reserve is not");
    expectReject(small.check(tx(carol, 1n), limits), "mempoolFull");
    const verdict = small.check(tx(bob, 0n, { maxPriorityFeePerGas: 5n * gwei }), limits);
    assert.deepEqual(verdict.ok && verdict.evicts?.map((t) => t.sender), [alice], "alice, never the operator");
  });

  it("refuses bad limits, naming the option", () => {
    assert.throws(() => new Mempool({ maxQueuedTotal: -1 }), (e: unknown) => e instanceof TxpoolOptionsError && e.option === "maxQueuedTotal");
    assert.throws(() => new Mempool({ maxQueuedPerSender: 10, maxQueuedTotal: 5 }), /at most maxQueuedTotal/);
    for (const bad of [-1, 1.5, Number.NaN, "2000"]) {
      assert.throws(
        () => checkTxpoolOptions({ accountStateTtlMs: bad as number }),
        (e: unknown) => e instanceof TxpoolOptionsError && e.option === "accountStateTtlMs",
        String(bad),
      );
    }
    assert.equal(checkTxpoolOptions({ accountStateTtlMs: 0 }).accountStateTtlMs, 0, "0: every account read afresh at every block");
  });

  it("every exported reason is exercised, and only those", () => {
    assert.deepEqual([...seen].sort(), [...MEMPOOL_REJECTION_REASONS].sort());
  });

  it("insert refuses to break its invariants", () => {
    const t = tx(alice, 0n);
    pool.insert(t);
    assert.throws(() => pool.insert(t), MempoolConflictError);
    assert.throws(() => pool.insert(tx(alice, 0n)), MempoolConflictError); // slot taken, no replaces
    assert.throws(() => pool.insert(tx(alice, 1n), { replaces: t.hash }), MempoolConflictError); // replaces another slot
    assert.equal(pool.size, 1);
  });

  it("remove, get, has, size, senderCount, all", () => {
    const a0 = tx(alice, 0n);
    const b0 = tx(bob, 0n);
    const a1 = tx(alice, 1n);
    for (const t of [a0, b0, a1]) admit(pool, t);
    const bump = tx(alice, 0n, { maxFeePerGas: 200n * gwei, maxPriorityFeePerGas: 4n * gwei });
    admit(pool, bump);
    assert.deepEqual(pool.all(), [b0, a1, bump]); // sequence order
    assert.deepEqual(pool.remove([b0.hash, "0x1234"]), [b0]);
    assert.equal(pool.has(b0.hash), false);
    assert.equal(pool.get(b0.hash), undefined);
    assert.equal(pool.senderCount(bob), 0);
    assert.equal(pool.senderCount(alice.toLowerCase() as Address), 2);
    assert.equal(pool.size, 2);
  });
});

describe("Mempool.pendingNonce", () => {
  it("counts the contiguous run from the account nonce, not the gapped ones", () => {
    const pool = new Mempool({ maxPendingTotal: 100 });
    assert.equal(pool.pendingNonce(alice, 4n), 4n);
    for (const n of [4n, 5n, 7n, 8n]) admit(pool, tx(alice, n), { ...limits, accountNonce: 4n });
    assert.equal(pool.pendingNonce(alice, 4n), 6n);
    admit(pool, tx(alice, 6n), { ...limits, accountNonce: 4n });
    assert.equal(pool.pendingNonce(alice, 4n), 9n);
    assert.equal(pool.pendingNonce(alice, 6n), 9n); // 4 and 5 were included elsewhere
    assert.equal(pool.pendingNonce(alice, 10n), 10n);
    assert.equal(pool.pendingNonce(bob, 0n), 0n);
  });
});

describe("Mempool.select", () => {
  it("holds a gapped nonce until the gap fills, then includes it in order", () => {
    const pool = new Mempool({ maxPendingTotal: 100 });
    const a0 = tx(alice, 0n);
    const a2 = tx(alice, 2n);
    admit(pool, a0);
    admit(pool, a2);
    assert.deepEqual(selectAll(pool, OrderingPolicy.Fifo), [a0]);
    assert.deepEqual(selectAll(pool, OrderingPolicy.Fifo, {}, { [alice]: 1n }), []); // a0 included, a2 still gapped
    const a1 = tx(alice, 1n);
    admit(pool, a1);
    assert.deepEqual(selectAll(pool, OrderingPolicy.Fifo), [a0, a1, a2]);
    assert.deepEqual(selectAll(pool, OrderingPolicy.PriorityFee), [a0, a1, a2]);
  });

  it("fifo takes heads by arrival; priorityFee by tip, never breaking a sender's nonce order", () => {
    const pool = new Mempool({ maxPendingTotal: 100 });
    const a0 = tx(alice, 0n, { maxPriorityFeePerGas: 1n * gwei });
    const b0 = tx(bob, 0n, { maxPriorityFeePerGas: 3n * gwei });
    const a1 = tx(alice, 1n, { maxPriorityFeePerGas: 50n * gwei }); // pays most, but after a0
    const c0 = tx(carol, 0n, { maxPriorityFeePerGas: 2n * gwei });
    const b1 = tx(bob, 1n, { maxPriorityFeePerGas: 3n * gwei });
    for (const t of [a0, b0, a1, c0, b1]) admit(pool, t);
    assert.deepEqual(selectAll(pool, OrderingPolicy.Fifo), [a0, b0, a1, c0, b1]);
    // heads: a0 1, b0 3, c0 2 → b0; then b1 3 (tie with nothing higher) → b1; c0 2; a0 1; a1 50
    assert.deepEqual(selectAll(pool, OrderingPolicy.PriorityFee), [b0, b1, c0, a0, a1]);
  });

  it("priorityFee breaks tip ties by arrival", () => {
    const pool = new Mempool({ maxPendingTotal: 100 });
    const c0 = tx(carol, 0n);
    const a0 = tx(alice, 0n);
    const b0 = tx(bob, 0n);
    for (const t of [b0, a0, c0]) admit(pool, t);
    assert.deepEqual(selectAll(pool, OrderingPolicy.PriorityFee), [c0, a0, b0]);
  });

  it("with a base fee, the tip is capped by maxFeePerGas - baseFee and unpayable transactions are skipped", () => {
    const pool = new Mempool({ maxPendingTotal: 100 });
    const a0 = tx(alice, 0n, { maxFeePerGas: 12n * gwei, maxPriorityFeePerGas: 10n * gwei }); // tip 2 at base 10
    const b0 = tx(bob, 0n, { maxFeePerGas: 100n * gwei, maxPriorityFeePerGas: 3n * gwei });
    const c0 = tx(carol, 0n, { maxFeePerGas: 9n * gwei, maxPriorityFeePerGas: 9n * gwei }); // below base
    const c1 = tx(carol, 1n, { maxFeePerGas: 100n * gwei, maxPriorityFeePerGas: 9n * gwei });
    for (const t of [a0, b0, c0, c1]) admit(pool, t);
    assert.deepEqual(selectAll(pool, OrderingPolicy.PriorityFee), [a0, c0, c1, b0]);
    assert.deepEqual(selectAll(pool, OrderingPolicy.PriorityFee, { baseFee: 10n * gwei }), [b0, a0]);
    assert.deepEqual(selectAll(pool, OrderingPolicy.Fifo, { baseFee: 10n * gwei }), [a0, b0]);
  });

  it("stops at maxTransactions", () => {
    const pool = new Mempool({ maxPendingTotal: 100 });
    const txs = [tx(alice, 0n), tx(bob, 0n), tx(alice, 1n), tx(carol, 0n)];
    for (const t of txs) admit(pool, t);
    assert.deepEqual(selectAll(pool, OrderingPolicy.Fifo, { maxTransactions: 3 }), txs.slice(0, 3));
    assert.deepEqual(selectAll(pool, OrderingPolicy.Fifo, { maxTransactions: 0 }), []);
  });

  it("skips a transaction that would pass maxGas, with its sender's later nonces, and keeps filling", () => {
    const pool = new Mempool({ maxPendingTotal: 100 });
    const a0 = tx(alice, 0n, { gas: 50_000n });
    const b0 = tx(bob, 0n, { gas: 60_000n }); // 110,000 > 100,000
    const b1 = tx(bob, 1n, { gas: 21_000n }); // would fit, but must not jump b0
    const c0 = tx(carol, 0n, { gas: 30_000n });
    const a1 = tx(alice, 1n, { gas: 20_000n });
    for (const t of [a0, b0, b1, c0, a1]) admit(pool, t);
    const block = selectAll(pool, OrderingPolicy.Fifo, { maxGas: 100_000n });
    assert.deepEqual(block, [a0, c0, a1]);
    assert.equal(block.reduce((sum, t) => sum + t.gas, 0n), 100_000n);
    assert.deepEqual(selectAll(pool, OrderingPolicy.Fifo, { maxGas: 20_000n }), []); // nothing fits
  });

  it("removes nothing; ignores stale nonces below the account nonce", () => {
    const pool = new Mempool({ maxPendingTotal: 100 });
    const txs = [tx(alice, 0n), tx(alice, 1n), tx(alice, 2n)];
    for (const t of txs) admit(pool, t);
    assert.deepEqual(selectAll(pool, OrderingPolicy.Fifo, {}, { [alice]: 1n }), txs.slice(1));
    assert.equal(pool.size, 3);
  });
});

describe("Mempool.unexecutable and senderCost", () => {
  it("finds stale nonces and what the balance no longer covers, cumulatively", () => {
    const pool = new Mempool({ maxPendingTotal: 100 });
    const txs = [tx(alice, 3n), tx(alice, 1n), tx(alice, 2n), tx(alice, 4n, { value: 10n })];
    for (const t of [...txs, tx(bob, 0n)]) admit(pool, t, { ...limits, accountNonce: 1n });
    const each = 21_000n * 100n * gwei;
    assert.equal(pool.senderCost(alice), 4n * each + 10n);
    assert.equal(pool.senderCost(alice, 4n), 3n * each, "a replacement at nonce 4 counts only itself");
    const { stale, unfunded } = pool.unexecutable(alice, { nonce: 3n, balance: 2n * each });
    assert.deepEqual(stale, [txs[1], txs[2]]);
    assert.deepEqual(unfunded, [txs[3]], "nonce 3 fits the balance, nonce 4 would pass it");
    assert.deepEqual(pool.unexecutable(carol, { nonce: 0n, balance: 0n }), { stale: [], unfunded: [] });
  });

  it("finds expired transactions and fee caps under a base fee", () => {
    const pool = new Mempool({ maxPendingTotal: 100 });
    const old = tx(alice, 0n, { receivedAt: 1_000, maxFeePerGas: 5n });
    const young = tx(bob, 0n, { receivedAt: 5_000 });
    for (const t of [old, young]) admit(pool, t);
    assert.deepEqual(pool.expired(2_000), [old]);
    assert.deepEqual(pool.feeCapBelow(6n), [old]);
  });
});

/** mulberry32: a tiny seeded PRNG so every failure replays. */
function prng(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = seed;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe("Mempool.select properties (random pools)", () => {
  const ITERATIONS = 400;
  const SENDERS: Address[] = Array.from({ length: 12 }, (_, i) => `0x${(i + 1).toString(16).padStart(40, "0")}` as Address);

  it(`${ITERATIONS} seeded pools: nonce order, limits, fifo among heads, and the naive oracle agree`, () => {
    for (let seed = 1; seed <= ITERATIONS; seed++) {
      const random = prng(seed);
      const int = (n: number) => Math.floor(random() * n);
      const pool = new Mempool({ maxPendingTotal: 10_000 });
      const senders = SENDERS.slice(0, 1 + int(SENDERS.length));
      const onChain = new Map<Address, bigint>(senders.map((s) => [s, BigInt(int(4))]));
      // Candidate slots around each account nonce: some stale, some gapped; admitted in random order.
      const slots = senders.flatMap((s) => Array.from({ length: int(8) }, () => [s, BigInt(int(10))] as const));
      for (const [sender, nonce] of slots) {
        const tip = BigInt(int(20));
        const t = tx(sender, nonce, { gas: BigInt(21_000 + int(5) * 20_000), maxPriorityFeePerGas: tip, maxFeePerGas: tip + BigInt(int(30)) });
        const verdict = pool.check(t, { accountNonce: 0n, maxPendingPerSender: 64 });
        if (verdict.ok) pool.insert(t, inserted(verdict, 0n));
      }
      const before = pool.all();
      for (const policy of [OrderingPolicy.Fifo, OrderingPolicy.PriorityFee]) {
        const options: SelectOptions = {
          policy,
          maxTransactions: 1 + int(30),
          maxGas: BigInt(21_000 + int(600_000)),
          accountNonce: (sender) => onChain.get(sender) ?? 0n,
          ...(random() < 0.5 ? { baseFee: BigInt(int(25)) } : {}),
        };
        const block = pool.select(options);
        const where = `seed ${seed} ${orderingPolicyName(policy)}`;
        assert.ok(block.length <= options.maxTransactions, where);
        assert.ok(block.reduce((sum, t) => sum + t.gas, 0n) <= options.maxGas, where);
        // Per-sender nonce order: each sender's transactions run contiguously from its account nonce.
        const next = new Map(onChain);
        for (const t of block) {
          assert.equal(t.nonce, next.get(t.sender), `${where}: ${t.sender} nonce ${t.nonce}`);
          next.set(t.sender, t.nonce + 1n);
        }
        // Replay: at each step no eligible head that fits ranks ahead of the one chosen.
        const nextNonce = new Map(onChain);
        const done = new Set<Address>();
        let gas = 0n;
        const rank = (t: PendingTransaction): [bigint, bigint] => {
          if (policy === OrderingPolicy.Fifo) return [0n, t.sequence];
          let tip = t.maxPriorityFeePerGas;
          if (options.baseFee !== undefined && t.maxFeePerGas - options.baseFee < tip) tip = t.maxFeePerGas - options.baseFee;
          return [-tip, t.sequence];
        };
        const ahead = (a: PendingTransaction, b: PendingTransaction) => {
          const [x, y] = [rank(a), rank(b)];
          return x[0] < y[0] || (x[0] === y[0] && x[1] < y[1]);
        };
        for (const chosen of block) {
          const heads = before.filter((t) => !done.has(t.sender) && t.nonce === nextNonce.get(t.sender));
          for (const head of heads.filter((h) => ahead(h, chosen))) {
            const unpayable = options.baseFee !== undefined && head.maxFeePerGas < options.baseFee;
            assert.ok(gas + head.gas > options.maxGas || unpayable, `${where}: ${head.hash} should have gone before ${chosen.hash}`);
            done.add(head.sender);
          }
          gas += chosen.gas;
          nextNonce.set(chosen.sender, chosen.nonce + 1n);
        }
        assert.deepEqual(block, selectNaive(before, options), `${where}: differs from the naive oracle`);
      }
      assert.deepEqual(pool.all(), before, `seed ${seed}: select changed the pool`);
    }
  });
});
