/**
 * The admin listener in front of a real sequencer and EDR node: 401 without a valid token, and
 * with one, block production stops (transactions are still admitted) and resumes. Starting cannot
 * lift a governed pause. (That the service binds it to 127.0.0.1 is tested in governed.test.ts.)
 */
import assert from "node:assert/strict";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { after, before, describe, it } from "node:test";

import { parseGwei, type Hex } from "viem";

import { devAccount } from "../../../../lib/devnet/accounts.ts";
import { jsonRpcClient } from "../../../../lib/rpc/jsonRpc.ts";
import { signJwt } from "../../../../lib/sequencer/admin/jwt.ts";
import { createAdminServer } from "../../../../lib/sequencer/admin/server.ts";
import { CHAIN_ID, sequencedNode, type SequencedNode } from "../../../helpers/sequencedNode.ts";

type Answer = { id?: unknown; result?: unknown; error?: { code: number; message: string } };

const secret = Buffer.alloc(32, 42);
let clock = 1_700_000_000;

describe("the sequencer's admin listener", () => {
  let chain: SequencedNode;
  let server: Server;
  let url: string;
  const head = () => jsonRpcClient(chain.node.rpcUrl).request<Hex>("eth_blockNumber").then(BigInt);
  /** `token` null: no Authorization header at all. */
  const post = (method: string, params: unknown[], token: string | null = signJwt(secret, { iat: clock })) =>
    fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json", ...(token === null ? {} : { authorization: `Bearer ${token}` }) },
      body: JSON.stringify({ jsonrpc: "2.0", id: 1, method, params }),
    });
  const admin = async (method: string, params: unknown[] = [CHAIN_ID]) => (await (await post(method, params)).json()) as Answer;
  /** Ticks until the node's head passes `height` (at most `limit` ticks). */
  const blockAfter = async (height: bigint, limit = 10) => {
    for (let i = 0; i < limit; i++) {
      if ((await head()) > height) return true;
      await chain.ticks(1);
    }
    return (await head()) > height;
  };

  before(async () => {
    chain = await sequencedNode("sequencer-admin-");
    server = createAdminServer({ chains: new Map([[CHAIN_ID, chain.sequencer]]), health: () => ({ status: "ok" }), secret, now: () => clock });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  });
  after(async () => {
    server?.closeAllConnections();
    await new Promise((resolve) => server?.close(resolve));
    await chain?.stop();
  });

  it("answers 401 without a token, with another secret's token, and with a stale iat", async () => {
    const cases: Array<[string, string | null]> = [
      ["no token", null],
      ["another secret", signJwt(Buffer.alloc(32, 1), { iat: clock })],
      ["iat 61 s old", signJwt(secret, { iat: clock - 61 })],
      ["iat 61 s ahead", signJwt(secret, { iat: clock + 61 })],
    ];
    for (const [label, token] of cases) {
      const response = await post("admin_stopSequencer", [CHAIN_ID], token);
      assert.equal(response.status, 401, label);
      assert.match(((await response.json()) as Answer).error?.message ?? "", /unauthorized/, label);
    }
    assert.equal((await admin("admin_sequencerActive")).result, true, "none of them stopped anything");
    clock += 30; // the injected clock moves; a token made now is good again
    assert.equal((await admin("admin_health", [])).result !== undefined, true);
    assert.equal((await admin("admin_setSequencerDoom")).error?.code, -32601);
    // A sequencer that is not a replica has no leadership to report or move.
    const conductor = await admin("conductor_transferLeaderToServer", [CHAIN_ID, "r2"]);
    assert.equal(conductor.error?.code, -32601);
    assert.match(conductor.error?.message ?? "", /only served by a replica/);
    assert.equal((await admin("admin_sequencerActive", [999])).error?.code, -32602);
  });

  it("stops block production while still admitting transactions, then resumes from the head", async () => {
    const stoppedAt = (await admin("admin_stopSequencer")).result as Hex;
    const height = await head();
    assert.equal(stoppedAt, (await jsonRpcClient(chain.node.rpcUrl).request<{ hash: Hex }>("eth_getBlockByNumber", ["latest", false])).hash);
    assert.equal((await admin("admin_sequencerActive")).result, false);
    assert.equal((await admin("admin_stopSequencer")).error?.code, -32000, "already stopped");

    const sender = devAccount(17);
    const nonce = Number(await jsonRpcClient(chain.node.rpcUrl).request<Hex>("eth_getTransactionCount", [sender.address, "latest"]));
    const raw = await sender.signTransaction({ type: "eip1559", chainId: CHAIN_ID, to: sender.address, value: 0n, gas: 21_000n, maxFeePerGas: parseGwei("20"), maxPriorityFeePerGas: parseGwei("1"), nonce });
    const hash = await chain.sequencer.admit(raw);
    await chain.ticks(3);
    assert.equal(await head(), height, "no block while stopped");
    assert.ok(chain.sequencer.mempool.has(hash), "admitted and held");

    assert.equal((await admin("admin_startSequencer", [CHAIN_ID, `0x${"00".repeat(32)}`])).error?.code, -32000, "not the head");
    assert.deepEqual((await admin("admin_startSequencer", [CHAIN_ID, stoppedAt])).result, null);
    assert.equal((await admin("admin_startSequencer")).error?.code, -32000, "already running");
    assert.ok(await blockAfter(height), "blocks resume");
    for (let i = 0; i < 5 && chain.sequencer.mempool.has(hash); i++) await chain.ticks(1);
    assert.equal(chain.sequencer.mempool.has(hash), false, "the held transaction was included");
  });

  it("cannot override a governed pause: start succeeds, but no block comes until the pause is lifted", async () => {
    chain.govern({ paused: true });
    await chain.ticks(1);
    const height = await head();
    assert.equal((await admin("admin_stopSequencer")).error, undefined);
    assert.equal((await admin("admin_startSequencer")).result, null);
    await chain.ticks(3);
    assert.equal(await head(), height, "still paused");
    chain.govern({ paused: false });
    assert.ok(await blockAfter(height), "blocks once unpaused");
  });
});
