/**
 * The public per-chain endpoint in front of a real EDR node: only wallet-facing methods pass;
 * node control, node-side signing and stateful filters are refused with -32601 and never reach
 * the node (its state is checked directly afterwards); non-JSON bodies get 415.
 */
import assert from "node:assert/strict";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { after, before, describe, it } from "node:test";

import type { Registry } from "prom-client";
import { keccak256, numberToHex, parseEther, parseGwei, toHex, type Hex } from "viem";

import { devAccount } from "../../../../lib/devnet/accounts.ts";
import { jsonRpcClient } from "../../../../lib/rpc/jsonRpc.ts";
import { WALLET_RPC_METHODS } from "../../../../lib/rpc/walletMethods.ts";
import { createSequencerMetrics, SEQUENCER_METRICS, sequencerRegistry } from "../../../../lib/sequencer/metrics/index.ts";
import { createRpcServer, PUBLIC_RPC_METHODS } from "../../../../lib/sequencer/rpc/server.ts";
import { CHAIN_ID, sequencedNode, type SequencedNode } from "../../../helpers/sequencedNode.ts";

type Answer = { id?: unknown; result?: unknown; error?: { code: number; message: string } };

const victim = devAccount(3).address;
const rich = devAccount(0).address;
const thief = devAccount(19).address;
const slot = numberToHex(0, { size: 32 });
const word = numberToHex(0xdead, { size: 32 });

/** One attempt per forbidden namespace, each of which would change the node if it got there. */
const FORBIDDEN: Array<[string, unknown[]]> = [
  ["evm_setAutomine", [true]],
  ["evm_mine", []],
  ["evm_setNextBlockTimestamp", [numberToHex(4_000_000_000)]],
  ["evm_increaseTime", [3_600]],
  ["hardhat_setStorageAt", [victim, slot, word]],
  ["hardhat_setBalance", [victim, numberToHex(parseEther("1000000"))]],
  ["hardhat_impersonateAccount", [rich]],
  ["anvil_setBalance", [victim, numberToHex(1n)]],
  ["debug_traceTransaction", [keccak256(toHex("x"))]],
  ["personal_unlockAccount", [rich, "", 0]],
  ["personal_sign", ["0x00", rich]],
  ["admin_stopSequencer", [CHAIN_ID]],
  ["engine_forkchoiceUpdatedV3", [{}]],
  ["txpool_content", []],
  ["miner_start", []],
  ["eth_sendTransaction", [{ from: rich, to: thief, value: numberToHex(parseEther("1")) }]],
  ["eth_sign", [rich, "0x00"]],
  ["eth_signTransaction", [{ from: rich, to: thief }]],
  ["eth_signTypedData_v4", [rich, "{}"]],
  ["eth_newFilter", [{}]],
  ["eth_subscribe", ["newHeads"]],
];

describe("the sequencer's public endpoint", () => {
  let chain: SequencedNode;
  let server: Server;
  let url: string;
  let registry: Registry;
  const node = () => jsonRpcClient(chain.node.rpcUrl);
  const post = (body: unknown, headers: Record<string, string> = { "content-type": "application/json" }) =>
    fetch(url, { method: "POST", headers, body: typeof body === "string" ? body : JSON.stringify(body) });
  const call = async (method: string, params: unknown[] = []) => (await (await post({ jsonrpc: "2.0", id: 1, method, params })).json()) as Answer;
  /** What the forbidden calls above would change on the node. */
  const nodeState = async () => ({
    automine: await node().request<boolean>("hardhat_getAutomine"),
    storage: await node().request<Hex>("eth_getStorageAt", [victim, slot, "latest"]),
    victim: await node().request<Hex>("eth_getBalance", [victim, "latest"]),
    thief: await node().request<Hex>("eth_getBalance", [thief, "latest"]),
  });

  before(async () => {
    registry = sequencerRegistry();
    chain = await sequencedNode("sequencer-rpc-", { metrics: createSequencerMetrics(registry) });
    server = createRpcServer(new Map([[CHAIN_ID, chain.chain]]), () => ({ status: "ok" }), registry);
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/${CHAIN_ID}`;
  });
  after(async () => {
    server?.closeAllConnections();
    await new Promise((resolve) => server?.close(resolve));
    await chain?.stop();
  });

  it("refuses every forbidden namespace with -32601, alone and in a batch, and the node never sees them", async () => {
    const before = await nodeState();
    assert.equal(before.automine, false, "the sequencer builds the blocks");
    for (const [method, params] of FORBIDDEN) {
      const answer = await call(method, params);
      assert.equal(answer.error?.code, -32601, `${method} refused`);
      assert.match(answer.error?.message ?? "", /does not exist\/is not available on this endpoint/);
    }
    const batch = (await (await post(FORBIDDEN.map(([method, params], id) => ({ jsonrpc: "2.0", id, method, params })))).json()) as Answer[];
    assert.deepEqual(batch.map((a) => [a.id, a.error?.code]), FORBIDDEN.map((_, id) => [id, -32601]));
    // A mixed batch: the read is answered, the node control beside it is not.
    const mixed = (await (await post([
      { jsonrpc: "2.0", id: "read", method: "eth_blockNumber" },
      { jsonrpc: "2.0", id: "write", method: "hardhat_setStorageAt", params: [victim, slot, word] },
    ])).json()) as Answer[];
    assert.match(String(mixed[0]?.result), /^0x/);
    assert.equal(mixed[1]?.error?.code, -32601);

    await chain.ticks(2); // blocks were built since: an impersonated eth_sendTransaction would be in one
    assert.deepEqual(await nodeState(), before, "automine, storage and balances untouched");
  });

  it("answers 415 to bodies that are not application/json, before anything reaches the node", async () => {
    const body = JSON.stringify({ jsonrpc: "2.0", id: 1, method: "eth_chainId", params: [] });
    for (const type of ["text/plain", "text/plain;charset=UTF-8", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/jsonp"]) {
      const response = await post(body, { "content-type": type });
      assert.equal(response.status, 415, type);
      assert.equal(((await response.json()) as Answer).error?.code, -32600, `${type}: a JSON-RPC error body`);
    }
    const untyped = await fetch(url, { method: "POST", body: new TextEncoder().encode(body) });
    assert.equal(untyped.status, 415, "no content type");
    assert.equal((await post(body, { "content-type": "application/json; charset=utf-8" })).status, 200, "parameters allowed");
  });

  it("answers the wallet-facing methods: reads forwarded, eth_accounts empty, raw transactions admitted and included", async () => {
    assert.deepEqual(new Set(PUBLIC_RPC_METHODS), new Set([...WALLET_RPC_METHODS, "eth_accounts"]));
    assert.equal((await call("eth_chainId")).result, numberToHex(CHAIN_ID));
    assert.equal((await call("net_version")).result, String(CHAIN_ID));
    assert.deepEqual((await call("eth_accounts")).result, [], "the node's unlocked dev accounts stay hidden");
    assert.equal((await call("eth_getBalance", [rich, "latest"])).result, await node().request("eth_getBalance", [rich, "latest"]));
    assert.equal((await call("eth_getCode", [rich, "latest"])).result, "0x");
    assert.match(String((await call("eth_gasPrice")).result), /^0x/);
    assert.ok(Array.isArray(((await call("eth_getBlockByNumber", ["latest", false])).result as { transactions: unknown[] }).transactions));

    const sender = devAccount(16);
    const nonce = Number((await call("eth_getTransactionCount", [sender.address, "pending"])).result);
    const raw = await sender.signTransaction({ type: "eip1559", chainId: CHAIN_ID, to: thief, value: 1n, gas: 21_000n, maxFeePerGas: parseGwei("20"), maxPriorityFeePerGas: parseGwei("1"), nonce });
    const hash = (await call("eth_sendRawTransaction", [raw])).result as Hex;
    assert.equal(hash, keccak256(raw));
    assert.equal((await call("eth_getTransactionCount", [sender.address, "pending"])).result, numberToHex(nonce + 1), "counts the mempool");
    let receipt: { status: Hex } | null = null;
    for (let tick = 0; tick < 10 && !receipt; tick++) {
      await chain.ticks(1);
      receipt = (await call("eth_getTransactionReceipt", [hash])).result as { status: Hex } | null;
    }
    assert.equal(receipt?.status, "0x1", "included by the sequencer");
  });

  it("serves GET /metrics from the sequencer's registry: its loop's series and the process metrics, in the text format", async () => {
    await chain.ticks(2);
    const base = url.slice(0, url.lastIndexOf("/"));
    const response = await fetch(`${base}/metrics`);
    assert.equal(response.status, 200);
    assert.equal(response.headers.get("content-type"), registry.contentType);
    assert.match(registry.contentType, /^text\/plain; version=0\.0\.4/);
    const text = await response.text();
    /** The value of `name`'s series for the test chain. */
    const sample = (name: string) => {
      const prefix = `${name}{chain_id="${CHAIN_ID}"} `;
      const line = text.split("\n").find((l) => l.startsWith(prefix));
      return line === undefined ? undefined : Number(line.slice(prefix.length));
    };
    for (const name of [SEQUENCER_METRICS.blocksBuilt, SEQUENCER_METRICS.headBlock, SEQUENCER_METRICS.lastBlockTime]) {
      assert.ok((sample(name) ?? 0) > 0, `${name} after blocks were built`);
    }
    // Cleared to build, at the fixture's governed pace (1 s, 10 blocks), with the txpool's capacity.
    assert.equal(sample(SEQUENCER_METRICS.building), 1);
    assert.equal(sample(SEQUENCER_METRICS.blockTime), 1);
    assert.equal(sample(SEQUENCER_METRICS.commitmentInterval), 10);
    assert.equal(sample(SEQUENCER_METRICS.mempoolCapacity), 1_000 + 64 + 1_024, "pending + operator reserve + queued");
    assert.match(text, /^process_resident_memory_bytes [1-9]/m);
    assert.match(text, /^# TYPE nodejs_eventloop_lag_seconds gauge$/m);
  });

  it("answers another method on /metrics and /healthz with 405 and Allow: GET, and an unknown path with 404", async () => {
    const base = url.slice(0, url.lastIndexOf("/"));
    for (const path of ["/metrics", "/healthz"]) {
      for (const method of ["POST", "PUT", "DELETE"]) {
        const response = await fetch(`${base}${path}`, { method, body: method === "DELETE" ? null : "{}" });
        assert.equal(response.status, 405, `${method} ${path}`);
        assert.equal(response.headers.get("allow"), "GET");
        assert.match(((await response.json()) as Answer).error?.message ?? "", new RegExp(`${path} answers GET only, not ${method}`));
      }
    }
    assert.equal((await fetch(`${base}/metrics/`)).status, 404, "no trailing-slash alias");
    assert.equal((await fetch(`${base}/metrics?name[]=x`)).status, 200, "a query string is ignored");
  });
});
