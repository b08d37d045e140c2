/**
 * The devnet as a user drives it: `bin/superchain devnet up` on free ephemeral ports (never the
 * fixed ones, so a running devnet is left alone), then status, time advance, up-while-up, the
 * sequencer killed and restarted by its supervisor, and down, all in child processes with their
 * own state folder and manifest.
 */
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";

import { createPublicClient, createWalletClient, http } from "viem";

import { loadManifest, viemChain } from "../../../lib/chains/index.ts";
import { devAccount } from "../../../lib/devnet/accounts.ts";
import { sequencerConfigRegistryAbi } from "../../../lib/contracts/index.ts";
import { readDevnetState } from "../../../lib/devnet/devnet.ts";
import { freePort, isAlive } from "../../../lib/devnet/nodes.ts";
import { readJwtSecret, signJwt } from "../../../lib/sequencer/admin/jwt.ts";
import { currentSequencer, servingAfterRestart } from "../../helpers/supervisedSequencer.ts";
import { superchainCli } from "../../helpers/cli.ts";

const dir = mkdtempSync(join(tmpdir(), "superchain-devnet-"));
const manifestPath = join(dir, "devnet.json");
const env = { ...process.env, SUPERCHAIN_DEVNET_DIR: join(dir, "devnet"), SUPERCHAIN_MANIFEST: manifestPath, FORCE_COLOR: "0" };

const superchain = superchainCli(env, dir);

describe("superchain devnet, end to end", () => {
  after(async () => {
    await superchain("devnet", "down");
    rmSync(dir, { recursive: true, force: true });
  });

  it("comes up on the given ports, reports its status, moves time on every chain, and goes down", async () => {
    const [hub, base, zora, sequencerPort, adminPort] = [await freePort(), await freePort(), await freePort(), await freePort(), await freePort()];
    const ports = ["--hub-port", `${hub}`, "--base-port", `${base}`, "--zora-port", `${zora}`, "--sequencer-port", `${sequencerPort}`, "--sequencer-admin-port", `${adminPort}`];
    const up = await superchain("devnet", "up", ...ports);
    assert.equal(up.code, 0, up.stderr);
    for (const url of [hub, base, zora].map((port) => `http://127.0.0.1:${port}`)) assert.match(up.stdout, new RegExp(url));
    assert.match(up.stdout, /threshold 2 of 3/);
    assert.match(up.stdout, new RegExp(`wallets on base-local use  http://127.0.0.1:${sequencerPort}/901`));
    assert.match(up.stdout, new RegExp(`admin RPC  http://127.0.0.1:${adminPort}  \\(JWT secret in .*sequencer-jwt\\.hex\\)`));
    // The admin listener answers with the generated secret, which is never printed.
    const secret = readJwtSecret(join(dir, "devnet", "sequencer-jwt.hex"));
    assert.equal(up.stdout.includes(secret.toString("hex")), false, "the secret is never printed");
    const active = await fetch(`http://127.0.0.1:${adminPort}`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${signJwt(secret, { iat: Math.floor(Date.now() / 1000) })}` },
      body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "admin_sequencerActive", params: [901] }),
    });
    assert.deepEqual(await active.json(), { jsonrpc: "2.0", id: 1, result: true });

    const manifest = await loadManifest({ path: manifestPath });
    const client = createPublicClient({ transport: http(manifest.hub.rpcUrl) });
    const config = await client.readContract({
      address: manifest.contracts.sequencerConfig,
      abi: sequencerConfigRegistryAbi,
      functionName: "currentConfig",
      args: [902n],
    });
    assert.equal(config.parameters.blockTimeMs, 2_000, "the initial config: 2,000 ms blocks");
    assert.equal(config.parameters.orderingPolicy, 0, "FIFO");
    assert.equal(config.version, 1n);

    // A stock wallet uses the manifest's sequencer URL for base-local and gets a receipt.
    const member = manifest.members.find((m) => m.chainId === 901);
    assert.equal(member?.sequencerRpcUrl, `http://127.0.0.1:${sequencerPort}/901`);
    const chain = viemChain(member!);
    const wallet = createWalletClient({ account: devAccount(19), chain, transport: http() });
    const hash = await wallet.sendTransaction({ to: devAccount(18).address, value: 1n });
    const receipt = await createPublicClient({ chain, transport: http() }).waitForTransactionReceipt({ hash, pollingInterval: 250 });
    assert.equal(receipt.status, "success");

    const again = await superchain("devnet", "up", ...ports);
    assert.equal(again.code, 0);
    assert.match(again.stdout, /already running/);

    const status = await superchain("devnet", "status");
    assert.equal(status.code, 0, status.stderr);
    assert.match(status.stdout, /base-local\s+901/);

    const advance = await superchain("devnet", "time", "advance", "1h30m");
    assert.equal(advance.code, 0, advance.stderr);
    assert.match(advance.stdout, /advanced 5400 s on hub, base-local, zora-local/);

    // kill -9: the supervisor starts the sequencer again, logs why, and it serves again.
    const state = readDevnetState({ stateFile: join(dir, "devnet", "state.json"), manifestFile: manifestPath, logDir: join(dir, "devnet", "logs") });
    assert.ok(state?.sequencer);
    const killed = currentSequencer(state.sequencer);
    process.kill(killed.pid, "SIGKILL");
    const restarted = await servingAfterRestart(state.sequencer, 1);
    assert.notEqual(restarted.pid, killed.pid);
    const exits = readFileSync(state.sequencer.logFile, "utf8").split("\n").filter((line) => line.includes('"event":"sequencer-exited"'));
    assert.deepEqual(exits.map((line) => JSON.parse(line) as Record<string, unknown>).map((line) => [line.sequencerPid, line.code, line.signal]), [[killed.pid, null, "SIGKILL"]]);

    const down = await superchain("devnet", "down");
    assert.equal(down.code, 0);
    assert.match(down.stdout, /^stopped the sequencer supervisor \(pid \d+\)\nstopped the sequencer \(pid \d+\)\nstopped hub /);
    assert.equal((down.stdout.match(/stopped /g) ?? []).length, 5, "the supervisor, the sequencer and three nodes");
    assert.equal(isAlive(restarted.pid), false, "the restarted sequencer is stopped");
    assert.equal(isAlive(state.sequencer.supervisor.pid), false, "the supervisor is stopped");
    const after = await superchain("devnet", "status");
    assert.equal(after.code, 1);
    assert.match(after.stderr, /no devnet is running/);
  });
});
