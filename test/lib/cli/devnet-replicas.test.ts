/**
 * `superchain devnet up --replicas 3` as a user runs it (child processes, free ports, their own
 * state folder): a three-member etcd cluster and three replicas come up, the manifest lists every
 * replica per chain, `sequencer status` and the web app's reader say who leads what, a wallet
 * works through any replica, and `devnet down` stops every process it started. Bad input to
 * `sequencer status` and `devnet up` is refused with a clear message.
 */
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";

import { createPublicClient, createWalletClient, http, parseGwei } from "viem";

import { loadManifest, viemChain } from "../../../lib/chains/index.ts";
import { devAccount } from "../../../lib/devnet/accounts.ts";
import { readDevnetState } from "../../../lib/devnet/devnet.ts";
import { freePort, freePorts, isAlive, isPortInUse } from "../../../lib/devnet/nodes.ts";
import { readSequencerHealth } from "../../../lib/web/chains/sequencerHealth.ts";
import { until } from "../../helpers/replicaSet.ts";
import { superchainCli } from "../../helpers/cli.ts";

const dir = mkdtempSync(join(tmpdir(), "superchain-replicas-"));
const manifestPath = join(dir, "devnet.json");
const env = { ...process.env, SUPERCHAIN_DEVNET_DIR: join(dir, "devnet"), SUPERCHAIN_MANIFEST: manifestPath, FORCE_COLOR: "0" };

const superchain = superchainCli(env, dir);

/** A port with the next `count` - 1 ports free as well, none of them among `taken`. */
async function freeRange(count: number, taken: number[]): Promise<number> {
  for (;;) {
    const base = await freePort();
    if (base + count > 65_530 || taken.some((port) => port >= base && port < base + count)) continue;
    const used = await Promise.all(Array.from({ length: count }, (_, i) => isPortInUse(base + i)));
    if (!used.some(Boolean)) return base;
  }
}

describe("superchain devnet up --replicas 3, end to end", { timeout: 300_000 }, () => {
  after(async () => {
    await superchain("devnet", "down");
    rmSync(dir, { recursive: true, force: true });
  });

  it("refuses replica options that make no sense", async () => {
    const alone = await superchain("devnet", "up", "--etcd-port", "30000");
    assert.notEqual(alone.code, 0);
    assert.match(alone.stderr, /--etcd-port needs --replicas 2 or more/);
    const many = await superchain("devnet", "up", "--replicas", "9");
    assert.notEqual(many.code, 0);
    assert.match(many.stderr, /replicas/);
  });

  it("starts etcd and three replicas, leads each chain from one, and stops them all", async () => {
    // Every port chosen before any is bound: each range avoids the ports chosen before it.
    const taken = await freePorts(3);
    const sequencerPort = await freeRange(3, taken);
    taken.push(sequencerPort, sequencerPort + 1, sequencerPort + 2);
    const adminPort = await freeRange(3, taken);
    taken.push(adminPort, adminPort + 1, adminPort + 2);
    const etcdPort = await freeRange(6, taken);
    const chains = ["--hub-port", `${taken[0]}`, "--base-port", `${taken[1]}`, "--zora-port", `${taken[2]}`];
    const up = await superchain("devnet", "up", "--replicas", "3", ...chains, "--sequencer-port", `${sequencerPort}`, "--sequencer-admin-port", `${adminPort}`, "--etcd-port", `${etcdPort}`);
    assert.equal(up.code, 0, up.stderr);
    assert.match(up.stdout, /Replicated sequencer: 3 replicas on etcd/);
    for (let i = 0; i < 3; i++) assert.match(up.stdout, new RegExp(`replica-${i + 1}  http://127.0.0.1:${sequencerPort + i}`));

    const manifest = await loadManifest({ path: manifestPath });
    for (const member of manifest.members) {
      assert.deepEqual(member.sequencerReplicaUrls, [0, 1, 2].map((i) => `http://127.0.0.1:${sequencerPort + i}/${member.chainId}`));
    }

    // Both chains led, spread over two replicas as they joined.
    const status = await until(async () => {
      const answer = await superchain("sequencer", "status");
      const leaders = [...answer.stdout.matchAll(/^ {2}[a-z-]+ \((90[12])\) +(replica-\d)/gm)].map((match) => match[2]);
      return answer.code === 0 && leaders.length === 2 && leaders[0] !== leaders[1] ? answer : undefined;
    }, "two chains led by two replicas", 30_000);
    assert.match(status.stdout, /replicated sequencer: 3 replicas/);
    assert.match(status.stdout, /replica-1 .* etcd ok, lease/);

    // The web app reads the same: every replica and the leader of each chain.
    const health = await readSequencerHealth(manifest);
    assert.ok(health.reachable && health.replication);
    assert.deepEqual(health.replication.replicas.map((replica) => replica.id).sort(), ["replica-1", "replica-2", "replica-3"]);
    assert.ok(health.replication.chains.every((chain) => chain.leader?.startsWith("replica-")));

    // A wallet on the manifest's chain, through the third replica.
    const base = viemChain(manifest.members[0]!);
    const wallet = createWalletClient({ account: devAccount(9), chain: base, transport: http(`http://127.0.0.1:${sequencerPort + 2}/901`) });
    const hash = await wallet.sendTransaction({ to: devAccount(17).address, value: 1n, gas: 21_000n, maxFeePerGas: parseGwei("5"), maxPriorityFeePerGas: parseGwei("1") });
    const receipt = await createPublicClient({ chain: base, transport: http() }).waitForTransactionReceipt({ hash, pollingInterval: 100, timeout: 30_000 });
    assert.equal(receipt.status, "success");

    // Bad input to `sequencer status`: a clear refusal, not a stack trace.
    const malformed = await superchain("sequencer", "status", "--url", "not-a-url");
    assert.equal(malformed.code, 2, malformed.stderr);
    assert.match(malformed.stderr, /comma-separated sequencer URLs/);
    const unreachable = await superchain("sequencer", "status", "--url", `http://127.0.0.1:${await freePort()}`);
    assert.equal(unreachable.code, 1);
    assert.match(unreachable.stdout, /unreachable|sequencer at/);

    const state = readDevnetState({ stateFile: join(dir, "devnet", "state.json"), manifestFile: manifestPath, logDir: join(dir, "devnet", "logs") });
    const pids = [...(state?.replicated?.etcd ?? []), ...(state?.replicated?.replicas.map((replica) => replica.supervisor) ?? [])].map((process) => process.pid);
    assert.equal(pids.length, 6);
    const down = await superchain("devnet", "down");
    assert.equal(down.code, 0, down.stderr);
    for (const name of ["replica-1", "replica-3", "etcd-0", "etcd-2"]) assert.match(down.stdout, new RegExp(`stopped the ${name}`));
    for (const pid of pids) assert.equal(isAlive(pid), false, `pid ${pid} stopped`);
  });
});
