import { spawn } from "node:child_process";
import { closeSync, mkdirSync, openSync } from "node:fs";
import { dirname, resolve } from "node:path";

import { DevnetNodeStartError, DevnetPortInUseError } from "./errors.ts";
import { isPortInUse, stopProcess } from "./nodes.ts";

/** The one sequencer entry point: `superchain sequencer start`. */
const CLI = resolve(import.meta.dirname, "../cli/main.ts");
const REPOSITORY_ROOT = resolve(import.meta.dirname, "../..");

export interface SequencerProcess {
  pid: number;
  url: string;
  logFile: string;
  /** The admin listener (JWT secret in `jwtSecretFile`), when it was started with one. */
  admin?: { url: string; jwtSecretFile: string };
}

/**
 * Starts the shared sequencer (`superchain sequencer start`) as a detached process for the devnet
 * and waits until its `/healthz` answers. Its JSON log goes to `logFile`.
 */
export async function startSequencerProcess(
  {
    manifestFile,
    port,
    storeFile,
    operatorKeysFile,
    logFile,
    admin,
  }: { manifestFile: string; port: number; storeFile: string; operatorKeysFile?: string; logFile: string; admin?: { port: number; jwtSecretFile: string } },
  { timeoutMs = 30_000 } = {},
): Promise<SequencerProcess> {
  if (await isPortInUse(port)) throw new DevnetPortInUseError({ port, chain: "sequencer" });
  mkdirSync(dirname(logFile), { recursive: true });
  mkdirSync(dirname(storeFile), { recursive: true });
  const log = openSync(logFile, "a");
  const child = spawn(
    process.execPath,
    [
      "--disable-warning=ExperimentalWarning",
      CLI,
      "sequencer",
      "start",
      "--manifest",
      manifestFile,
      "--port",
      String(port),
      "--store",
      storeFile,
      ...(operatorKeysFile ? ["--operator-keys", operatorKeysFile] : []),
      ...(admin ? ["--admin-port", String(admin.port), "--admin-jwt-secret", admin.jwtSecretFile] : []),
    ],
    { cwd: REPOSITORY_ROOT, detached: true, stdio: ["ignore", log, log] },
  );
  closeSync(log);
  let exited: number | null | undefined;
  child.once("exit", (code) => (exited = code));
  child.unref();
  if (child.pid === undefined) throw new DevnetNodeStartError("The sequencer could not be spawned.");
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (exited !== undefined) throw new DevnetNodeStartError(`The sequencer exited (code ${exited}) before it answered; see ${logFile}.`);
    const healthy = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(1_000) }).then((r) => r.ok, () => false);
    if (healthy) return { pid: child.pid, url, logFile, ...(admin ? { admin: { url: `http://127.0.0.1:${admin.port}`, jwtSecretFile: admin.jwtSecretFile } } : {}) };
    await new Promise((r) => setTimeout(r, 100));
  }
  stopProcess(child.pid);
  throw new DevnetNodeStartError(`The sequencer did not answer within ${timeoutMs / 1000} s; see ${logFile}.`);
}
