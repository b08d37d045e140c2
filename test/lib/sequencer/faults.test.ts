/**
 * The block loop acts on the class of what fails (lib/sequencer/faults), against real EDR nodes
 * on one port: an execution client that goes down is retried, one that comes back with a shorter
 * chain is resynchronized with, and one serving another chain halts block production until an
 * operator starts it again. Blocks and ticks are awaited as events, never slept for.
 */
import assert from "node:assert/strict";
import { EventEmitter, once } from "node:events";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";

import { numberToHex, parseEther, parseGwei } from "viem";
import { generatePrivateKey, privateKeyToAccount } from "viem/accounts";

import { freePort, startNode, stopNode, type RunningNode } from "../../../lib/devnet/nodes.ts";
import { OrderingPolicy } from "../../../lib/governance/parameters.ts";
import { jsonRpcClient } from "../../../lib/rpc/jsonRpc.ts";
import { ChainSequencer, type ChainSequencerOptions } from "../../../lib/sequencer/chainSequencer.ts";
import type { GovernedConfig } from "../../../lib/sequencer/config/governedConfig.ts";
import { devnetEngine } from "../../../lib/sequencer/engine/devnetEngine.ts";
import { EngineMismatchError, EngineResyncError, EngineUnreachableError } from "../../../lib/sequencer/engine/errors.ts";
import type { ExecutionEngine } from "../../../lib/sequencer/engine/types.ts";
import { TransactionRejectedError } from "../../../lib/sequencer/errors.ts";
import { ConfigUnavailableError, faultOf } from "../../../lib/sequencer/faults.ts";
import type { Logger } from "../../../lib/sequencer/log.ts";
import { StoreWriteError } from "../../../lib/sequencer/store/errors.ts";
import { ManualClock } from "../../helpers/manualClock.ts";
import { openSqliteStore } from "../../../lib/sequencer/store/index.ts";

const CHAIN = 901;
const dir = mkdtempSync(join(tmpdir(), "faults-"));
const FIXTURE: GovernedConfig = {
  chainId: CHAIN, version: 1n, activatedAt: 0n, blockTimeMs: 100, maxTxPerBlock: 100, maxBlockGas: 30_000_000n,
  orderingPolicy: OrderingPolicy.Fifo, minPriorityFeeWei: 0n, maxTxBytes: 131_072, maxPendingPerSender: 64, commitmentInterval: 0, paused: false,
};

describe("faultOf", () => {
  it("classes engine errors by what they mean, store failures as temporary, and anything else as a halt", () => {
    assert.equal(faultOf(new EngineUnreachableError({ url: "http://127.0.0.1:1", method: "eth_chainId" })), "temporary");
    assert.equal(faultOf(new EngineResyncError("refused evm_mine")), "resync");
    assert.equal(faultOf(new EngineMismatchError({ url: "http://127.0.0.1:1", expected: 901, actual: 999n })), "halt");
    assert.equal(faultOf(new StoreWriteError({ operation: "markIncluded 3", reason: "disk full" })), "temporary");
    assert.equal(faultOf(new ConfigUnavailableError("no configuration yet")), "temporary");
    assert.equal(faultOf(new TypeError("cannot read properties of undefined")), "halt");
  });
});

describe("the block loop's faults against real EDR nodes", () => {
  let port: number;
  let node: RunningNode | undefined;
  let nodes = 0;
  const events: Array<{ event: string; fields: Record<string, unknown> | undefined }> = [];
  const record = (event: string, fields?: Record<string, unknown>) => void events.push({ event, fields });
  const log: Logger = { trace: () => {}, debug: () => {}, info: record, warn: record, error: record, fatal: record };
  const blocks = new EventEmitter();
  let chain: ChainSequencer;
  let store: ReturnType<typeof openSqliteStore>;

  /** A fresh node for `chainId` on the one port (a fresh chain: its head starts again at 0). */
  const replaceNode = async (chainId = CHAIN) => {
    if (node) await stopNode(node);
    node = undefined;
    node = await startNode({ name: `faults-${++nodes}`, chainId, chainType: "op", port, logFile: join(dir, `node-${nodes}.log`) });
  };
  /** Waits, tick by tick, until `done` holds (at most `limit` ticks). */
  const ticksUntil = async (done: () => boolean, limit = 40) => {
    for (let i = 0; i < limit && !done(); i++) await chain.ticked();
    assert.ok(done(), `not within ${limit} ticks: ${JSON.stringify(chain.status().lastFault)}`);
  };

  before(async () => {
    port = await freePort();
    await replaceNode();
    store = openSqliteStore(join(dir, "store.sqlite"));
    let sequence = 0n;
    chain = new ChainSequencer({
      chainId: CHAIN,
      name: "base-local",
      engine: devnetEngine({ chainId: CHAIN, rpcUrl: `http://127.0.0.1:${port}` }),
      store,
      readConfig: async () => ({ config: { ...FIXTURE }, hubReachable: true }),
      nextSequence: () => sequence++,
      log,
      onBlock: (block) => blocks.emit("block", block),
    });
    await chain.start();
    await once(blocks, "block");
  });
  after(async () => {
    await chain?.stop().catch(() => undefined);
    store?.close();
    if (node) await stopNode(node);
  });

  it("retries an execution client that is down, backing off, then resynchronizes with the shorter chain it comes back with", async () => {
    await once(blocks, "block");
    const builtBefore = chain.status().lastBlock?.number ?? 0n;
    assert.ok(builtBefore >= 2n, "a few blocks before the outage");
    await stopNode(node!);
    node = undefined;
    await ticksUntil(() => (events.filter((e) => e.event === "tick-failed").length >= 3));
    const failures = events.filter((e) => e.event === "tick-failed").map((e) => e.fields?.["failures"]);
    assert.deepEqual(failures.slice(0, 3), [1, 2, 3], "consecutive failures counted for the backoff");
    assert.equal(chain.status().lastFault?.fault, "temporary");
    assert.equal(chain.status().active, true, "a temporary fault stops nothing");
    assert.equal(chain.status().halted, undefined);

    await replaceNode(); // the same chain id, restarted from genesis: its head is behind what was built
    const [block] = (await once(blocks, "block")) as [{ number: bigint }];
    assert.ok(block.number < builtBefore, `built on the new chain (block ${block.number})`);
    assert.ok(events.some((e) => e.event === "resync-needed" && /head went back/.test(String((e.fields?.["err"] as Error | undefined)?.message))));
    assert.ok(events.some((e) => e.event === "resynced"));
    assert.equal(chain.status().lastFault, undefined, "cleared by the block");
  });

  it("halts on an execution client of another chain, refuses transactions, and builds again only once an operator starts it", async () => {
    await replaceNode(999);
    await ticksUntil(() => chain.status().halted !== undefined);
    const status = chain.status();
    assert.match(status.halted ?? "", /serves chain 999, not chain 901/);
    assert.equal(status.active, false);
    assert.equal(status.lastFault?.fault, "halt");
    assert.ok(events.some((e) => e.event === "sequencing-halted"));

    const account = privateKeyToAccount(generatePrivateKey());
    const raw = await account.signTransaction({ type: "eip1559", chainId: CHAIN, nonce: 0, to: account.address, value: 0n, gas: 21_000n, maxFeePerGas: parseGwei("5"), maxPriorityFeePerGas: 1n });
    await assert.rejects(chain.admit(raw), (error: unknown) => error instanceof TransactionRejectedError && error.reason === "halted");

    // The right chain is back, but a halt waits for the operator.
    await replaceNode();
    await jsonRpcClient(node!.rpcUrl).request("hardhat_setBalance", [account.address, numberToHex(parseEther("1"))]);
    for (let i = 0; i < 3; i++) await chain.ticked();
    assert.equal(chain.status().active, false, "no block production without the operator");

    await chain.startSequencing();
    const hash = await chain.admit(raw);
    for (let included = false; !included; ) {
      const [block] = (await once(blocks, "block")) as [{ transactions: readonly string[] }];
      included = block.transactions.includes(hash);
    }
    assert.equal(chain.status().halted, undefined);
    assert.equal(chain.status().lastFault, undefined);
  });
});

describe("the block loop on a manual clock", () => {
  /** A chain on a fresh node and store, ticking only when `ticks` moves the clock. */
  async function manualChain(name: string, overrides: { engine?: (engine: ExecutionEngine) => ExecutionEngine; readConfig?: ChainSequencerOptions["readConfig"] } = {}) {
    const port = await freePort();
    const start = (n: number) => startNode({ name: `${name}-${n}`, chainId: CHAIN, chainType: "op", port, logFile: join(dir, `${name}-${n}.log`) });
    let node: RunningNode | undefined = await start(1);
    let nodes = 1;
    const clock = new ManualClock();
    const store = openSqliteStore(join(dir, `${name}.sqlite`));
    const engine = devnetEngine({ chainId: CHAIN, rpcUrl: `http://127.0.0.1:${port}` });
    let sequence = 0n;
    const chain = new ChainSequencer({
      chainId: CHAIN,
      name: "base-local",
      engine: overrides.engine ? overrides.engine(engine) : engine,
      store,
      readConfig: overrides.readConfig ?? (async () => ({ config: { ...FIXTURE }, hubReachable: true })),
      nextSequence: () => sequence++,
      clock,
    });
    return {
      chain,
      clock,
      /** Runs the next `count` ticks, each when the clock is moved to it. */
      async ticks(count: number) {
        for (let i = 0; i < count; i++) {
          const ticked = chain.ticked();
          assert.ok(clock.fire(), "a tick is scheduled");
          await ticked;
        }
      },
      async stopNode() {
        if (node) await stopNode(node);
        node = undefined;
      },
      async restartNode() {
        node = await start(++nodes);
      },
      async close() {
        await chain.stop();
        store.close();
        if (node) await stopNode(node);
      },
    };
  }

  it("retries a down execution client after the block time, doubling up to 5 s, and keeps to the block time once it answers again", async () => {
    const { chain, clock, ticks, ...node } = await manualChain("backoff");
    try {
      await chain.start();
      await ticks(2);
      assert.deepEqual(clock.delays, [0, 100, 100], "on the block-time grid (the manual clock does not move during a tick)");
      await node.stopNode();
      await ticks(8);
      assert.deepEqual(clock.delays.slice(3), [100, 200, 400, 800, 1_600, 3_200, 5_000, 5_000]);
      assert.equal(chain.status().lastFault?.fault, "temporary");
      await node.restartNode();
      await ticks(2); // the resync (its head went back), then a block
      assert.equal(chain.status().lastFault, undefined);
      assert.deepEqual(clock.delays.slice(-1), [100], "back on the block time");
    } finally {
      await node.close();
    }
  });

  it("retries a chain whose configuration cannot be read yet instead of halting it", async () => {
    let hubUp = false;
    const { chain, ticks, ...node } = await manualChain("no-config", {
      readConfig: async () => {
        if (!hubUp) throw new Error("fetch failed");
        return { config: { ...FIXTURE }, hubReachable: true };
      },
    });
    try {
      await chain.start();
      await ticks(3);
      assert.equal(chain.status().lastFault?.fault, "temporary");
      assert.match(chain.status().lastFault?.message ?? "", /No governed configuration for chain 901/);
      assert.equal(chain.status().halted, undefined);
      hubUp = true;
      await ticks(2);
      assert.equal(chain.status().lastFault, undefined);
      assert.ok(chain.status().lastBlock, "a block once the configuration is read");
    } finally {
      await node.close();
    }
  });

  it("halts a chain whose engine refuses every block even after 5 resyncs in a row", async () => {
    const { chain, ticks, ...node } = await manualChain("refusing", {
      engine: (engine) => ({
        ...engine,
        chainId: engine.chainId,
        buildBlock: async () => {
          throw new EngineResyncError("The execution client refused evm_mine.");
        },
      }),
    });
    try {
      await chain.start();
      await ticks(5);
      assert.equal(chain.status().lastFault?.fault, "resync");
      assert.equal(chain.status().active, true, "five resyncs may still cure it");
      await ticks(1);
      assert.equal(chain.status().lastFault?.fault, "halt");
      assert.match(chain.status().halted ?? "", /refused evm_mine.*still after 5 resyncs/);
      assert.equal(chain.status().active, false);
    } finally {
      await node.close();
    }
  });
});
