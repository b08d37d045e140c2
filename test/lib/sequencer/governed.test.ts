/**
 * The sequencer obeys the hub: a governed change of block time, ordering policy and block size
 * takes effect from exactly the first block at or after its activation time; the council's pause
 * stops blocks and transactions (and the operator's admin start cannot lift it); once a release is
 * approved, only an approved build (version and digest) builds blocks, and a required release
 * above the running one halts the chain.
 */
import assert from "node:assert/strict";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { networkInterfaces } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";

import { createPublicClient, createWalletClient, http, parseGwei, type Hex } from "viem";

import { loadManifest, viemChain, type Manifest } from "../../../lib/chains/index.ts";
import { devAccount } from "../../../lib/devnet/accounts.ts";
import { councilDecides } from "../../../lib/devnet/councilDecides.ts";
import { devnetDown, devnetUp, readDevnetState, type DevnetPaths } from "../../../lib/devnet/devnet.ts";
import { freePort } from "../../../lib/devnet/nodes.ts";
import { enactChange } from "../../../lib/devnet/passProposal.ts";
import { advanceTime } from "../../../lib/devnet/time.ts";
import type { GovernanceAction } from "../../../lib/governance/index.ts";
import { signJwt } from "../../../lib/sequencer/admin/jwt.ts";
import type { HealthReport } from "../../../lib/sequencer/health.ts";
import { sequencerBuild } from "../../../lib/sequencer/release.ts";
import { startSequencer, type RunningSequencer } from "../../../lib/sequencer/service.ts";
import { ticks, ticksUntil } from "../../helpers/ticks.ts";

const dir = mkdtempSync(join(tmpdir(), "governed-"));
const paths: DevnetPaths = { stateFile: join(dir, "state.json"), manifestFile: join(dir, "devnet.json"), logDir: join(dir, "logs") };

describe("the sequencer follows governance", () => {
  let manifest: Manifest;
  let sequencer: RunningSequencer;
  const nodes = () => readDevnetState(paths)?.nodes ?? [];
  const advance = (seconds: bigint) => advanceTime(nodes(), seconds);
  const hub = () => createPublicClient({ chain: viemChain(manifest.hub), transport: http() });
  const base = () => ({ ...viemChain(manifest.members[0]!), rpcUrls: { default: { http: [sequencer.chainUrl(901)] } } });
  const node901 = () => createPublicClient({ transport: http(manifest.members[0]!.rpcUrl) });

  const enact = (actions: GovernanceAction[], description: string) => enactChange(manifest, actions, description, advance);
  const jwtSecret = Buffer.alloc(32, 9);
  const admin = async (method: string, params: unknown[]) =>
    (await (
      await fetch(sequencer.adminUrl!, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${signJwt(jwtSecret, { iat: Math.floor(Date.now() / 1000) })}` },
        body: JSON.stringify({ jsonrpc: "2.0", id: 1, method, params }),
      })
    ).json()) as { result?: unknown; error?: { code: number } };
  /** base-local's block loop: the tests wait on its ticks, never on the wall clock. */
  const loop901 = () => sequencer.chains.get(901)!.sequencer;
  const status901 = () => sequencer.health().chains.find((c) => c.chainId === 901);
  /** Waits, tick by tick of base-local's loop, until `done` holds for the health report (at most `limit` ticks). */
  const healthWhen = async (done: (health: HealthReport) => boolean, limit = 10) => {
    await ticksUntil(loop901(), () => done(sequencer.health()), limit);
    return sequencer.health();
  };

  before(async () => {
    await devnetUp(paths, { ports: { hub: await freePort(), "base-local": await freePort(), "zora-local": await freePort() }, sequencer: false });
    manifest = await loadManifest({ path: paths.manifestFile });
    // Releases read every 250 ms: a release decision is seen by the next tick, not up to 2 s later.
    sequencer = await startSequencer({ manifest, storePath: join(dir, "sequencer.sqlite"), port: 0, admin: { port: 0, jwtSecret }, releasePollMs: 250 });
  });
  after(async () => {
    await sequencer?.stop();
    await devnetDown(paths);
  });

  it("applies block time, ordering policy and block size from the first block at the activation time", async () => {
    const activatesAt = await enact(
      [{ kind: "setParameters", chainId: 901n, changes: { blockTimeMs: 1_000, orderingPolicy: 1, maxTxPerBlock: 2 }, requestedActivation: 0n }],
      "Faster, fee-ordered, small blocks on base-local",
    );
    await advance(BigInt(activatesAt) - (await node901().getBlock()).timestamp);
    // Three senders, tips 1, 3 and 2 gwei, signed first and sent as one batch right after a block,
    // so all three wait in the mempool for the same block however loaded the machine is.
    const raws: Hex[] = [];
    for (const [index, tip] of [[16, 1n], [17, 3n], [18, 2n]] as const) {
      const wallet = createWalletClient({ account: devAccount(index), chain: base(), transport: http() });
      const request = await wallet.prepareTransactionRequest({ to: devAccount(19).address, value: 1n, gas: 21_000n, maxPriorityFeePerGas: parseGwei(String(tip)), maxFeePerGas: parseGwei("50") });
      raws.push(await wallet.signTransaction(request));
    }
    const startHead = await node901().getBlockNumber();
    await new Promise<void>((resolve) => {
      const unwatch = node901().watchBlockNumber({ pollingInterval: 50, onBlockNumber: (n) => { if (n > startHead) { unwatch(); resolve(); } } });
    });
    const batch = raws.map((raw, id) => ({ jsonrpc: "2.0", id, method: "eth_sendRawTransaction", params: [raw] }));
    const answers = (await (await fetch(sequencer.chainUrl(901), { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(batch) })).json()) as Array<{ result?: Hex; error?: unknown }>;
    const hashes = answers.map((answer) => {
      assert.ok(answer.result, `admitted: ${JSON.stringify(answer.error)}`);
      return answer.result;
    });
    const client = createPublicClient({ chain: base(), transport: http() });
    const receipts = await Promise.all(hashes.map((hash) => client.waitForTransactionReceipt({ hash, pollingInterval: 200 })));
    const [low, high, middle] = receipts as [typeof receipts[0], typeof receipts[0], typeof receipts[0]];
    assert.ok(high.blockNumber < low.blockNumber || (high.blockNumber === low.blockNumber && high.transactionIndex < low.transactionIndex), "3 gwei before 1 gwei");
    assert.ok(middle.blockNumber < low.blockNumber || (middle.blockNumber === low.blockNumber && middle.transactionIndex < low.transactionIndex), "2 gwei before 1 gwei");

    // Block by block around the activation: 2 s spacing before, 1 s after, at most 2 transactions after.
    const head = await node901().getBlockNumber();
    const blocks = await Promise.all(Array.from({ length: Number(head) }, (_, i) => node901().getBlock({ blockNumber: BigInt(i + 1) })));
    const firstActive = blocks.findIndex((b) => b.timestamp >= activatesAt);
    assert.ok(firstActive > 0, "some blocks before and after activation");
    for (const block of blocks.slice(firstActive)) assert.ok(block.transactions.length <= 2, `block ${block.number} holds ${block.transactions.length}`);
    const after = blocks.slice(firstActive);
    for (let i = 1; i < after.length; i++) assert.equal(after[i]!.timestamp - after[i - 1]!.timestamp, 1n, "1 s blocks after activation");
    assert.equal(sequencer.health().chains.find((c) => c.chainId === 901)?.config?.version, "2");
  });

  it("stops blocks and refuses transactions while the council has the chain paused", async () => {
    await councilDecides({ rpcUrl: manifest.hub.rpcUrl, safe: manifest.council.safe, registry: manifest.contracts.sequencerConfig }, { kind: "pause", chainId: 901n });
    // A tick that has read the pause builds nothing, nor does any after it.
    assert.ok(await ticksUntil(loop901(), () => status901()?.paused === true), "the pause is read");
    const pausedAt = await node901().getBlockNumber();
    await ticks(loop901(), 3);
    assert.equal(await node901().getBlockNumber(), pausedAt, "no block while paused");
    const wallet = createWalletClient({ account: devAccount(16), chain: base(), transport: http() });
    await assert.rejects(wallet.sendTransaction({ to: devAccount(19).address, value: 1n }), /chain is paused/);
    // The operator's admin listener (127.0.0.1 only) cannot lift the council's pause.
    assert.equal(new URL(sequencer.adminUrl!).hostname, "127.0.0.1");
    const external = Object.values(networkInterfaces()).flat().find((i) => i && i.family === "IPv4" && !i.internal);
    if (external) await assert.rejects(fetch(`http://${external.address}:${new URL(sequencer.adminUrl!).port}/`, { method: "POST", signal: AbortSignal.timeout(5_000) }), "not reachable off loopback");
    assert.equal(typeof (await admin("admin_stopSequencer", [901])).result, "string");
    assert.equal((await admin("admin_startSequencer", [901])).result, null);
    await ticks(loop901(), 3);
    assert.equal(await node901().getBlockNumber(), pausedAt, "admin start does not override the on-chain pause");

    await councilDecides({ rpcUrl: manifest.hub.rpcUrl, safe: manifest.council.safe, registry: manifest.contracts.sequencerConfig }, { kind: "unpause", chainId: 901n });
    assert.ok(await ticksUntil(loop901(), async () => (await node901().getBlockNumber()) > pausedAt), "blocks resume");
  });

  it("halts block production when its build digest matches no approved release, and says why in /healthz", async () => {
    const { version } = sequencerBuild();
    const [major = 0, minor = 0, patch = 0] = version.split(".").map(Number);
    const activatesAt = await enact(
      [{ kind: "approveRelease", release: { major, minor, patch, kind: "recommended", digest: `0x${"56".repeat(32)}` }, requestedActivation: 0n }],
      `Approve sequencer ${version} with another build's digest`,
    );
    await advance(BigInt(activatesAt) - (await hub().getBlock()).timestamp + 1n);
    const health = await healthWhen((h) => h.chains.find((c) => c.chainId === 901)?.halted !== undefined);
    assert.deepEqual([health.status, health.release.state, health.release.reason], ["halted", "halt", "digestMismatch"]);
    assert.match(health.chains.find((c) => c.chainId === 901)?.halted ?? "", /unapproved build: release .* was approved with digest 0x5656/);
    const haltedAt = await node901().getBlockNumber();
    await ticks(loop901(), 3);
    assert.equal(await node901().getBlockNumber(), haltedAt, "no block from an unapproved build");
  });

  it("builds again once its own build is approved, and warns when governance recommends a newer release", async () => {
    const { version, digest } = sequencerBuild();
    const [major = 0, minor = 0, patch = 0] = version.split(".").map(Number);
    const approvedAt = await enact(
      [{ kind: "approveRelease", release: { major, minor, patch, kind: "recommended", digest }, requestedActivation: 0n }],
      `Approve this sequencer build`,
    );
    await advance(approvedAt - (await hub().getBlock()).timestamp + 1n);
    const approved = await healthWhen((h) => h.release.state === "ok" && h.chains.every((c) => c.halted === undefined));
    assert.deepEqual([approved.status, approved.release.state], ["ok", "ok"]);
    const before = await node901().getBlockNumber();
    assert.ok(await ticksUntil(loop901(), async () => (await node901().getBlockNumber()) > before), "blocks resume under an approved build");

    const recommendedAt = await enact(
      [{ kind: "approveRelease", release: { major: 50, minor: 0, patch: 0, kind: "recommended", digest: `0x${"34".repeat(32)}` }, requestedActivation: 0n }],
      "Recommend sequencer 50.0.0",
    );
    await advance(recommendedAt - (await hub().getBlock()).timestamp + 1n);
    const health = await healthWhen((h) => h.release.state === "warn");
    assert.equal(health.release.state, "warn");
    assert.match(health.release.message, /recommends sequencer release 50\.0\.0/);
    const warnedAt = await node901().getBlockNumber();
    assert.ok(await ticksUntil(loop901(), async () => (await node901().getBlockNumber()) > warnedAt), "blocks continue under a warning");
  });

  it("halts block production when governance requires a newer release", async () => {
    const activatesAt = await enact(
      [{ kind: "approveRelease", release: { major: 99, minor: 0, patch: 0, kind: "required", digest: `0x${"12".repeat(32)}` }, requestedActivation: 0n }],
      "Require sequencer 99.0.0",
    );
    await advance(BigInt(activatesAt) - (await hub().getBlock()).timestamp + 1n);
    // Once a tick has read the halt (the release poll is not one of its ticks), no later one builds.
    const health = await healthWhen((h) => h.release.state === "halt" && status901()?.halted !== undefined);
    assert.equal(health.release.state, "halt");
    assert.match(health.release.message, /requires sequencer release 99\.0\.0/);
    const haltedAt = await node901().getBlockNumber();
    await ticks(loop901(), 3);
    assert.equal(await node901().getBlockNumber(), haltedAt, "no block below a required release");
    const wallet = createWalletClient({ account: devAccount(17), chain: base(), transport: http() });
    await assert.rejects(wallet.sendTransaction({ to: devAccount(19).address, value: 1n }), /sequencer halted/);
  });
});
