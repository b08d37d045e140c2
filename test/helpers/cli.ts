/** `bin/superchain` as a user runs it: a child process with its own environment and working folder. */
import { execFile, spawn } from "node:child_process";
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

/**
 * Runs `superchain <args…>` on a pseudo-terminal (util-linux `script`), typing each answer once its
 * prompt shows; resolves with the exit code and the terminal's whole transcript (what a person
 * would see, echo included), never rejects.
 */
export function runSuperchainOnTerminal({
  env,
  cwd,
  args,
  answers,
  timeoutMs = 60_000,
}: {
  env: NodeJS.ProcessEnv;
  cwd: string;
  args: readonly string[];
  /** `[prompt, typed]` pairs, in order; a carriage return ends each typed line. */
  answers: readonly (readonly [string, string])[];
  timeoutMs?: number;
}): Promise<{ code: number; transcript: string }> {
  const quote = (word: string) => `'${word.replaceAll("'", `'\\''`)}'`;
  const child = spawn("script", ["-qfec", [SUPERCHAIN_BIN, ...args].map(quote).join(" "), "/dev/null"], { env, cwd, timeout: timeoutMs });
  const pending = [...answers];
  let transcript = "";
  let seen = 0;
  const onOutput = (chunk: Buffer) => {
    transcript += chunk.toString();
    const next = pending[0];
    const at = next === undefined ? -1 : transcript.indexOf(next[0], seen);
    if (next === undefined || at === -1) return;
    seen = at + next[0].length;
    pending.shift();
    child.stdin.write(`${next[1]}\r`);
  };
  child.stdout.on("data", onOutput);
  child.stderr.on("data", onOutput);
  return new Promise((done) => child.on("close", (code) => done({ code: code ?? -1, transcript })));
}
