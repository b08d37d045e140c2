/**
 * The web app's log cache against a real EDR node behind a proxy with a public RPC's
 * `eth_getLogs` limits: it reads in ranges the proxy answers, and a restarted app (a new cache
 * over the same log store) asks the proxy only for blocks past what it saved.
 */
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";

import { createPublicClient, http, type PublicClient } from "viem";

import type { Manifest } from "../../../lib/chains/index.ts";
import { freePort, startNode, stopNode, type RunningNode } from "../../../lib/devnet/nodes.ts";
import { LogCheckpointStore } from "../../../lib/rpc/logCheckpoints.ts";
import { logCache, type HeadBlock } from "../../../lib/web/server/logCache.ts";
import { mine, tickEmitter, tickEvent } from "../../helpers/logEmitter.ts";
import { startLogLimitProxy, type LogLimitProxy } from "../../helpers/logLimitProxy.ts";

const EMITTER = "0x00000000000000000000000000000000000E3333";
/** The cache reads no manifest field here: its key and deploy block are fixed. */
const manifest = {} as Manifest;

describe("logCache through a provider with eth_getLogs limits, across a restart", () => {
  const dir = mkdtempSync(join(tmpdir(), "log-cache-node-"));
  const storePath = join(dir, "log-cache.sqlite");
  let node: RunningNode;
  let proxy: LogLimitProxy;
  let direct: PublicClient;
  let limited: PublicClient;
  let emit: (count: number) => Promise<void>;

  const ticks = (store: LogCheckpointStore) =>
    logCache({
      key: () => "ticks",
      fromBlock: () => 0n,
      fetch: async (client, _manifest, fromBlock, toBlock) =>
        (await client.getLogs({ address: EMITTER, event: tickEvent, fromBlock, toBlock, strict: true })).map((log) => ({ n: log.args.n, blockNumber: log.blockNumber, logIndex: log.logIndex })),
      newState: () => undefined,
      persist: () => store,
    });
  const head = async (): Promise<HeadBlock> => {
    const block = await direct.getBlock({ blockTag: "latest" });
    return { number: block.number, hash: block.hash };
  };
  const unbounded = async (toBlock: bigint) =>
    (await direct.getLogs({ address: EMITTER, event: tickEvent, fromBlock: 0n, toBlock, strict: true })).map((log) => ({ n: log.args.n, blockNumber: log.blockNumber, logIndex: log.logIndex })).reverse();

  before(async () => {
    node = await startNode({ name: "hub", chainId: 900, chainType: "l1", port: await freePort(), logFile: join(dir, "node.log") });
    proxy = await startLogLimitProxy(node.rpcUrl, { maxSpan: 1_000, maxResults: 1_000 });
    direct = createPublicClient({ transport: http(node.rpcUrl) });
    limited = createPublicClient({ transport: http(proxy.url, { retryCount: 0 }) });
    emit = await tickEmitter(node.rpcUrl, EMITTER);
    await emit(2);
    await mine(node.rpcUrl, 8_000);
    await emit(700);
    await emit(700);
    await mine(node.rpcUrl, 4_000);
  });
  after(async () => {
    await proxy?.close();
    if (node) await stopNode(node);
    rmSync(dir, { recursive: true, force: true });
  });

  it("saves what it read, and a restarted cache reads only the blocks after it", async () => {
    const first = await head();
    const store = LogCheckpointStore.open(storePath);
    const read = ticks(store);
    const cached = await read(limited, manifest, first);
    assert.deepEqual(cached.items, await unbounded(first.number));
    assert.ok(proxy.getLogs.some(([from, to]) => to - from + 1n > 1_000n), "the proxy refused a wide range");
    store.close();

    // Restart: a new process opens the store again, first at the same head, then after new blocks.
    proxy.getLogs.length = 0;
    const reopened = LogCheckpointStore.open(storePath);
    const restarted = ticks(reopened);
    assert.deepEqual((await restarted(limited, manifest, first)).items, cached.items);
    assert.equal(proxy.getLogs.length, 0, "nothing read again at the saved head");
    await mine(node.rpcUrl, 2_500);
    await emit(3);
    const later = await head();
    const extended = await restarted(limited, manifest, later);
    assert.deepEqual(extended.items, await unbounded(later.number));
    assert.ok(proxy.getLogs.length > 0 && proxy.getLogs.every(([from]) => from > first.number), "no rescan from the deploy block");
    reopened.close();
  });
});
