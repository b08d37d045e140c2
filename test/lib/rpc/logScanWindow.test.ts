/**
 * The bounded log scan's split logic against a fake reader (the real node behind a refusing
 * proxy is test/lib/rpc/logScan.test.ts), and which provider answers count as refusals.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";

import { HttpRequestError, InvalidParamsRpcError, LimitExceededRpcError, RpcRequestError } from "viem";

import { LogRangeRefusedError, LogScanInputError } from "../../../lib/rpc/errors.ts";
import { recogniseRefusal } from "../../../lib/rpc/logRefusal.ts";
import { narrowed, scanLogs, scanLogsToLatest, widened } from "../../../lib/rpc/logScan.ts";

/** A provider's JSON-RPC error as viem raises it from getLogs. */
const rpcError = (code: number, message: string, data?: unknown) =>
  new RpcRequestError({ body: { method: "eth_getLogs" }, error: { code, message, ...(data === undefined ? {} : { data }) }, url: "http://rpc" });

/** A fake chain: `logsAt(block)` items per block; refuses spans over `maxSpan` and answers over `maxItems`. */
function fakeReader({ maxSpan = Infinity, maxItems = Infinity, logsAt = (_: bigint) => 0 }: { maxSpan?: number; maxItems?: number; logsAt?: (block: bigint) => number }) {
  const calls: Array<[bigint, bigint]> = [];
  const read = async (fromBlock: bigint, toBlock: bigint): Promise<string[]> => {
    calls.push([fromBlock, toBlock]);
    if (Number(toBlock - fromBlock + 1n) > maxSpan) throw rpcError(-32602, `range ${toBlock - fromBlock + 1n} exceeds limit of ${maxSpan}`);
    const found: string[] = [];
    for (let block = fromBlock; block <= toBlock; block++) for (let i = 0; i < logsAt(block); i++) found.push(`${block}:${i}`);
    if (found.length > maxItems) throw rpcError(-32005, `query returned more than ${maxItems} results`);
    return found;
  };
  return { read, calls };
}

describe("scanLogs with a fake reader", () => {
  const sparse = (block: bigint) => (block % 97n === 0n ? 2 : 0);

  it("returns what one unbounded read returns, in ranges of at most maxRange blocks", async () => {
    const unbounded = await fakeReader({ logsAt: sparse }).read(5n, 10_000n);
    const { read, calls } = fakeReader({ logsAt: sparse });
    assert.deepEqual(await scanLogs(read, { fromBlock: 5n, toBlock: 10_000n, maxRange: 1_000n }), unbounded);
    assert.equal(calls.length, 10);
    assert.ok(calls.every(([from, to]) => to - from + 1n <= 1_000n));
    // Contiguous, no block twice, none left out.
    calls.forEach(([from], i) => assert.equal(from, i === 0 ? 5n : calls[i - 1]![1] + 1n));
    assert.equal(calls.at(-1)![1], 10_000n);
  });

  it("narrows to the provider's span limit and keeps it", async () => {
    const { read, calls } = fakeReader({ maxSpan: 300, logsAt: sparse });
    const found = await scanLogs(read, { fromBlock: 0n, toBlock: 9_999n });
    assert.deepEqual(found, await fakeReader({ logsAt: sparse }).read(0n, 9_999n));
    // One refusal: the message names the limit, and a span limit caps every later range.
    assert.equal(calls.filter(([from, to]) => to - from + 1n > 300n).length, 1);
    assert.equal(calls.length, 1 + Math.ceil(10_000 / 300));
  });

  it("splits a dense stretch for a result limit and grows back after it", async () => {
    const dense = (block: bigint) => (block >= 5_000n && block < 5_004n ? 40 : sparse(block));
    const { read, calls } = fakeReader({ maxItems: 50, logsAt: dense });
    const seen: bigint[] = [];
    const found = await scanLogs(read, { fromBlock: 0n, toBlock: 20_000n, onProgress: (scannedTo) => void seen.push(scannedTo) });
    assert.deepEqual(found, await fakeReader({ logsAt: dense }).read(0n, 20_000n));
    assert.ok(calls.some(([from, to]) => from === to), "went down to single blocks in the dense stretch");
    assert.equal(calls.at(-1)![1] - calls.at(-1)![0] + 1n <= 2_000n, true);
    assert.ok(calls.at(-2)![1] - calls.at(-2)![0] + 1n === 2_000n, "back to full ranges after the dense stretch");
    assert.deepEqual(seen, [...seen].sort((a, b) => (a < b ? -1 : 1)));
    assert.equal(seen.at(-1), 20_000n);
  });

  it("refuses bad input with LogScanInputError before reading", async () => {
    const { read, calls } = fakeReader({});
    await assert.rejects(scanLogs(read, { fromBlock: 10n, toBlock: 9n }), LogScanInputError);
    await assert.rejects(scanLogs(read, { fromBlock: -1n, toBlock: 9n }), LogScanInputError);
    await assert.rejects(scanLogs(read, { fromBlock: 0n, toBlock: 9n, maxRange: 0n }), LogScanInputError);
    await assert.rejects(scanLogs(read, { fromBlock: 0 as unknown as bigint, toBlock: 9n }), LogScanInputError);
    assert.equal(calls.length, 0);
  });

  it("throws LogRangeRefusedError naming the block when one block alone is refused", async () => {
    const { read } = fakeReader({ maxItems: 10, logsAt: (block) => (block === 777n ? 11 : 1) });
    const error = await scanLogs(read, { fromBlock: 770n, toBlock: 780n }).then(
      () => assert.fail("no error"),
      (e: unknown) => e,
    );
    assert.ok(error instanceof LogRangeRefusedError);
    assert.equal(error.blockNumber, 777n);
    assert.ok(error.cause instanceof RpcRequestError);
  });

  it("passes other failures through unchanged and stops when onProgress rejects", async () => {
    const down = new HttpRequestError({ url: "http://rpc", status: 502, details: "bad gateway" });
    await assert.rejects(scanLogs(() => Promise.reject(down), { fromBlock: 0n, toBlock: 5n }), (e) => e === down);
    const { read, calls } = fakeReader({});
    await assert.rejects(scanLogs(read, { fromBlock: 0n, toBlock: 5_000n, onProgress: () => Promise.reject(new Error("disk full")) }), /disk full/);
    assert.equal(calls.length, 1);
  });

  it("reads a single block", async () => {
    const { read } = fakeReader({ logsAt: () => 1 });
    assert.deepEqual(await scanLogs(read, { fromBlock: 7n, toBlock: 7n }), ["7:0"]);
  });
});

describe("scanLogsToLatest", () => {
  it("reads from fromBlock to the uncached latest block, and nothing past the head", async () => {
    const asked: Array<{ cacheTime: number }> = [];
    const client = { getBlockNumber: async (parameters: { cacheTime: number }) => (asked.push(parameters), 4_500n) };
    const { read, calls } = fakeReader({ maxSpan: 2_000, logsAt: (block) => (block === 4_500n ? 1 : 0) });
    assert.deepEqual(await scanLogsToLatest(client, read, 100n), ["4500:0"]);
    assert.deepEqual(calls, [[100n, 2_099n], [2_100n, 4_099n], [4_100n, 4_500n]]);
    assert.deepEqual(asked, [{ cacheTime: 0 }]);
    assert.deepEqual(await scanLogsToLatest(client, read, 4_501n), []);
    assert.equal(calls.length, 3, "no query past the head");
    await assert.rejects(scanLogsToLatest(client, read, -5n), LogScanInputError);
  });
});

describe("narrowed and widened", () => {
  it("halves, follows a hint, and caps the ceiling only for span limits", () => {
    assert.deepEqual(narrowed({ size: 2_000n, ceiling: 2_000n }, { kind: "range" }, 2_000n), { size: 1_000n, ceiling: 1_000n });
    assert.deepEqual(narrowed({ size: 2_000n, ceiling: 2_000n }, { kind: "size" }, 2_000n), { size: 1_000n, ceiling: 2_000n });
    assert.deepEqual(narrowed({ size: 2_000n, ceiling: 2_000n }, { kind: "size", hint: 15n }, 2_000n), { size: 15n, ceiling: 2_000n });
    // A hint no smaller than what was refused is no help: halve instead.
    assert.deepEqual(narrowed({ size: 100n, ceiling: 2_000n }, { kind: "range", hint: 500n }, 100n), { size: 50n, ceiling: 50n });
    assert.deepEqual(narrowed({ size: 2n, ceiling: 2_000n }, { kind: "size" }, 2n), { size: 1n, ceiling: 2_000n });
    assert.deepEqual(widened({ size: 600n, ceiling: 1_000n }), { size: 1_000n, ceiling: 1_000n });
    assert.deepEqual(widened({ size: 1n, ceiling: 1_000n }), { size: 2n, ceiling: 1_000n });
  });
});

describe("recogniseRefusal", () => {
  it("recognises providers' span limits", () => {
    assert.deepEqual(recogniseRefusal(rpcError(-32602, "range 1000000 exceeds limit of 10000")), { kind: "range", hint: 10_000n });
    assert.deepEqual(recogniseRefusal(rpcError(-32614, "eth_getLogs is limited to a 10,000 range")), { kind: "range", hint: 10_000n });
    assert.deepEqual(recogniseRefusal(rpcError(-32000, "block range is larger than max block range, block range = 5120, max block range = 5000")), { kind: "range", hint: 5_000n });
    assert.deepEqual(recogniseRefusal(rpcError(-32000, "exceed maximum block range: 5000")), { kind: "range", hint: 5_000n });
    assert.deepEqual(recogniseRefusal(rpcError(-32602, "invalid params", { payload: "range 9009594 is bigger than range limit 2000" })), { kind: "range", hint: 2_000n });
    assert.deepEqual(recogniseRefusal(new InvalidParamsRpcError(rpcError(-32600, "Under the Free tier plan, you can make eth_getLogs requests with up to a 10 block range."))), { kind: "range" });
  });

  it("recognises result-size limits, with the provider's suggested range", () => {
    assert.deepEqual(recogniseRefusal(new LimitExceededRpcError(rpcError(-32005, "query returned more than 10000 results"))), { kind: "size" });
    assert.deepEqual(recogniseRefusal(rpcError(-32005, "query returned more than 10000 results. Try with this block range [0x10, 0x2F].")), { kind: "size", hint: 32n });
    assert.deepEqual(
      recogniseRefusal(rpcError(-32602, "Log response size exceeded. You can make eth_getLogs requests with up to a 2K block range and no limit on the response size, or you can request any block range with a cap of 10K logs in the response. Based on your parameters, this block range should work: [0x1, 0x64]")),
      { kind: "size", hint: 100n },
    );
    assert.deepEqual(recogniseRefusal(rpcError(-32005, "query timeout exceeded")), { kind: "size" });
    assert.deepEqual(recogniseRefusal(rpcError(-32005, "limit exceeded")), { kind: "size" });
    assert.deepEqual(recogniseRefusal(new HttpRequestError({ url: "http://rpc", status: 413, details: "Payload Too Large" })), { kind: "size" });
  });

  it("leaves everything else alone: outages, rate limits, bad filters, non-errors", () => {
    for (const error of [
      new HttpRequestError({ url: "http://rpc", status: 502, details: "bad gateway" }),
      rpcError(-32005, "project ID request rate exceeded"),
      rpcError(-32602, "invalid argument 0: hex string without 0x prefix"),
      rpcError(-32000, "header not found"),
      new Error("fetch failed"),
      undefined,
      null,
      "limit",
      42,
    ]) {
      assert.equal(recogniseRefusal(error), undefined, String(error));
    }
  });
});
