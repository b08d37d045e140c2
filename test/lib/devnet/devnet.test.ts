import assert from "node:assert/strict";
import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";

import { loadManifest } from "../../../lib/chains/index.ts";
import { devnetDown, devnetUp, runningDevnet, type DevnetPaths } from "../../../lib/devnet/devnet.ts";
import { DevnetPortInUseError } from "../../../lib/devnet/errors.ts";
import { freePort, isAlive } from "../../../lib/devnet/nodes.ts";

describe("devnet up / down on ephemeral ports", () => {
  const dir = mkdtempSync(join(tmpdir(), "devnet-"));
  const paths: DevnetPaths = {
    stateFile: join(dir, "state.json"),
    manifestFile: join(dir, "deployments", "devnet.json"),
    logDir: join(dir, "logs"),
  };
  after(async () => {
    await devnetDown(paths);
  });

  it("starts three chains, deploys the hub, writes a manifest every part can load, and stops only its own processes", async () => {
    const ports = { hub: await freePort(), "base-local": await freePort(), "zora-local": await freePort() };
    const progress: string[] = [];
    const { state, alreadyRunning } = await devnetUp(paths, { ports, onProgress: (m) => progress.push(m) });
    assert.equal(alreadyRunning, false);
    assert.deepEqual(state.nodes.map((n) => n.chainId), [900, 901, 902]);
    assert.ok(progress.some((m) => m.includes("deploying")));

    const manifest = await loadManifest({ path: paths.manifestFile });
    assert.equal(manifest.hub.rpcUrl, `http://127.0.0.1:${ports.hub}`);
    assert.deepEqual(manifest.members.map((m) => [m.name, m.chainType]), [["base-local", "op"], ["zora-local", "op"]]);
    assert.equal(manifest.council.threshold, 2);

    const again = await devnetUp(paths, { ports });
    assert.equal(again.alreadyRunning, true, "up while up says so");

    const { stopped } = await devnetDown(paths);
    assert.equal(stopped.length, 3);
    assert.ok(stopped.every((node) => !isAlive(node.pid)));
    assert.equal(runningDevnet(paths), undefined);
    assert.equal(existsSync(paths.stateFile), false);
  });

  it("refuses a taken port, naming it, and leaves nothing running", async () => {
    const hubPort = await freePort();
    const blocked = await freePort();
    const { createServer } = await import("node:net");
    const blocker = createServer().listen(blocked, "127.0.0.1");
    await new Promise((r) => blocker.once("listening", r));
    try {
      await assert.rejects(
        devnetUp(paths, { ports: { hub: hubPort, "base-local": blocked, "zora-local": await freePort() } }),
        (error: unknown) => error instanceof DevnetPortInUseError && error.port === blocked,
      );
      assert.equal(runningDevnet(paths), undefined);
    } finally {
      blocker.close();
    }
  });
});
