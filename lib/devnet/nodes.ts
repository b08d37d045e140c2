import { spawn } from "node:child_process";
import { closeSync, mkdirSync, openSync, readFileSync } from "node:fs";
import { createServer } from "node:net";
import { dirname, resolve } from "node:path";

import { jsonRpcClient } from "../rpc/jsonRpc.ts";
import { DevnetNodeStartError, DevnetPortInUseError } from "./errors.ts";

const NODE_PROCESS = resolve(import.meta.dirname, "node-process.ts");
const REPOSITORY_ROOT = resolve(import.meta.dirname, "../..");

export interface NodeSpec {
  /** For messages and log names: `hub`, `base-local`, … */
  name: string;
  chainId: number;
  chainType: "l1" | "op";
  port: number;
  /** Where the node's stdout and stderr go; kept for debugging. */
  logFile: string;
}

export interface RunningNode extends NodeSpec {
  pid: number;
  rpcUrl: string;
}

/** Whether something accepts connections on 127.0.0.1:`port`. */
export function isPortInUse(port: number): Promise<boolean> {
  return new Promise((done) => {
    const probe = createServer();
    probe.once("error", () => done(true));
    probe.once("listening", () => probe.close(() => done(false)));
    probe.listen(port, "127.0.0.1");
  });
}

/** A port that was free a moment ago, for tests that must not collide with a running devnet. */
export function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const probe = createServer();
    probe.once("error", fail);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      const port = typeof address === "object" && address ? address.port : 0;
      probe.close(() => done(port));
    });
  });
}

/** `eth_chainId` of the node at `rpcUrl`, or undefined while it does not answer. */
async function chainIdAt(rpcUrl: string): Promise<number | undefined> {
  const id = await jsonRpcClient(rpcUrl, { timeoutMs: 1_000 })
    .request<string | undefined>("eth_chainId")
    .catch(() => undefined);
  return id === undefined ? undefined : Number(id);
}

function logTail(logFile: string): string {
  try {
    return readFileSync(logFile, "utf8").split("\n").slice(-15).join("\n");
  } catch {
    return "(no log)";
  }
}

/**
 * Starts one chain's node as a detached process (it outlives the command that started it) and
 * waits until it answers with the right chain id. Refuses a port something else already uses.
 *
 * @example
 * const hub = await startNode({ name: "hub", chainId: 900, chainType: "l1", port: 8545, logFile: ".logs/devnet/hub.log" })
 */
export async function startNode(spec: NodeSpec, { timeoutMs = 30_000 } = {}): Promise<RunningNode> {
  if (await isPortInUse(spec.port)) throw new DevnetPortInUseError({ port: spec.port, chain: spec.name });
  mkdirSync(dirname(spec.logFile), { recursive: true });
  const log = openSync(spec.logFile, "a");
  const child = spawn(
    process.execPath,
    [NODE_PROCESS, "--chain-id", String(spec.chainId), "--chain-type", spec.chainType, "--port", String(spec.port)],
    { cwd: REPOSITORY_ROOT, detached: true, stdio: ["ignore", log, log] },
  );
  closeSync(log);
  let exited: number | null | undefined;
  child.once("exit", (code) => (exited = code));
  child.unref();
  const pid = child.pid;
  if (pid === undefined) throw new DevnetNodeStartError(`The ${spec.name} node could not be spawned.`);

  const rpcUrl = `http://127.0.0.1:${spec.port}`;
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (exited !== undefined) {
      throw new DevnetNodeStartError(`The ${spec.name} node exited (code ${exited}) before it answered.`, {
        details: logTail(spec.logFile),
      });
    }
    const chainId = await chainIdAt(rpcUrl);
    if (chainId === spec.chainId) return { ...spec, pid, rpcUrl };
    if (chainId !== undefined) {
      stopProcess(pid);
      throw new DevnetNodeStartError(`Port ${spec.port} answered with chain id ${chainId}, not ${spec.chainId}.`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  stopProcess(pid);
  throw new DevnetNodeStartError(`The ${spec.name} node did not answer within ${timeoutMs / 1000} s.`, {
    details: logTail(spec.logFile),
  });
}

/** Sends SIGTERM to a process this project started; false when it was already gone. */
export function stopProcess(pid: number): boolean {
  try {
    process.kill(pid, "SIGTERM");
    return true;
  } catch {
    return false;
  }
}

/** Whether a process with this pid is alive. */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Stops a node and waits (bounded) until its process has exited. */
export async function stopNode(node: Pick<RunningNode, "pid">, { timeoutMs = 10_000 } = {}): Promise<void> {
  if (!stopProcess(node.pid)) return;
  const deadline = Date.now() + timeoutMs;
  while (isAlive(node.pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  if (isAlive(node.pid)) process.kill(node.pid, "SIGKILL");
}
