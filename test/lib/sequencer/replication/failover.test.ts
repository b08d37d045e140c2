/**
 * The replicated sequencer's failures, on real processes: three replica processes (under the
 * devnet supervisor, which restarts a killed one), a three-member etcd cluster and the real
 * devnet. The leader is killed ten times under steady load; a leader is frozen past its lease.
 * After each, what was acknowledged is on chain exactly once, nothing refused is, and every
 * block on chain was claimed in etcd by the one replica whose log says it built it.
 */
import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";

import { Etcd3 } from "etcd3";
import { createPublicClient, http, parseGwei, type Hex, type PublicClient } from "viem";

import { loadManifest, type Manifest } from "../../../../lib/chains/index.ts";
import { outputOracleAbi } from "../../../../lib/contracts/index.ts";
import { hdPrivateKey } from "../../../../lib/devnet/keys.ts";
import { enactChange } from "../../../../lib/devnet/passProposal.ts";
import { advanceTime } from "../../../../lib/devnet/time.ts";
import { devAccount, DEV_ROLES } from "../../../../lib/devnet/accounts.ts";
import { devnetDown, devnetUp, readDevnetState, type DevnetPaths } from "../../../../lib/devnet/devnet.ts";
import { startEtcdCluster, type EtcdCluster } from "../../../../lib/devnet/etcd.ts";
import { freePort } from "../../../../lib/devnet/nodes.ts";
import { readJwtSecret, signJwt } from "../../../../lib/sequencer/admin/jwt.ts";
import { replicationKeys } from "../../../../lib/sequencer/replication/keys.ts";
import type { BlockRecord } from "../../../../lib/sequencer/replication/heights.ts";
import { supervisedChild } from "../../../../lib/devnet/supervisor.ts";
import { servingAfterRestart } from "../../../helpers/supervisedSequencer.ts";
import { blocksLogged, leaderOf, leadershipAcquired, pidOf, startReplica, steadyLoad, stopReplicas, until, type ReplicaProcess } from "../../../helpers/replicaSet.ts";

const dir = mkdtempSync(join(tmpdir(), "failover-"));
const paths: DevnetPaths = { stateFile: join(dir, "state.json"), manifestFile: join(dir, "devnet.json"), logDir: join(dir, "logs") };
const CHAIN = 901;
const KILLS = 10;

describe("replicated sequencer failover (processes, kill -9, SIGSTOP)", { timeout: 600_000 }, () => {
  let manifest: Manifest;
  let etcd: EtcdCluster;
  let node: PublicClient;
  let startHead: bigint;
  const replicas: ReplicaProcess[] = [];
  const urls = () => replicas.map((replica) => replica.process.url);

  before(async () => {
    process.env.LOG_LEVEL = "debug"; // the replicas log every block they build
    // etcd first: the devnet's free ports are picked once etcd holds its own, so the two never collide.
    etcd = await startEtcdCluster({ dataDir: join(dir, "etcd") });
    const ports = { hub: await freePort(), "base-local": await freePort(), "zora-local": await freePort() };
    await devnetUp(paths, { ports, sequencer: false });
    manifest = await loadManifest({ path: paths.manifestFile });
    node = createPublicClient({ transport: http(manifest.members.find((member) => member.chainId === CHAIN)!.rpcUrl) });
    // Commitments every 2 blocks of 1 s, posted by whichever replica leads (every one holds the operators' keys).
    const advance = (seconds: bigint) => advanceTime(readDevnetState(paths)?.nodes ?? [], seconds);
    const activatesAt = await enactChange(
      manifest,
      [{ kind: "setParameters", chainId: 0n, changes: { commitmentInterval: 2, blockTimeMs: 1_000 }, requestedActivation: 0n }],
      "Commit every 2 blocks, 1 s blocks",
      advance,
    );
    await advance(activatesAt - (await node.getBlock()).timestamp);
    const operatorKeysFile = join(dir, "operator-keys.json");
    writeFileSync(operatorKeysFile, JSON.stringify(Object.fromEntries(manifest.members.map((member, i) => [member.chainId, hdPrivateKey(DEV_ROLES.operators[i] ?? 0)]))));
    for (const id of ["r1", "r2", "r3"]) replicas.push(await startReplica({ id, dir, manifestFile: paths.manifestFile, etcd: etcd.endpoints, operatorKeysFile }));
    await until(() => leaderOf(replicas, CHAIN), "a first leader");
    startHead = await node.getBlockNumber();
  });
  after(async () => {
    await stopReplicas(replicas);
    await etcd?.stop();
    await devnetDown(paths);
    delete process.env.LOG_LEVEL;
  });

  it(`loses and duplicates nothing while its leader is killed ${KILLS} times under load`, async () => {
    const load = steadyLoad({ senders: [5, 6, 7, 8].map(devAccount), chainId: CHAIN, urls, to: devAccount(17).address });
    const failovers: number[] = [];
    for (let kill = 0; kill < KILLS; kill++) {
      const leader = await until(() => leaderOf(replicas, CHAIN), "a leader");
      const restarts = supervisedChild(leader.process.childFile)?.restarts ?? 0;
      const head = await node.getBlockNumber();
      const killedAt = performance.now();
      process.kill(pidOf(leader), "SIGKILL");
      const next = await until(async () => {
        const now = await leaderOf(replicas, CHAIN);
        return now && now.id !== leader.id ? now : undefined;
      }, "a new leader");
      await until(async () => ((await node.getBlockNumber()) > head ? true : undefined), "a block after the kill");
      failovers.push(performance.now() - killedAt);
      assert.notEqual(next.id, leader.id);
      await servingAfterRestart(leader.process, restarts + 1);
    }
    const outcome = await load.stop();
    console.log(`failover ms: ${failovers.map((ms) => Math.round(ms)).join(" ")}`);
    assert.ok(outcome.acknowledged.size > 50, `steady load: ${outcome.acknowledged.size} acknowledged`);
    await assertAllIncludedOnce(node, outcome.acknowledged, outcome.refused);
    await assertOneBuilderPerHeight(node, manifest, etcd, replicas, startHead);
    await assertEveryIntervalCommittedOnce(manifest, startHead);
  });

  it("a leader frozen past its lease builds nothing once thawed; a follower's acknowledgement survives the leader's death", async () => {
    const leader = await until(() => leaderOf(replicas, CHAIN), "a leader");
    const pid = pidOf(leader);
    const frozenAt = Date.now();
    process.kill(pid, "SIGSTOP");
    try {
      const next = await until(async () => {
        const now = await leaderOf(replicas.filter((replica) => replica !== leader), CHAIN);
        return now;
      }, "a leader while the old one is frozen");
      const head = await node.getBlockNumber();
      await until(async () => ((await node.getBlockNumber()) > head ? true : undefined), "a block by the new leader");
      assert.notEqual(next.id, leader.id);
    } finally {
      process.kill(pid, "SIGCONT");
    }
    const thawed = Date.now();
    // Two block times after the thaw: the old leader's log shows no block since it was frozen.
    const head = await node.getBlockNumber();
    await until(async () => ((await node.getBlockNumber()) >= head + 2n ? true : undefined), "two more blocks");
    // It may lead again later (elected anew, or handed a chain to balance the load): not before that.
    const reelected = Math.min(...leadershipAcquired(leader, CHAIN).filter((time) => time >= frozenAt));
    const built = blocksLogged(leader, CHAIN).filter((block) => block.time >= frozenAt && block.time < reelected);
    assert.deepEqual(built, [], `the thawed leader (${leader.id}) built nothing after ${frozenAt} (thawed ${thawed}) until elected again (${reelected})`);

    // A follower acknowledges; the leader dies at once; the next leader includes it.
    const current = await until(() => leaderOf(replicas, CHAIN), "a leader");
    const follower = replicas.find((replica) => replica !== current)!;
    const user = devAccount(9);
    const nonce = await node.getTransactionCount({ address: user.address });
    const raw = await user.signTransaction({ type: "eip1559", chainId: CHAIN, to: devAccount(17).address, value: 1n, gas: 21_000n, maxFeePerGas: parseGwei("20"), maxPriorityFeePerGas: parseGwei("1"), nonce });
    const answer = (await (await fetch(`${follower.process.url}/${CHAIN}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "eth_sendRawTransaction", params: [raw] }) })).json()) as { result?: Hex };
    assert.ok(answer.result, "acknowledged by a follower");
    const restarts = supervisedChild(current.process.childFile)?.restarts ?? 0;
    process.kill(pidOf(current), "SIGKILL");
    const receipt = await node.waitForTransactionReceipt({ hash: answer.result, pollingInterval: 100, timeout: 30_000 });
    assert.equal(receipt.status, "success");
    await servingAfterRestart(current.process, restarts + 1);
    await assertOneBuilderPerHeight(node, manifest, etcd, replicas, startHead);
  });

  it("moves a chain by admin RPC to a named replica; killing one replica moves only the chains it led", async () => {
    const secret = readJwtSecret(join(dir, "jwt.hex"));
    const admin = async (replica: ReplicaProcess, method: string, params: unknown[] = [], token: string | null = signJwt(secret, { iat: Math.floor(Date.now() / 1000) })) => {
      const response = await fetch(replica.process.admin!.url, {
        method: "POST",
        headers: { "content-type": "application/json", ...(token === null ? {} : { authorization: `Bearer ${token}` }) },
        body: JSON.stringify({ jsonrpc: "2.0", id: 1, method, params }),
      });
      return { status: response.status, ...((await response.json()) as { result?: unknown; error?: { code: number; message: string } }) };
    };
    const first = await until(() => leaderOf(replicas, 901), "a leader of 901");
    const second = await until(() => leaderOf(replicas, 902), "a leader of 902");
    // Unauthenticated, wrongly signed and malformed calls change nothing.
    assert.equal((await admin(first, "conductor_transferLeader", [901], null)).status, 401);
    assert.equal((await admin(first, "conductor_transferLeader", [901], signJwt(Buffer.alloc(32, 7), { iat: Math.floor(Date.now() / 1000) }))).status, 401);
    assert.equal((await admin(first, "conductor_transferLeaderToServer", [901, "no such/replica"])).error?.code, -32602);
    assert.equal((await admin(first, "conductor_transferLeaderToServer", [999, "r1"])).error?.code, -32602);
    assert.match((await admin(first, "conductor_transferLeaderToServer", [901, "r9"])).error?.message ?? "", /No live replica/);
    const follower = replicas.find((replica) => replica !== first)!;
    assert.match((await admin(follower, "conductor_transferLeaderToServer", [901, follower.id])).error?.message ?? "", /does not lead chain 901/);
    assert.equal((await leaderOf(replicas, 901))?.id, first.id, "nothing moved");

    // 901 and 902 on two different replicas, by transfer to a named replica.
    if (first.id === second.id) {
      const target = replicas.find((replica) => replica !== first)!;
      assert.equal((await admin(first, "conductor_transferLeaderToServer", [902, target.id])).result, null);
      await until(async () => ((await leaderOf(replicas, 902))?.id === target.id ? true : undefined), `902 led by ${target.id}`);
    }
    const leads901 = await until(() => leaderOf(replicas, 901), "a leader of 901");
    const leads902 = await until(() => leaderOf(replicas, 902), "a leader of 902");
    assert.notEqual(leads901.id, leads902.id);
    const membership = (await admin(leads902, "conductor_clusterMembership")).result as { members: Array<{ id: string }>; leaders: Record<string, string> };
    assert.deepEqual(membership.members.map((member) => member.id), ["r1", "r2", "r3"]);
    assert.deepEqual(membership.leaders, { 901: leads901.id, 902: leads902.id });

    process.kill(pidOf(leads901), "SIGKILL");
    const next = await until(async () => {
      const now = await leaderOf(replicas, 901);
      return now && now.id !== leads901.id ? now : undefined;
    }, "a new leader of 901");
    assert.notEqual(next.id, leads901.id);
    assert.equal((await leaderOf(replicas, 902))?.id, leads902.id, "902 stayed with its leader");
    assert.equal((await admin(leads902, "conductor_leader", [902])).result, true);
  });
});

/**
 * The outputs of the chain on the hub since `from`: one per interval boundary of 2 blocks, none
 * skipped and none twice, whichever replica led when each boundary was built.
 */
async function assertEveryIntervalCommittedOnce(manifest: Manifest, from: bigint): Promise<void> {
  const hub = createPublicClient({ transport: http(manifest.hub.rpcUrl) });
  const oracle = { address: manifest.contracts.outputOracle!, abi: outputOracleAbi } as const;
  const outputs = await until(async () => {
    const count = await hub.readContract({ ...oracle, functionName: "outputCount", args: [BigInt(CHAIN)] });
    const found = [];
    for (let index = 0n; index < count; index++) found.push((await hub.readContract({ ...oracle, functionName: "outputAt", args: [BigInt(CHAIN), index] })).blockNumber);
    const since = found.filter((number) => number > from + 2n);
    return since.length >= 10 ? since : undefined;
  }, "ten outputs since the start", 60_000);
  for (let i = 1; i < outputs.length; i++) assert.equal(outputs[i]! - outputs[i - 1]!, 2n, `outputs ${outputs.join(", ")}: one per interval`);
}

async function assertAllIncludedOnce(node: PublicClient, acknowledged: ReadonlySet<Hex>, refused: ReadonlySet<Hex>): Promise<void> {
  for (const hash of acknowledged) {
    const receipt = await node.waitForTransactionReceipt({ hash, pollingInterval: 100, timeout: 30_000 });
    assert.equal(receipt.status, "success", hash);
  }
  for (const hash of refused) {
    assert.equal(await node.getTransactionReceipt({ hash }).catch(() => undefined), undefined, `refused ${hash} is not on chain`);
  }
}

/** Every block since `from` has one claim in etcd, by the replica whose log says it built it, with the chain's hash. */
async function assertOneBuilderPerHeight(node: PublicClient, manifest: Manifest, etcd: EtcdCluster, replicas: readonly ReplicaProcess[], from: bigint): Promise<void> {
  const keys = replicationKeys(`/superchain/${manifest.hub.chainId}/${manifest.contracts.sequencerConfig.toLowerCase()}/`);
  const client = new Etcd3({ hosts: etcd.endpoints });
  try {
    const head = await node.getBlockNumber();
    const prefix = keys.blockPrefix(CHAIN);
    const records = new Map(
      Object.entries(await client.getAll().prefix(prefix).strings()).map(([key, value]) => [BigInt(key.slice(prefix.length)), JSON.parse(value) as BlockRecord]),
    );
    const builders = new Map<bigint, string[]>();
    for (const replica of replicas) for (const block of blocksLogged(replica, CHAIN)) builders.set(block.number, [...(builders.get(block.number) ?? []), replica.id]);
    for (let height = from + 1n; height <= head; height++) {
      const record = records.get(height);
      assert.ok(record, `height ${height} was claimed`);
      const built = builders.get(height) ?? [];
      assert.ok(built.length <= 1, `height ${height} built by ${built.join(" and ")}`);
      if (built.length === 1) assert.equal(record.replica, built[0], `height ${height}: claimed by ${record.replica}, built by ${built[0]}`);
      if (record.state === "built") assert.equal(record.hash, (await node.getBlock({ blockNumber: height })).hash, `height ${height}'s recorded hash`);
    }
  } finally {
    client.close();
  }
}
