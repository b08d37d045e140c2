/**
 * The JSON-RPC envelope of the sequencer's HTTP face: a large batch is flow-controlled (a bounded
 * number of its items run at once, paced by their answers) and answered in order, and a single
 * request from another client is answered while the batch is still running.
 */
import assert from "node:assert/strict";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { after, before, describe, it } from "node:test";

import { answerJsonRpc, MAX_BATCH, success, type ValidRpcRequest } from "../../../../lib/sequencer/rpc/http.ts";

type Answer = { id?: unknown; result?: unknown; error?: { code: number; message: string } };

describe("answerJsonRpc", () => {
  let server: Server;
  let url: string;
  let running = 0;
  let mostRunning = 0;
  /** Items of the batch answered so far; the single request records what it saw. */
  let batchAnswered = 0;
  // Every call takes a few milliseconds, as an admission does: recovery, an account read, a commit.
  const handle = async ({ id, method }: ValidRpcRequest) => {
    running++;
    mostRunning = Math.max(mostRunning, running);
    await new Promise((resolve) => setTimeout(resolve, 2));
    running--;
    if (method === "batch_item") batchAnswered++;
    return success(id, method === "single" ? batchAnswered : id);
  };

  before(async () => {
    server = createServer((request, response) => void answerJsonRpc(request, response, handle));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const post = async (body: unknown) =>
    (await fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) })).json() as Promise<Answer | Answer[]>;

  it("runs at most 128 items of a full batch at once and answers all of them in order", async () => {
    mostRunning = 0;
    const answers = (await post(Array.from({ length: MAX_BATCH }, (_, id) => ({ jsonrpc: "2.0", id, method: "batch_item" })))) as Answer[];
    assert.equal(answers.length, MAX_BATCH);
    assert.deepEqual(answers.map((a) => a.result), Array.from({ length: MAX_BATCH }, (_, id) => id));
    assert.ok(mostRunning <= 128, `${mostRunning} items ran at once`);
    assert.ok(mostRunning >= 64, `only ${mostRunning} items ran at once: the batch is not pipelined`);
  });

  it("answers another client's single request while a full batch is still running", async () => {
    batchAnswered = 0;
    const batch = post(Array.from({ length: MAX_BATCH }, (_, id) => ({ jsonrpc: "2.0", id, method: "batch_item" })));
    while (batchAnswered === 0) await new Promise((resolve) => setImmediate(resolve));
    const single = (await post({ jsonrpc: "2.0", id: "s", method: "single" })) as Answer;
    assert.ok((single.result as number) < MAX_BATCH / 2, `the single request waited for ${String(single.result)} batch items`);
    assert.equal(((await batch) as Answer[]).length, MAX_BATCH);
  });

  it("refuses an oversized batch and an empty one without running anything", async () => {
    running = 0;
    mostRunning = 0;
    const over = (await post(Array.from({ length: MAX_BATCH + 1 }, (_, id) => ({ jsonrpc: "2.0", id, method: "batch_item" })))) as Answer;
    assert.equal(over.error?.code, -32600);
    assert.match(over.error?.message ?? "", /batch over 1000/);
    const empty = (await post([])) as Answer;
    assert.equal(empty.error?.code, -32600);
    assert.equal(mostRunning, 0);
  });
});
