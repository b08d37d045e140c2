/**
 * The devnet's process keeping, without a devnet: the supervisor restarts a command that keeps
 * dying with a growing back-off and logs each exit, and `devnetDown` signals a recorded pid only
 * while it still belongs to the process that was recorded (same start time).
 */
import assert from "node:assert/strict";
import { spawn, type ChildProcess } from "node:child_process";
import { mkdirSync, mkdtempSync, openSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { after, describe, it } from "node:test";

import { devnetDown, type DevnetPaths, type DevnetState } from "../../../lib/devnet/devnet.ts";
import { isAlive, isOwnProcess, ownedProcess, processStartTime, stopNode, type RunningNode } from "../../../lib/devnet/nodes.ts";
import { restartDelay, supervisedChild } from "../../../lib/devnet/supervisor.ts";

const SUPERVISOR = resolve(import.meta.dirname, "../../../lib/devnet/supervisor.ts");
const dir = mkdtempSync(join(tmpdir(), "supervisor-"));

/** A process that idles until signalled. */
function idle(): ChildProcess {
  return spawn(process.execPath, ["-e", "setInterval(() => {}, 1_000)"], { stdio: "ignore" });
}

async function until(condition: () => boolean, what: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) assert.fail(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe("devnet process keeping", () => {
  const started: ChildProcess[] = [];
  after(() => {
    for (const child of started) child.kill("SIGKILL");
  });

  it("backs off 0.5 s doubling to 30 s, and from 0.5 s again after a run of a minute", () => {
    const delays: number[] = [];
    let delay: number | undefined;
    for (let i = 0; i < 9; i++) delays.push((delay = restartDelay(delay, 1_000)));
    assert.deepEqual(delays, [500, 1_000, 2_000, 4_000, 8_000, 16_000, 30_000, 30_000, 30_000]);
    assert.equal(restartDelay(30_000, 60_000), 500);
  });

  it("restarts a command that exits, logging each exit with its code and the back-off, and stops restarting on SIGTERM", async () => {
    const childFile = join(dir, "crashing.json");
    const logFile = join(dir, "crashing.log");
    const log = openSync(logFile, "a");
    const supervisor = spawn(process.execPath, [SUPERVISOR, "--child-file", childFile, "--", process.execPath, "-e", "process.exit(3)"], { stdio: ["ignore", log, log] });
    started.push(supervisor);
    await until(() => (supervisedChild(childFile)?.restarts ?? 0) >= 2, "two restarts");
    assert.deepEqual(supervisedChild(childFile)?.lastExit, { code: 3, signal: null });
    const lines = readFileSync(logFile, "utf8").trim().split("\n").map((line) => JSON.parse(line) as Record<string, unknown>);
    const exits = lines.filter((line) => line.event === "sequencer-exited");
    assert.deepEqual(exits.slice(0, 2).map((line) => [line.level, line.code, line.signal, line.restartInMs]), [[40, 3, null, 500], [40, 3, null, 1_000]]);
    assert.ok(lines.some((line) => line.event === "sequencer-restarted" && line.restarts === 1));

    const exited = new Promise((done) => supervisor.once("exit", done));
    supervisor.kill("SIGTERM");
    await exited;
    const restarts = supervisedChild(childFile)?.restarts;
    await new Promise((r) => setTimeout(r, 1_500)); // longer than the next back-off: nothing restarts it
    assert.equal(supervisedChild(childFile)?.restarts, restarts, "no restart after SIGTERM");
    assert.match(readFileSync(logFile, "utf8"), /"event":"supervisor-stopping","signal":"SIGTERM"/);
  });

  it("records a process by pid and start time, and knows it only while both match", () => {
    const child = idle();
    started.push(child);
    const recorded = ownedProcess(child.pid!);
    assert.match(recorded.startTime ?? "", /^\d+$/, "field 22 of /proc/<pid>/stat");
    assert.equal(processStartTime(child.pid!), recorded.startTime);
    assert.equal(isOwnProcess(recorded), true);
    assert.equal(isOwnProcess({ pid: child.pid!, startTime: "1" }), false, "the same pid started at another time is another process");
  });

  it("devnet down leaves a recorded pid alone when its start time does not match, and stops the one that does", async () => {
    const [recycled, recycledSupervisor, recycledSequencer, own] = [idle(), idle(), idle(), idle()];
    started.push(recycled, recycledSupervisor, recycledSequencer, own);
    const stateDir = join(dir, "devnet");
    mkdirSync(stateDir, { recursive: true });
    const paths: DevnetPaths = { stateFile: join(stateDir, "state.json"), manifestFile: join(stateDir, "devnet.json"), logDir: join(stateDir, "logs") };
    const node = (name: string, child: ChildProcess, startTime: string | undefined): RunningNode => ({
      name,
      chainId: 900,
      chainType: "l1",
      port: 1,
      logFile: join(stateDir, `${name}.log`),
      rpcUrl: "http://127.0.0.1:1",
      pid: child.pid!,
      ...(startTime === undefined ? {} : { startTime }),
    });
    const childFile = join(stateDir, "sequencer-process.json");
    writeFileSync(childFile, JSON.stringify({ pid: recycledSequencer.pid, startTime: "2", restarts: 0 }));
    const state: DevnetState = {
      nodes: [node("hub", recycled, "1"), node("base-local", own, ownedProcess(own.pid!).startTime)],
      sequencer: { supervisor: { pid: recycledSupervisor.pid!, startTime: "3" }, childFile, url: "http://127.0.0.1:1", logFile: join(stateDir, "sequencer.log") },
      startedAt: new Date().toISOString(),
    };
    writeFileSync(paths.stateFile, JSON.stringify(state));

    const ownExited = new Promise((done) => own.once("exit", done));
    const { processes, stopped } = await devnetDown(paths);
    assert.deepEqual(
      processes.map(({ name, pid, outcome }) => [name, pid, outcome]),
      [
        ["sequencer supervisor", recycledSupervisor.pid, "not-ours"],
        ["sequencer", recycledSequencer.pid, "not-ours"],
        ["hub", recycled.pid, "not-ours"],
        ["base-local", own.pid, "stopped"],
      ],
    );
    assert.deepEqual(stopped.map((n) => n.name), ["base-local"]);
    await ownExited;
    for (const child of [recycled, recycledSupervisor, recycledSequencer]) assert.equal(isAlive(child.pid!), true, `pid ${child.pid} was not signalled`);
    assert.equal(await stopNode({ pid: recycled.pid!, startTime: "1" }), "not-ours");
  });
});
