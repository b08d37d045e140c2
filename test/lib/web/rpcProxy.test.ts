/**
 * The app's JSON-RPC proxy (`POST /api/rpc/<chainId>`) in front of a real EDR node: what it
 * forwards, what it refuses, and how it answers bad input.
 */
import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";

import { freePort, startNode, stopNode, type RunningNode } from "../../../lib/devnet/nodes.ts";
import { RPC_PROXY_MAX_BATCH } from "../../../lib/web/rpcLimits.ts";
import { proxyJsonRpc, RPC_PROXY_MAX_BODY_BYTES } from "../../../lib/web/server/rpcProxy.ts";
import { buildManifest } from "../../helpers/manifest.ts";

const post = (chainId: string, body: unknown, headers: Record<string, string> = { "content-type": "application/json" }) =>
  proxyJsonRpc(new Request(`http://app/api/rpc/${chainId}`, { method: "POST", headers, body: typeof body === "string" ? body : JSON.stringify(body) }), chainId);

describe("the app's JSON-RPC proxy", () => {
  const dir = mkdtempSync(join(tmpdir(), "rpc-proxy-"));
  let node: RunningNode;
  const previous = process.env.SUPERCHAIN_MANIFEST;

  before(async () => {
    node = await startNode({ name: "hub", chainId: 900, chainType: "l1", port: await freePort(), logFile: join(dir, "hub.log") });
    const manifest = buildManifest();
    manifest.hub.rpcUrl = node.rpcUrl;
    // base-local's user RPC is a closed port: the proxy must say so, not hang or crash.
    manifest.members[0]!.sequencerRpcUrl = `http://127.0.0.1:${await freePort()}/901`;
    const file = join(dir, "devnet.json");
    writeFileSync(file, JSON.stringify(manifest));
    process.env.SUPERCHAIN_MANIFEST = file;
  });
  after(async () => {
    if (previous === undefined) delete process.env.SUPERCHAIN_MANIFEST;
    else process.env.SUPERCHAIN_MANIFEST = previous;
    await stopNode(node);
  });

  it("forwards reads and keeps the caller's ids", async () => {
    const response = await post("900", { jsonrpc: "2.0", id: "x", method: "eth_chainId" });
    assert.equal(response.status, 200);
    assert.deepEqual(await response.json(), { jsonrpc: "2.0", id: "x", result: "0x384" });
  });

  it("answers a mixed batch item by item: reads forwarded, node-side signing and node control refused", async () => {
    const response = await post("900", [
      { jsonrpc: "2.0", id: 1, method: "eth_blockNumber" },
      { jsonrpc: "2.0", id: 2, method: "eth_sendTransaction", params: [{}] },
      { jsonrpc: "2.0", id: 3, method: "evm_mine" },
      { jsonrpc: "2.0", id: 4, method: "hardhat_setBalance", params: [] },
      { jsonrpc: "2.0", id: 5, method: "eth_accounts" },
      { jsonrpc: "2.0", id: 6, method: "eth_newFilter", params: [{}] },
      { jsonrpc: "1.0", id: 7, method: "eth_chainId" },
    ]);
    const answers = (await response.json()) as Array<{ id: unknown; result?: unknown; error?: { code: number } }>;
    assert.equal(answers.length, 7);
    assert.match(String(answers[0]!.result), /^0x/);
    assert.deepEqual(answers.slice(1, 6).map((a) => [a.id, a.error?.code]), [[2, -32601], [3, -32601], [4, -32601], [5, -32601], [6, -32601]]);
    assert.equal(answers[6]!.error?.code, -32600);
  });

  it("refuses unknown and malformed chain ids with 404", async () => {
    assert.equal((await post("12345", { jsonrpc: "2.0", id: 1, method: "eth_chainId" })).status, 404);
    assert.equal((await post("0x384", { jsonrpc: "2.0", id: 1, method: "eth_chainId" })).status, 404);
  });

  it("refuses bodies that are not JSON, too large, or batches out of bounds", async () => {
    assert.equal((await post("900", "{not json")).status, 400);
    assert.equal((await post("900", { jsonrpc: "2.0", id: 1, method: "eth_chainId" }, { "content-type": "text/plain" })).status, 415);
    assert.equal((await post("900", "x".repeat(RPC_PROXY_MAX_BODY_BYTES + 1))).status, 413);
    assert.equal((await post("900", [])).status, 400);
    const tooMany = Array.from({ length: RPC_PROXY_MAX_BATCH + 1 }, (_, id) => ({ jsonrpc: "2.0", id, method: "eth_chainId" }));
    assert.equal((await post("900", tooMany)).status, 400);
  });

  it("says which chain is unreachable instead of hanging", async () => {
    const response = await post("901", { jsonrpc: "2.0", id: 1, method: "eth_chainId" });
    assert.equal(response.status, 502);
    const body = (await response.json()) as { error: { code: number; message: string } };
    assert.equal(body.error.code, -32603);
    assert.match(body.error.message, /Chain 901's RPC is unreachable/);
  });
});
