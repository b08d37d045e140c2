/**
 * Three replicas of the shared sequencer in this process, on a real three-member etcd cluster and
 * the real devnet (EDR nodes in their own processes, the hub registry deployed): every replica
 * acknowledges, only each chain's leader builds, every height is claimed and built by one replica,
 * leadership moves when its leader stops, and without an etcd quorum nothing is acknowledged.
 */
import assert from "node:assert/strict";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";

import { createPublicClient, createWalletClient, defineChain, http, parseEther, parseGwei, type Hex } from "viem";

import { loadManifest, type Manifest } from "../../../../lib/chains/index.ts";
import { devAccount } from "../../../../lib/devnet/accounts.ts";
import { devnetDown, devnetUp, type DevnetPaths } from "../../../../lib/devnet/devnet.ts";
import { startEtcdCluster, type EtcdCluster } from "../../../../lib/devnet/etcd.ts";
import { freePort } from "../../../../lib/devnet/nodes.ts";
import { signJwt } from "../../../../lib/sequencer/admin/jwt.ts";
import { SequencerOptionsError, startSequencer, type RunningSequencer } from "../../../../lib/sequencer/service.ts";
import { until } from "../../../helpers/replicaSet.ts";

const dir = mkdtempSync(join(tmpdir(), "replicas-"));
const paths: DevnetPaths = { stateFile: join(dir, "state.json"), manifestFile: join(dir, "devnet.json"), logDir: join(dir, "logs") };
const CHAINS = [901, 902] as const;

describe("replicated sequencer (three replicas, etcd)", () => {
  let manifest: Manifest;
  let etcd: EtcdCluster;
  const replicas = new Map<string, RunningSequencer>();
  const jwtSecret = Buffer.alloc(32, 9);
  const start = (replicaId: string) =>
    startSequencer({ manifest, port: 0, admin: { port: 0, jwtSecret }, replication: { etcd: etcd.endpoints, replicaId, leaseTtlSeconds: 1 } });
  const admin = async (replica: RunningSequencer, method: string, params: unknown[] = []) => {
    const response = await fetch(replica.adminUrl!, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${signJwt(jwtSecret, { iat: Math.floor(Date.now() / 1000) })}` },
      body: JSON.stringify({ jsonrpc: "2.0", id: 1, method, params }),
    });
    return (await response.json()) as { result?: unknown; error?: { code: number; message: string } };
  };
  const leaderOf = (chainId: number) =>
    [...replicas].find(([, replica]) => replica.health().chains.find((chain) => chain.chainId === chainId)?.role === "leader")?.[0];
  const chainOf = (url: string, chainId: number) =>
    defineChain({ id: chainId, name: `chain-${chainId}`, nativeCurrency: { name: "Ether", symbol: "ETH", decimals: 18 }, rpcUrls: { default: { http: [url] } } });

  before(async () => {
    // etcd first: the devnet's free ports are picked once etcd holds its own, so the two never collide.
    etcd = await startEtcdCluster({ dataDir: join(dir, "etcd") });
    const ports = { hub: await freePort(), "base-local": await freePort(), "zora-local": await freePort() };
    await devnetUp(paths, { ports, sequencer: false });
    manifest = await loadManifest({ path: paths.manifestFile });
    for (const id of ["r1", "r2", "r3"]) replicas.set(id, await start(id));
  });
  after(async () => {
    await Promise.all([...replicas.values()].map((replica) => replica.stop()));
    await etcd?.stop();
    await devnetDown(paths);
  });

  it("elects one leader per chain, and only the leader builds", async () => {
    for (const chainId of CHAINS) await until(() => leaderOf(chainId), `a leader of ${chainId}`);
    for (const chainId of CHAINS) {
      const roles = [...replicas.values()].map((replica) => replica.health().chains.find((chain) => chain.chainId === chainId)?.role);
      assert.equal(roles.filter((role) => role === "leader").length, 1, `one leader of ${chainId}: ${roles.join(",")}`);
      assert.equal(roles.filter((role) => role === "follower").length, 2);
    }
  });

  it("includes, exactly once, what any replica acknowledged; followers count it in the pending nonce", async () => {
    const user = devAccount(16);
    const leader = await until(() => leaderOf(901), "a leader of 901");
    const followers = [...replicas].filter(([id]) => id !== leader).map(([, replica]) => replica);
    const hashes: Hex[] = [];
    const reader = createPublicClient({ chain: chainOf(followers[1]!.chainUrl(901), 901), transport: http() });
    const first = await reader.getTransactionCount({ address: user.address, blockTag: "pending" });
    for (let i = 0; i < 6; i++) {
      const via = followers[i % 2]!;
      const wallet = createWalletClient({ account: user, chain: chainOf(via.chainUrl(901), 901), transport: http() });
      hashes.push(await wallet.sendTransaction({ to: devAccount(17).address, value: parseEther("0.001"), nonce: first + i, gas: 21_000n, maxFeePerGas: parseGwei("5"), maxPriorityFeePerGas: parseGwei("1") }));
    }
    // Looked up through a replica that did not acknowledge it (from the log while pending, from the chain after).
    const seen = await reader.getTransaction({ hash: hashes[0]! });
    assert.equal(seen.from.toLowerCase(), user.address.toLowerCase());
    // The other follower saw both followers' acknowledgements through etcd.
    await until(async () => ((await reader.getTransactionCount({ address: user.address, blockTag: "pending" })) === first + 6 ? true : undefined), "pending nonce on a follower");
    const receipts = await Promise.all(hashes.map((hash) => reader.waitForTransactionReceipt({ hash, pollingInterval: 100, timeout: 20_000 })));
    assert.ok(receipts.every((receipt) => receipt.status === "success"));
    assert.equal(new Set(receipts.map((receipt) => receipt.transactionHash)).size, 6);
  });

  it("records every height as claimed and built by one replica, matching the chain", async () => {
    const leadership = [...replicas.values()][0]!;
    const node = createPublicClient({ transport: http(manifest.members.find((member) => member.chainId === 901)!.rpcUrl) });
    const head = await node.getBlockNumber();
    const records = await until(async () => {
      const found = await leadershipRecords(leadership, 901);
      return found.some((record) => record.height >= head) ? found : undefined;
    }, "block records up to the head");
    for (const record of records.filter((r) => r.state === "built" && r.height <= head)) {
      const block = await node.getBlock({ blockNumber: record.height });
      assert.equal(record.hash, block.hash, `height ${record.height} was built by ${record.replica}`);
    }
  });

  it("moves a chain to another replica when its leader stops, and keeps building", async () => {
    const leader = await until(() => leaderOf(902), "a leader of 902");
    const other = leaderOf(901);
    const node = createPublicClient({ transport: http(manifest.members.find((member) => member.chainId === 902)!.rpcUrl) });
    await replicas.get(leader)!.stop();
    replicas.delete(leader);
    const next = await until(() => leaderOf(902), "a new leader of 902", 10_000);
    assert.notEqual(next, leader);
    if (other !== leader) assert.equal(leaderOf(901), other, "chain 901 kept its leader");
    const before = await node.getBlockNumber();
    await until(async () => ((await node.getBlockNumber()) > before + 1n ? true : undefined), "blocks after the failover");
    replicas.set(leader, await start(leader)); // back as a follower
  });

  it("keeps acknowledging and building with one etcd member of three down", async () => {
    const user = devAccount(19);
    const replica = [...replicas.values()][1]!;
    const reader = createPublicClient({ chain: chainOf(replica.chainUrl(902), 902), transport: http() });
    await etcd.kill(0);
    try {
      // A write in flight to the member that died may time out (-32010, not acknowledged); the
      // same bytes sent again go through the two members left, as a wallet's retry would.
      const nonce = await reader.getTransactionCount({ address: user.address, blockTag: "pending" });
      const raw = await user.signTransaction({ type: "eip1559", chainId: 902, to: devAccount(17).address, value: 1n, gas: 21_000n, maxFeePerGas: parseGwei("5"), maxPriorityFeePerGas: parseGwei("1"), nonce });
      const send = async () =>
        (await (await fetch(replica.chainUrl(902), { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "eth_sendRawTransaction", params: [raw] }) })).json()) as {
          result?: Hex;
          error?: { code: number };
        };
      const hash = await until(async () => {
        const answer = await send();
        if (answer.error && answer.error.code !== -32010) assert.fail(`refused: ${JSON.stringify(answer.error)}`);
        return answer.result;
      }, "an acknowledgement with two members of three");
      const receipt = await reader.waitForTransactionReceipt({ hash, pollingInterval: 100, timeout: 20_000 });
      assert.equal(receipt.status, "success");
    } finally {
      await etcd.restart(0);
    }
  });

  it("refuses to acknowledge without an etcd quorum, with a clear JSON-RPC error, and resumes when it returns", async () => {
    const user = devAccount(18);
    const replica = [...replicas.values()][0]!;
    const reader = createPublicClient({ chain: chainOf(replica.chainUrl(901), 901), transport: http() });
    const nonce = await reader.getTransactionCount({ address: user.address, blockTag: "pending" });
    const raw = await user.signTransaction({ type: "eip1559", chainId: 901, to: devAccount(17).address, value: 1n, gas: 21_000n, maxFeePerGas: parseGwei("5"), maxPriorityFeePerGas: parseGwei("1"), nonce });
    await etcd.kill(1);
    await etcd.kill(2);
    const answer = (await (await fetch(replica.chainUrl(901), { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "eth_sendRawTransaction", params: [raw] }) })).json()) as {
      error?: { code: number; message: string };
    };
    assert.equal(answer.error?.code, -32010, JSON.stringify(answer));
    assert.match(answer.error?.message ?? "", /etcd/);
    await etcd.restart(1);
    await etcd.restart(2);
    const hash = await until(async () => {
      const retry = (await (await fetch(replica.chainUrl(901), { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ jsonrpc: "2.0", id: 2, method: "eth_sendRawTransaction", params: [raw] }) })).json()) as { result?: Hex };
      return retry.result;
    }, "an acknowledgement after quorum returned");
    const receipt = await reader.waitForTransactionReceipt({ hash, pollingInterval: 100, timeout: 20_000 });
    assert.equal(receipt.status, "success");
    // Losing etcd for a while is a temporary fault: no chain of any replica halted over it.
    for (const [id, running] of replicas) {
      for (const chain of running.health().chains) assert.equal(chain.halted, undefined, `${id} halted ${chain.chainId}: ${chain.halted}`);
    }
  });

  it("pauses and resumes a replica, and transfers a chain to the least loaded replica (conductor_*)", async () => {
    const leaderId = await until(() => leaderOf(901), "a leader of 901");
    const leader = replicas.get(leaderId)!;
    assert.deepEqual((await admin(leader, "conductor_leaderWithID", [901])).result, { id: leaderId, rpcUrl: leader.url });
    assert.equal((await admin(leader, "conductor_leader", [901])).result, true);
    assert.equal((await admin(leader, "conductor_leaderWithID", ["x"])).error?.code, -32602);

    assert.equal((await admin(leader, "conductor_transferLeader", [901])).result, null);
    const next = await until(() => {
      const now = leaderOf(901);
      return now && now !== leaderId ? now : undefined;
    }, "a transfer");
    assert.notEqual(next, leaderId);

    const paused = replicas.get(next)!;
    assert.equal((await admin(paused, "conductor_pause")).result, null);
    assert.equal((await admin(paused, "conductor_paused")).result, true);
    assert.equal((await admin(paused, "conductor_active")).result, false);
    assert.equal(paused.health().replication?.paused, true);
    const after = await until(() => leaderOf(901), "a leader after the pause");
    assert.notEqual(after, next, "a paused replica leads nothing");
    assert.deepEqual(paused.health().chains.map((chain) => chain.role), ["follower", "follower"]);
    assert.equal((await admin(paused, "conductor_resume")).result, null);
    assert.equal((await admin(paused, "conductor_paused")).result, false);
  });

  it("refuses bad replication options before starting anything", async () => {
    for (const replication of [
      { etcd: etcd.endpoints, replicaId: "bad id" },
      { etcd: [], replicaId: "r9" },
      { etcd: ["ftp://x"], replicaId: "r9" },
      { etcd: etcd.endpoints, replicaId: "r9", leaseTtlSeconds: 0 },
    ]) {
      await assert.rejects(startSequencer({ manifest, storePath: join(dir, "x.sqlite"), port: 0, replication }), SequencerOptionsError);
    }
  });
});

async function leadershipRecords(_replica: RunningSequencer, chainId: number) {
  return _replica.replication!.blockRecords(chainId);
}
