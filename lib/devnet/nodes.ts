import { spawn } from "node:child_process";
import { closeSync, mkdirSync, openSync, readFileSync } from "node:fs";
import { randomInt } from "node:crypto";
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

/**
 * A process the devnet started, as recorded: its pid and when it started (field 22 of
 * /proc/<pid>/stat), which a later process given the same pid does not share. No start time where
 * there is no /proc: the pid alone is trusted there.
 */
export interface OwnedProcess {
  pid: number;
  startTime?: string;
}

export interface RunningNode extends NodeSpec, OwnedProcess {
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

/**
 * The first port of the kernel's ephemeral range: ports below it are never handed to an outgoing
 * connection or to `listen(0)`, so a port picked there stays free until its server binds it.
 */
function ephemeralRangeStart(): number {
  try {
    const low = Number(readFileSync("/proc/sys/net/ipv4/ip_local_port_range", "utf8").trim().split(/\s+/)[0]);
    return Number.isInteger(low) && low > LOWEST_PICKED_PORT + 1_000 ? low : 32_768;
  } catch {
    return 32_768;
  }
}
const LOWEST_PICKED_PORT = 10_000;
/** Ports this process already handed out: never twice, even once their server has stopped. */
const handedOut = new Set<number>();

/**
 * `count` distinct ports that are free now, for servers started later (a devnet's nodes, a test's
 * etcd). They come from below the ephemeral range at random: a port taken from `listen(0)` and
 * released could meanwhile become the source port of any outgoing connection on the machine.
 */
export async function freePorts(count: number): Promise<number[]> {
  const high = ephemeralRangeStart();
  const ports: number[] = [];
  while (ports.length < count) {
    const candidate = LOWEST_PICKED_PORT + randomInt(high - LOWEST_PICKED_PORT);
    if (handedOut.has(candidate) || (await isPortInUse(candidate))) continue;
    handedOut.add(candidate);
    ports.push(candidate);
  }
  return ports;
}

/** One port as {@link freePorts} picks them. */
export async function freePort(): Promise<number> {
  const [port] = await freePorts(1);
  return port!;
}

/** `eth_chainId` of the node at `rpcUrl`, or undefined while it does not answer. */
async function chainIdAt(rpcUrl: string): Promise<number | undefined> {
  const id = await jsonRpcClient(rpcUrl, { timeoutMs: 1_000 })
    .request<string | undefined>("eth_chainId")
    .catch(() => undefined);
  return id === undefined ? undefined : Number(id);
}

/** The last lines of a process's log, for an error's details. */
export function logTail(logFile: string): string {
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
    if (chainId === spec.chainId) return { ...spec, ...ownedProcess(pid), rpcUrl };
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

/**
 * When the process started, in clock ticks after boot (field 22 of /proc/<pid>/stat); undefined
 * when it is gone or there is no /proc.
 */
export function processStartTime(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // Field 2, the command name, is in parentheses and may hold spaces and parentheses itself.
    return stat.slice(stat.lastIndexOf(")") + 2).split(" ")[22 - 3];
  } catch {
    return undefined;
  }
}

/** The record of a process just started: its pid and start time. */
export function ownedProcess(pid: number): OwnedProcess {
  const startTime = processStartTime(pid);
  return startTime === undefined ? { pid } : { pid, startTime };
}

/** Whether the recorded process still runs as itself: alive, and started when it was recorded. */
export function isOwnProcess(recorded: OwnedProcess): boolean {
  if (!isAlive(recorded.pid)) return false;
  return recorded.startTime === undefined || processStartTime(recorded.pid) === recorded.startTime;
}

/**
 * What stopping a recorded process did: `stopped` it; found it `gone` already; or left it alone,
 * `not-ours`, because its pid now belongs to a process started at another time.
 */
export type StopOutcome = "stopped" | "gone" | "not-ours";

/**
 * Stops a process the devnet started and waits (bounded) until it has exited, SIGKILL after
 * `timeoutMs`. Signals nothing unless the pid still belongs to the recorded process.
 */
export async function stopNode(recorded: OwnedProcess, { timeoutMs = 10_000 } = {}): Promise<StopOutcome> {
  if (!isAlive(recorded.pid)) return "gone";
  if (!isOwnProcess(recorded)) return "not-ours";
  if (!stopProcess(recorded.pid)) return "gone";
  const deadline = Date.now() + timeoutMs;
  while (isOwnProcess(recorded) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  if (isOwnProcess(recorded)) process.kill(recorded.pid, "SIGKILL");
  return "stopped";
}
