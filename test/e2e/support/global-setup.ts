import { spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, openSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

import { devnetUp } from "../../../lib/devnet/devnet.ts";
import { freePort } from "../../../lib/devnet/nodes.ts";
import { ENVIRONMENT_FILE, type E2eEnvironment } from "./environment.ts";

const root = resolve(import.meta.dirname, "../../..");

async function waitForHttp(url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`${url} did not answer within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/**
 * Starts a devnet (three chains, the shared sequencer, seeded delegates and proposals) and the
 * built web app on free ports, in a temporary folder, and records them for the specs.
 */
export default async function globalSetup(): Promise<void> {
  const devnetDir = mkdtempSync(join(tmpdir(), "superchain-e2e-"));
  const manifestFile = join(devnetDir, "devnet.json");
  const paths = { stateFile: join(devnetDir, "state.json"), manifestFile, logDir: join(devnetDir, "logs") };
  const ports = { hub: await freePort(), "base-local": await freePort(), "zora-local": await freePort(), sequencer: await freePort() };
  await devnetUp(paths, { ports, seedProposals: Number(process.env.E2E_SEED_PROPOSALS ?? 8) });

  const port = await freePort();
  const signatureDb = join(devnetDir, "web.sqlite");
  mkdirSync(join(devnetDir, "logs"), { recursive: true });
  const log = openSync(join(devnetDir, "logs", "web.log"), "a");
  const web = spawn(process.execPath, [resolve(root, "node_modules/next/dist/bin/next"), "start", "--hostname", "127.0.0.1", "--port", String(port)], {
    cwd: root,
    env: { ...process.env, SUPERCHAIN_MANIFEST: manifestFile, SUPERCHAIN_WEB_DB: signatureDb, NODE_ENV: "production" },
    stdio: ["ignore", log, log],
    detached: true,
  });
  web.unref();
  const baseURL = `http://127.0.0.1:${port}`;
  const environment: E2eEnvironment = { baseURL, manifestFile, devnetDir, webPid: web.pid!, signatureDb };
  mkdirSync(resolve(ENVIRONMENT_FILE, ".."), { recursive: true });
  writeFileSync(ENVIRONMENT_FILE, `${JSON.stringify(environment, null, 2)}\n`);
  await waitForHttp(`${baseURL}/api/health`, 60_000);
}
