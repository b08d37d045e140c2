/** `bin/superchain` as a user runs it: a child process with its own environment and working folder. */
import { execFile } from "node:child_process";
import { resolve } from "node:path";

export const SUPERCHAIN_BIN = resolve(import.meta.dirname, "../../bin/superchain");

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** A runner of `superchain <args…>` in `cwd` with `env`; resolves with its exit code and output, never rejects. */
export function superchainCli(env: NodeJS.ProcessEnv, cwd: string, { timeoutMs = 120_000 } = {}): (...args: string[]) => Promise<CliRun> {
  return (...args) => runSuperchain({ env, cwd, args, timeoutMs });
}

/**
 * Runs `superchain <args…>` once, with `stdin` piped in (and closed; an empty pipe when absent),
 * so stdin is never a terminal; resolves with its exit code and output, never rejects.
 */
export function runSuperchain({ env, cwd, args, stdin = "", timeoutMs = 120_000 }: { env: NodeJS.ProcessEnv; cwd: string; args: readonly string[]; stdin?: string; timeoutMs?: number }): Promise<CliRun> {
  return new Promise((done) => {
    const child = execFile(SUPERCHAIN_BIN, args, { env, cwd, timeout: timeoutMs }, (error, stdout, stderr) => {
      done({ code: error === null ? 0 : typeof error.code === "number" ? error.code : -1, stdout, stderr });
    });
    child.stdin?.end(stdin);
  });
}
