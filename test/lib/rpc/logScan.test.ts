/**
 * The bounded log scan against a real EDR node behind a proxy with a public RPC's limits
 * (1,000 blocks, 1,000 logs per `eth_getLogs`): over 55,000 blocks with logs here and there and
 * 1,800 logs within three blocks, it returns exactly what one unbounded query of the node
 * returns, without ever being answered a refusal it does not recover from.
 */
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";

import { createPublicClient, http, type PublicClient } from "viem";

import { freePort, startNode, stopNode, type RunningNode } from "../../../lib/devnet/nodes.ts";
import { LogRangeRefusedError, LogScanInputError } from "../../../lib/rpc/errors.ts";
import { scanLogs } from "../../../lib/rpc/logScan.ts";
import { mine, tickEmitter, tickEvent } from "../../helpers/logEmitter.ts";
import { startLogLimitProxy, type LogLimitProxy } from "../../helpers/logLimitProxy.ts";

const EMITTER = "0x00000000000000000000000000000000000E1111";
/** Emits more logs in one block than the proxy answers: unreadable through it. */
const FLOODER = "0x00000000000000000000000000000000000E2222";

describe("scanLogs through a provider with eth_getLogs limits", () => {
  const dir = mkdtempSync(join(tmpdir(), "log-scan-"));
  let node: RunningNode;
  let proxy: LogLimitProxy;
  let direct: PublicClient;
  let limited: PublicClient;
  let head: bigint;
  let floodBlock: bigint;

  before(async () => {
    node = await startNode({ name: "hub", chainId: 900, chainType: "l1", port: await freePort(), logFile: join(dir, "node.log") });
    proxy = await startLogLimitProxy(node.rpcUrl, { maxSpan: 1_000, maxResults: 1_000 });
    direct = createPublicClient({ transport: http(node.rpcUrl) });
    // viem retries a -32005 answer three times with backoff before raising it: a scan would
    // wait out each retry, then narrow anyway.
    limited = createPublicClient({ transport: http(proxy.url, { retryCount: 0 }) });
    const emit = await tickEmitter(node.rpcUrl, EMITTER);
    const flood = await tickEmitter(node.rpcUrl, FLOODER);
    await emit(3);
    await mine(node.rpcUrl, 20_000);
    await emit(5);
    await mine(node.rpcUrl, 10_000);
    for (let i = 0; i < 3; i++) await emit(600); // 1,800 logs in three consecutive blocks
    await mine(node.rpcUrl, 20_000);
    await flood(1_001);
    floodBlock = await direct.getBlockNumber({ cacheTime: 0 });
    await emit(7);
    await mine(node.rpcUrl, 5_000);
    head = await direct.getBlockNumber({ cacheTime: 0 });
  });
  after(async () => {
    await proxy?.close();
    if (node) await stopNode(node);
    rmSync(dir, { recursive: true, force: true });
  });

  it("refuses what a public RPC refuses", async () => {
    await assert.rejects(limited.getLogs({ address: EMITTER, event: tickEvent, fromBlock: 0n, toBlock: head }), /exceeds limit of 1000/);
    await assert.rejects(limited.getLogs({ address: EMITTER, event: tickEvent, fromBlock: 30_000n, toBlock: 30_999n }), /more than 1000 results/);
  });

  it("returns exactly the unbounded read's logs, oldest first, in ranges the provider answers", async () => {
    assert.ok(head > 55_000n);
    const unbounded = await direct.getLogs({ address: EMITTER, event: tickEvent, fromBlock: 0n, toBlock: head, strict: true });
    assert.equal(unbounded.length, 3 + 5 + 1_800 + 7);
    proxy.getLogs.length = 0;
    const progress: bigint[] = [];
    const bounded = await scanLogs((fromBlock, toBlock) => limited.getLogs({ address: EMITTER, event: tickEvent, fromBlock, toBlock, strict: true }), {
      fromBlock: 0n,
      toBlock: head,
      onProgress: (scannedTo) => void progress.push(scannedTo),
    });
    assert.deepEqual(bounded, unbounded);
    assert.equal(progress.at(-1), head);
    // Every block asked once by the answered queries: refused ones were narrowed, not skipped.
    const answered = proxy.getLogs.filter(([from, to]) => to - from < 1_000n);
    assert.ok(proxy.getLogs.length < 120, `${proxy.getLogs.length} queries for ${head} blocks`);
    assert.ok(answered.length >= Math.ceil(Number(head + 1n) / 1_000));
  });

  it("reads typed events through getContractEvents alike", async () => {
    const abi = [tickEvent] as const;
    const events = await scanLogs((fromBlock, toBlock) => limited.getContractEvents({ address: EMITTER, abi, eventName: "Tick", fromBlock, toBlock, strict: true }), {
      fromBlock: 20_000n,
      toBlock: head,
      maxRange: 5_000n,
    });
    assert.equal(events.length, 5 + 1_800 + 7);
    assert.equal(events[0]!.args.n, 5n);
  });

  it("stops with LogRangeRefusedError at a block whose logs alone exceed the limit", async () => {
    const error = await scanLogs((fromBlock, toBlock) => limited.getLogs({ address: FLOODER, event: tickEvent, fromBlock, toBlock }), { fromBlock: 0n, toBlock: head }).then(
      () => assert.fail("read past an unreadable block"),
      (e: unknown) => e,
    );
    assert.ok(error instanceof LogRangeRefusedError, String(error));
    assert.equal(error.blockNumber, floodBlock);
  });

  it("refuses fromBlock past toBlock before asking the provider", async () => {
    const asked = proxy.getLogs.length;
    await assert.rejects(scanLogs((fromBlock, toBlock) => limited.getLogs({ address: EMITTER, fromBlock, toBlock }), { fromBlock: head, toBlock: head - 1n }), LogScanInputError);
    assert.equal(proxy.getLogs.length, asked);
  });
});
