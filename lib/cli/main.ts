/**
 * The `superchain` command: resolves argv against the command registry and runs the command,
 * inside the one error boundary.
 *
 *   superchain devnet up --seed-proposals 8
 *   superchain devnet time advance 1h30m
 *   superchain relay --chain base-local
 *
 * Exit codes: 0 success; 1 a command failed (or found no devnet); 2 a usage error.
 */
import { BaseError } from "../errors.ts";
import { commandUsage, groupUsage, resolveInvocation, type CommandContext } from "./command.ts";
import { COMMANDS } from "./commands/index.ts";
import { CliUsageError } from "./errors.ts";
import { devnetPaths } from "./paths.ts";

export interface MainIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  env: Readonly<Record<string, string | undefined>>;
}

/** False once the reader of stdout has gone (`superchain devnet up | head`). */
let stdoutOpen = true;

const processIo: MainIo = {
  stdout: (text) => {
    if (stdoutOpen) process.stdout.write(text);
  },
  stderr: (text) => process.stderr.write(text),
  env: process.env,
};

/** Runs one command line and returns its exit code; never throws. */
export async function main(argv: readonly string[], io: MainIo = processIo): Promise<number> {
  try {
    if (argv.length === 0) {
      io.stderr(`${groupUsage(COMMANDS, [])}\n`);
      return 2;
    }
    const invocation = resolveInvocation(COMMANDS, argv);
    if (invocation.kind === "help") {
      io.stdout(`${invocation.usage}\n`);
      return 0;
    }
    if (invocation.kind === "incomplete") {
      io.stderr(`${invocation.usage}\n`);
      return 2;
    }
    const context: CommandContext = {
      paths: devnetPaths(io.env),
      print: (line = "") => io.stdout(`${line}\n`),
      env: io.env,
      usage: commandUsage(invocation.command),
    };
    return (await invocation.command.run(invocation.input, context)) ?? 0;
  } catch (error) {
    if (error instanceof CliUsageError) {
      io.stderr(`error: ${error.shortMessage}\n${error.details === undefined ? "" : `${error.details}\n`}\n${error.usage}\n`);
      return 2;
    }
    if (error instanceof BaseError) {
      io.stderr(`error: ${error.shortMessage}\n${error.details === undefined ? "" : `\n${error.details}\n`}`);
      return 1;
    }
    io.stderr(`unexpected error (a bug in superchain; please report it):\n${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    return 1;
  }
}

if (import.meta.main) {
  // `superchain devnet up | head` closes stdout early: stop printing, but finish the command
  // (exiting halfway through `up` would leave a half-deployed devnet).
  process.stdout.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code !== "EPIPE") throw error;
    stdoutOpen = false;
  });
  process.exit(await main(process.argv.slice(2)));
}
