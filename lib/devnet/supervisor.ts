/**
 * Keeps one command running: the devnet's sequencer. `startSequencerProcess` starts this as a
 * detached process, so it outlives `superchain devnet up`.
 *
 *   node lib/devnet/supervisor.ts --child-file .devnet/sequencer-process.json -- node lib/cli/main.ts sequencer start …
 *
 * When the command exits, whatever the reason, it is started again after a back-off of 0.5 s
 * doubling to 30 s, back to 0.5 s once a run lasted a minute; each exit is logged (JSON, to this
 * process's stdout, the devnet's sequencer log, which the command writes to as well) with its
 * exit code or signal. The running command's pid and start time, and the restarts so far, are
 * kept in `--child-file`, so `devnet down` can stop it after it stopped this supervisor.
 *
 * On SIGTERM or SIGINT it exits at once, restarting nothing and leaving the command to whoever
 * stops it next (`devnet down` stops the command after the supervisor).
 */
import { spawn } from "node:child_process";
import { readFileSync, renameSync, writeFileSync } from "node:fs";
import { parseArgs } from "node:util";

import { createLogger } from "../sequencer/log.ts";
import { ownedProcess, type OwnedProcess } from "./nodes.ts";

export const RESTART_BACKOFF = { initialMs: 500, maxMs: 30_000, healthyAfterMs: 60_000 } as const;

/** What the supervisor records about the command it runs now. */
export interface SupervisedChild extends OwnedProcess {
  /** How often the command was started again. */
  restarts: number;
  /** How the previous run ended. */
  lastExit?: { code: number | null; signal: NodeJS.Signals | null };
}

/**
 * How long to wait before starting the command again: the back-off after `previousMs` doubled (up
 * to the maximum), or the initial one when there was none or the run lasted `healthyAfterMs`.
 *
 * @example
 * restartDelay(undefined, 1_000) // 500
 * restartDelay(500, 1_000) // 1_000
 * restartDelay(16_000, 90_000) // 500
 */
export function restartDelay(previousMs: number | undefined, uptimeMs: number): number {
  if (previousMs === undefined || uptimeMs >= RESTART_BACKOFF.healthyAfterMs) return RESTART_BACKOFF.initialMs;
  return Math.min(previousMs * 2, RESTART_BACKOFF.maxMs);
}

/** The command the supervisor at `childFile` runs now, if it recorded one. */
export function supervisedChild(childFile: string): SupervisedChild | undefined {
  try {
    return JSON.parse(readFileSync(childFile, "utf8")) as SupervisedChild;
  } catch {
    return undefined;
  }
}

function supervise(childFile: string, command: string, args: readonly string[]): void {
  const log = createLogger();
  let current: SupervisedChild | undefined;
  let delay: number | undefined;
  let timer: NodeJS.Timeout | undefined;

  const record = (child: SupervisedChild) => {
    current = child;
    writeFileSync(`${childFile}.tmp`, `${JSON.stringify(child)}\n`);
    renameSync(`${childFile}.tmp`, childFile);
  };
  const start = (restarts: number) => {
    const startedAt = Date.now();
    const child = spawn(command, args, { stdio: ["ignore", "inherit", "inherit"] });
    let ended = false;
    const onEnd = (code: number | null, signal: NodeJS.Signals | null) => {
      if (ended) return;
      ended = true;
      delay = restartDelay(delay, Date.now() - startedAt);
      if (current) record({ ...current, lastExit: { code, signal } });
      log.warn("sequencer-exited", { sequencerPid: child.pid, code, signal, uptimeMs: Date.now() - startedAt, restartInMs: delay, restarts });
      timer = setTimeout(() => start(restarts + 1), delay);
    };
    child.once("exit", onEnd);
    child.once("error", (err) => {
      log.error("sequencer-spawn-failed", { err });
      onEnd(null, null);
    });
    if (child.pid === undefined) return;
    record({ ...ownedProcess(child.pid), restarts, ...(current?.lastExit ? { lastExit: current.lastExit } : {}) });
    if (restarts > 0) log.warn("sequencer-restarted", { sequencerPid: child.pid, restarts });
  };

  const stop = (signal: NodeJS.Signals) => {
    clearTimeout(timer);
    log.info("supervisor-stopping", { signal });
    process.exit(0);
  };
  process.once("SIGTERM", stop).once("SIGINT", stop);
  log.info("supervisor-started", { command: [command, ...args].join(" ") });
  start(0);
}

if (import.meta.main) {
  const { values, positionals } = parseArgs({ options: { "child-file": { type: "string" } }, allowPositionals: true });
  const [command, ...args] = positionals;
  if (!values["child-file"] || command === undefined) {
    console.error("usage: supervisor.ts --child-file <file> -- <command> [args…]");
    process.exit(1);
  }
  supervise(values["child-file"], command, args);
}
