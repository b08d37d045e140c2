import { spawn } from "node:child_process";
import { closeSync, mkdirSync, openSync, rmSync } from "node:fs";
import { dirname, resolve } from "node:path";

import { DevnetNodeStartError, DevnetPortInUseError } from "./errors.ts";
import { isPortInUse, logTail, ownedProcess, stopNode, type OwnedProcess, type StopOutcome } from "./nodes.ts";
import { supervisedChild } from "./supervisor.ts";

/** The one sequencer entry point: `superchain sequencer start`. */
const CLI = resolve(import.meta.dirname, "../cli/main.ts");
const SUPERVISOR = resolve(import.meta.dirname, "supervisor.ts");
const REPOSITORY_ROOT = resolve(import.meta.dirname, "../..");
// node:sqlite (the sequencer store) is still flagged experimental in Node 22; the warning is noise here.
const NODE = [process.execPath, "--disable-warning=ExperimentalWarning"] as const;

export interface SequencerProcess {
  /** The supervisor, which restarts the sequencer whenever it exits (lib/devnet/supervisor.ts). */
  supervisor: OwnedProcess;
  /** Where the supervisor records the sequencer process it runs now (`supervisedChild`). */
  childFile: string;
  url: string;
  logFile: string;
  /** The admin listener (JWT secret in `jwtSecretFile`), when it was started with one. */
  admin?: { url: string; jwtSecretFile: string };
}

/**
 * Starts the shared sequencer (`superchain sequencer start`) under a detached supervisor that
 * restarts it when it dies, and waits until its `/healthz` answers. The supervisor's and the
 * sequencer's JSON lines go to `logFile`; the running sequencer's pid to `childFile`. A sequencer
 * that exits before it ever answers is not retried: everything is stopped and the error names
 * its exit code and log.
 */
export async function startSequencerProcess(
  {
    manifestFile,
    port,
    storeFile,
    operatorKeysFile,
    operatorKeystores,
    passwordFile,
    logFile,
    childFile,
    admin,
    replica,
  }: {
    manifestFile: string;
    port: number;
    storeFile: string;
    /** Plaintext operator keys: the devnet's only. */
    operatorKeysFile?: string;
    /** A Web3 Secret Storage keystore per member chain id, unlocked with `passwordFile`'s first line. */
    operatorKeystores?: Readonly<Record<number, string>>;
    passwordFile?: string;
    logFile: string;
    childFile: string;
    admin?: { port: number; jwtSecretFile: string };
    /** Run as one replica of a replicated sequencer (`--etcd`, `--replica-id`, `--lease-ttl`). */
    replica?: { etcd: readonly string[]; id: string; leaseTtlSeconds?: number };
  },
  { timeoutMs = 30_000 } = {},
): Promise<SequencerProcess> {
  if (await isPortInUse(port)) throw new DevnetPortInUseError({ port, chain: "sequencer" });
  for (const file of [logFile, storeFile, childFile]) mkdirSync(dirname(file), { recursive: true });
  rmSync(childFile, { force: true });
  const log = openSync(logFile, "a");
  const sequencerStart = [
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
    ...Object.entries(operatorKeystores ?? {}).flatMap(([chainId, file]) => ["--operator-keystore", `${chainId}=${file}`]),
    ...(passwordFile ? ["--password-file", passwordFile] : []),
    ...(admin ? ["--admin-port", String(admin.port), "--admin-jwt-secret", admin.jwtSecretFile] : []),
    ...(replica ? ["--etcd", replica.etcd.join(","), "--replica-id", replica.id] : []),
    ...(replica?.leaseTtlSeconds === undefined ? [] : ["--lease-ttl", String(replica.leaseTtlSeconds)]),
  ];
  const child = spawn(NODE[0], [...NODE.slice(1), SUPERVISOR, "--child-file", childFile, "--", ...NODE, ...sequencerStart], {
    cwd: REPOSITORY_ROOT,
    detached: true,
    stdio: ["ignore", log, log],
  });
  closeSync(log);
  let exited: number | null | undefined;
  child.once("exit", (code) => (exited = code));
  child.unref();
  if (child.pid === undefined) throw new DevnetNodeStartError("The sequencer's supervisor could not be spawned.");
  const running: SequencerProcess = {
    supervisor: ownedProcess(child.pid),
    childFile,
    url: `http://127.0.0.1:${port}`,
    logFile,
    ...(admin ? { admin: { url: `http://127.0.0.1:${admin.port}`, jwtSecretFile: admin.jwtSecretFile } } : {}),
  };
  const fail = async (message: string) => {
    await stopSequencerProcess(running);
    return new DevnetNodeStartError(message, { details: logTail(logFile) });
  };
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (exited !== undefined) throw await fail(`The sequencer's supervisor exited (code ${exited}); see ${logFile}.`);
    const { lastExit } = supervisedChild(childFile) ?? {};
    if (lastExit) throw await fail(`The sequencer exited (${lastExit.signal ?? `code ${lastExit.code}`}) before it answered; see ${logFile}.`);
    const healthy = await fetch(`${running.url}/healthz`, { signal: AbortSignal.timeout(1_000) }).then((r) => r.ok, () => false);
    if (healthy) return running;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw await fail(`The sequencer did not answer within ${timeoutMs / 1000} s; see ${logFile}.`);
}

/**
 * Stops the supervisor first, so that it starts nothing again, then the sequencer it ran —
 * each only if its pid still belongs to the process recorded.
 */
export async function stopSequencerProcess(sequencer: SequencerProcess): Promise<{ supervisor: StopOutcome; sequencer?: { pid: number; outcome: StopOutcome } }> {
  const supervisor = await stopNode(sequencer.supervisor);
  const child = supervisedChild(sequencer.childFile);
  return { supervisor, ...(child ? { sequencer: { pid: child.pid, outcome: await stopNode(child) } } : {}) };
}
