/**
 * The shared sequencer on a real devnet (EDR nodes in their own processes, the hub registry
 * deployed): stock viem and ethers v6 clients use it as their RPC URL, and every rejection class
 * comes back as a standard JSON-RPC error.
 */
import assert from "node:assert/strict";
import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";

import { JsonRpcProvider, Wallet } from "ethers";
import { createPublicClient, createWalletClient, defineChain, http, parseEther, parseGwei, serializeTransaction, type Hex } from "viem";
import { generatePrivateKey, privateKeyToAccount } from "viem/accounts";

import { loadManifest, type Manifest } from "../../../lib/chains/index.ts";
import { devAccount } from "../../../lib/devnet/accounts.ts";
import { devnetDown, devnetUp, type DevnetPaths } from "../../../lib/devnet/devnet.ts";
import { freePort } from "../../../lib/devnet/nodes.ts";
import { hdPrivateKey } from "../../../lib/devnet/keys.ts";
import { healthReportSchema } from "../../../lib/sequencer/health.ts";
import { SEQUENCER_METRICS } from "../../../lib/sequencer/metrics/index.ts";
import { SequencerOptionsError, startSequencer, type RunningSequencer } from "../../../lib/sequencer/service.ts";
import { devnetEngine } from "../../../lib/sequencer/engine/devnetEngine.ts";

const dir = mkdtempSync(join(tmpdir(), "sequencer-"));
const paths: DevnetPaths = { stateFile: join(dir, "state.json"), manifestFile: join(dir, "devnet.json"), logDir: join(dir, "logs") };

describe("the shared sequencer as a wallet's RPC", () => {
  let manifest: Manifest;
  let sequencer: RunningSequencer;
  const user = devAccount(16);
  const base = () => defineChain({ id: 901, name: "base-local", nativeCurrency: { name: "Ether", symbol: "ETH", decimals: 18 }, rpcUrls: { default: { http: [sequencer.chainUrl(901)] } } });
  const rpc = async (chainId: number, body: unknown) =>
    (await fetch(sequencer.chainUrl(chainId), { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) })).json() as Promise<{
      result?: unknown;
      error?: { code: number; message: string; data?: { reason?: string } };
    }>;

  before(async () => {
    const ports = { hub: await freePort(), "base-local": await freePort(), "zora-local": await freePort() };
    await devnetUp(paths, { ports, sequencer: false }); // this test runs the sequencer in-process
    manifest = await loadManifest({ path: paths.manifestFile });
    sequencer = await startSequencer({ manifest, storePath: join(dir, "sequencer.sqlite"), port: 0 });
  });
  after(async () => {
    await sequencer?.stop();
    await devnetDown(paths);
  });

  it("takes viem transactions, counts its own mempool in the pending nonce, and includes them", async () => {
    const chain = base();
    const wallet = createWalletClient({ account: user, chain, transport: http() });
    const client = createPublicClient({ chain, transport: http() });
    assert.equal(await client.getChainId(), 901);
    const start = await client.getTransactionCount({ address: user.address, blockTag: "pending" });
    const hashes: Hex[] = [];
    for (let i = 0; i < 3; i++) {
      hashes.push(await wallet.sendTransaction({ to: devAccount(17).address, value: parseEther("0.01"), nonce: start + i }));
    }
    assert.equal(await client.getTransactionCount({ address: user.address, blockTag: "pending" }), start + 3);
    const pending = await client.getTransaction({ hash: hashes[0] as Hex });
    assert.equal(pending.from.toLowerCase(), user.address.toLowerCase());
    const receipts = await Promise.all(hashes.map((hash) => client.waitForTransactionReceipt({ hash, pollingInterval: 200 })));
    assert.ok(receipts.every((r) => r.status === "success"));
    assert.deepEqual(
      receipts.map((r) => r.transactionIndex),
      [...receipts].sort((a, b) => Number(a.blockNumber - b.blockNumber) || a.transactionIndex - b.transactionIndex).map((r) => r.transactionIndex),
      "per-sender nonce order",
    );
  });

  it("works unchanged for an ethers v6 wallet", async () => {
    const provider = new JsonRpcProvider(sequencer.chainUrl(901), 901, { staticNetwork: true, pollingInterval: 200 });
    const wallet = new Wallet(hdPrivateKey(18), provider);
    const response = await wallet.sendTransaction({ to: devAccount(17).address, value: parseEther("0.02") });
    const receipt = await response.wait();
    assert.equal(receipt?.status, 1);
    provider.destroy();
  });

  it("refuses every bad transaction with a standard JSON-RPC error and a reason", async () => {
    const chain = base();
    const sign = async (overrides: Record<string, unknown> = {}) =>
      user.signTransaction({
        type: "eip1559",
        chainId: 901,
        to: devAccount(17).address,
        value: 1n,
        gas: 21_000n,
        maxFeePerGas: parseGwei("2"),
        maxPriorityFeePerGas: parseGwei("1"),
        nonce: 0,
        ...overrides,
      } as Parameters<typeof user.signTransaction>[0]);
    const send = (raw: unknown) => rpc(901, { jsonrpc: "2.0", id: 1, method: "eth_sendRawTransaction", params: [raw] });

    const cases: Array<[string, unknown, string, number]> = [
      ["malformed", "0x1234", "malformed", -32602],
      ["not hex", "hello", "malformed", -32602],
      ["oversized", await sign({ data: `0x${"00".repeat(140_000)}`, gas: 3_000_000n }), "oversized", -32602],
      ["wrong chain", await sign({ chainId: 902 }), "wrongChain", -32000],
      ["nonce too low", await sign({ nonce: 0 }), "nonceTooLow", -32000],
      ["gas over the block limit", await sign({ gas: 40_000_000n, nonce: 99 }), "gasLimit", -32000],
    ];
    const broke = privateKeyToAccount(generatePrivateKey());
    cases.push([
      "insufficient funds",
      await broke.signTransaction({ type: "eip1559", chainId: 901, to: user.address, value: 1n, gas: 21_000n, maxFeePerGas: parseGwei("2"), maxPriorityFeePerGas: parseGwei("1"), nonce: 0 }),
      "insufficientFunds",
      -32000,
    ]);
    // Fees that pass the cheap checks (fee cap, tip), so the refusal comes from recovery itself.
    const unsigned = { type: "eip1559", chainId: 901, to: user.address, value: 1n, gas: 21_000n, maxFeePerGas: parseGwei("2"), maxPriorityFeePerGas: parseGwei("1"), nonce: 7 } as const;
    // r = s = 0 is no signature of anyone: recovery must fail, not produce some random sender.
    cases.push(["bad signature", serializeTransaction(unsigned, { r: `0x${"00".repeat(32)}`, s: `0x${"00".repeat(32)}`, yParity: 0 }), "badSignature", -32000]);

    for (const [label, raw, reason, code] of cases) {
      const { error } = await send(raw);
      assert.ok(error, `${label}: refused`);
      assert.equal(error.data?.reason, reason, `${label}: reason (${error.message})`);
      assert.equal(error.code, code, `${label}: code`);
    }

    // A gapped nonce is held; the same nonce at the same price is an underpriced replacement.
    const nonce = await createPublicClient({ chain, transport: http() }).getTransactionCount({ address: user.address, blockTag: "pending" });
    const held = await sign({ nonce: nonce + 5 });
    assert.ok((await send(held)).result, "gapped nonce accepted and held");
    const { error } = await send(await sign({ nonce: nonce + 5, value: 2n }));
    assert.equal(error?.data?.reason, "replacementUnderpriced");
  });

  it("answers malformed requests, batches and unknown chains clearly, and reports health", async () => {
    const parse = await (await fetch(sequencer.chainUrl(901), { method: "POST", headers: { "content-type": "application/json" }, body: "{not json" })).json() as { error: { code: number } };
    assert.equal(parse.error.code, -32700);
    const batch = (await rpc(901, [
      { jsonrpc: "2.0", id: 1, method: "eth_chainId", params: [] },
      { jsonrpc: "2.0", id: 2, method: "eth_blockNumber", params: [] },
      { id: 3 },
    ])) as unknown as Array<{ id: number; result?: string; error?: { code: number } }>;
    assert.equal(batch[0]?.result, "0x385");
    assert.match(batch[1]?.result ?? "", /^0x/);
    assert.equal(batch[2]?.error?.code, -32600);
    const unknown = await fetch(`${sequencer.url}/999`, { method: "POST", body: "{}" });
    assert.equal(unknown.status, 404);
    // What is served parses with the one health schema.
    const health = healthReportSchema.parse(await (await fetch(`${sequencer.url}/healthz`)).json());
    assert.deepEqual(health.chains.map((c) => [c.chainId, c.config?.version, c.hubReachable]), [[901, 1n, true], [902, 1n, true]]);

    const response = await fetch(`${sequencer.url}/metrics`);
    assert.match(response.headers.get("content-type") ?? "", /^text\/plain; version=0\.0\.4; charset=utf-8$/);
    const metrics = await response.text();
    assert.match(metrics, /superchain_sequencer_transactions_admitted_total\{chain_id="901"\} [1-9]/);
    assert.match(metrics, /superchain_sequencer_transactions_rejected_total\{chain_id="901",reason="nonceTooLow"\} [1-9]/);
    assert.match(metrics, /superchain_sequencer_inclusion_latency_seconds_count\{chain_id="901"\} [1-9]/);
    // Every series the alerting rules may use (test/ops/alerts.test.ts) is served by the running service.
    for (const name of Object.values(SEQUENCER_METRICS)) assert.match(metrics, new RegExp(`^# TYPE ${name} `, "m"), name);
    assert.match(metrics, /^superchain_sequencer_release_halted 0$/m);
    assert.match(metrics, /^superchain_sequencer_building\{chain_id="902"\} 1$/m);
    assert.match(metrics, /^process_resident_memory_bytes [1-9]/m);
    assert.match(metrics, /^# TYPE nodejs_eventloop_lag_seconds gauge$/m);
  });

  it("refuses oversized bodies, wrong methods, empty and oversized batches with clear errors", async () => {
    const big = await fetch(sequencer.chainUrl(901), { method: "POST", headers: { "content-type": "application/json" }, body: "x".repeat(17 * 1024 * 1024) });
    assert.equal(big.status, 413);
    assert.match(((await big.json()) as { error: { message: string } }).error.message, /request body over/);
    const get = await fetch(sequencer.chainUrl(901));
    assert.equal(get.status, 405);
    const empty = (await rpc(901, [])) as { error?: { code: number; message: string } };
    assert.equal(empty.error?.code, -32600);
    assert.match(empty.error?.message ?? "", /empty batch/);
    const huge = (await rpc(901, Array.from({ length: 1_001 }, (_, id) => ({ jsonrpc: "2.0", id, method: "eth_chainId", params: [] })))) as { error?: { message: string } };
    assert.match(huge.error?.message ?? "", /batch over 1000 requests/);
    const badParams = await rpc(901, { jsonrpc: "2.0", id: 1, method: "eth_getTransactionCount", params: ["not-an-address", "pending"] });
    assert.equal(badParams.error?.code, -32602);
    const notArray = await rpc(901, { jsonrpc: "2.0", id: 1, method: "eth_chainId", params: { a: 1 } });
    assert.equal(notArray.error?.code, -32602);
  });

  it("refuses a release poll out of range or no store before starting anything, and takes its engines from the factory it is given", async () => {
    await assert.rejects(
      startSequencer({ manifest, storePath: join(dir, "never.sqlite"), port: 0, releasePollMs: 0 }),
      (error: unknown) => error instanceof SequencerOptionsError && error.option === "releasePollMs",
    );
    assert.equal(existsSync(join(dir, "never.sqlite")), false, "no store was opened");
    await assert.rejects(
      // @ts-expect-error neither a store nor a store path
      startSequencer({ manifest, port: 0 }),
      (error: unknown) => error instanceof SequencerOptionsError && error.option === "storePath",
    );
    // A factory that refuses the last member: the start fails with its error and leaves nothing
    // running (a leaked poll or thread would keep this test file from ending).
    const asked: number[] = [];
    const refused = new Error("no engine for this chain");
    await assert.rejects(
      startSequencer({
        manifest,
        storePath: join(dir, "factory.sqlite"),
        port: 0,
        engine: (member) => {
          asked.push(member.chainId);
          if (asked.length === manifest.members.length) throw refused;
          return devnetEngine({ chainId: member.chainId, rpcUrl: member.rpcUrl });
        },
      }),
      (error: unknown) => error === refused,
    );
    assert.deepEqual(asked, manifest.members.map((member) => member.chainId));
  });

  it("answers a flood beyond the txpool's bounds with limit errors and keeps serving", async () => {
    await sequencer.stop();
    sequencer = await startSequencer({ manifest, storePath: join(dir, "flood.sqlite"), port: 0, maxPendingPerChain: 20, txpool: { maxQueuedPerSender: 12, maxQueuedTotal: 20 } });
    const client = createPublicClient({ chain: base(), transport: http() });
    // Far-future nonces from two senders: queued, never executable, bounded per sender and overall.
    const raws = (
      await Promise.all(
        [devAccount(12), devAccount(13)].map(async (flooder) => {
          const next = await client.getTransactionCount({ address: flooder.address });
          return Promise.all(
            Array.from({ length: 20 }, (_, i) =>
              flooder.signTransaction({ type: "eip1559", chainId: 901, to: flooder.address, value: 0n, gas: 21_000n, maxFeePerGas: parseGwei("2"), maxPriorityFeePerGas: 1n, nonce: next + 100 + i }),
            ),
          );
        }),
      )
    ).flat();
    const responses = (await rpc(901, raws.map((raw, id) => ({ jsonrpc: "2.0", id, method: "eth_sendRawTransaction", params: [raw] })))) as unknown as Array<{ result?: string; error?: { code: number; data?: { reason?: string } } }>;
    const accepted = responses.filter((r) => r.result).length;
    const limited = responses.filter((r) => ["queuedLimit", "mempoolFull"].includes(r.error?.data?.reason ?? "") && r.error?.code === -32005).length;
    assert.equal(accepted, 20, "the queued bound");
    assert.equal(limited, 20, "the rest refused with a limit error");
    assert.equal((await rpc(901, { jsonrpc: "2.0", id: 1, method: "eth_chainId", params: [] })).result, "0x385", "still answering");
  });
});
