/**
 * The command registry's building blocks: a command is a name, a summary, a zod schema of its
 * options and positional arguments, and a run function over the validated input. Parsing,
 * validation and usage text are derived from that one definition.
 */
import { parseArgs } from "node:util";

import { z } from "zod";

import type { DevnetPaths } from "../devnet/devnet.ts";
import { CliUsageError } from "./errors.ts";

export const PROGRAM = "superchain";

/** What a command gets besides its input: where the devnet lives and where to print. */
export interface CommandContext {
  paths: DevnetPaths;
  /** Prints one line to stdout. */
  print: (line?: string) => void;
  /** The environment the command runs in (keys, overrides); default `process.env`. */
  env?: Readonly<Record<string, string | undefined>>;
  /** The command's usage text, for a {@link CliUsageError} the command raises itself. */
  usage: string;
}

/** Shown in usage: `.meta({ description, placeholder })` on each option's schema. */
export interface OptionMeta {
  description?: string;
  /** The value's name in usage (`--hub-port <port>`). Default `value`. */
  placeholder?: string;
}

/** A command after type erasure, as the registry holds it. */
export interface CommandDefinition {
  /** The words after `superchain`, e.g. `devnet time advance`. */
  name: string;
  summary: string;
  /** Every option (camelCase key, `--kebab-case` flag) and positional argument. */
  options: z.ZodObject;
  /** Which keys of `options` are positional, in order. */
  positionals: readonly string[];
  run: (input: unknown, context: CommandContext) => Promise<number | void>;
}

/**
 * Declares a command. `run` receives the schema's output, typed; it returns an exit code or
 * nothing (0). Errors it throws go to the one error boundary in `main.ts`.
 *
 * @example
 * export const down = defineCommand({
 *   name: "devnet down",
 *   summary: "Stop the devnet",
 *   options: z.strictObject({}),
 *   run: async (_input, { paths, print }) => { … },
 * })
 */
export function defineCommand<const S extends z.ZodObject>(definition: {
  name: string;
  summary: string;
  options: S;
  positionals?: readonly (keyof z.output<S> & string)[];
  run: (input: z.output<S>, context: CommandContext) => Promise<number | void>;
}): CommandDefinition {
  return {
    name: definition.name,
    summary: definition.summary,
    options: definition.options,
    positionals: definition.positionals ?? [],
    run: (input, context) => definition.run(input as z.output<S>, context),
  };
}

/**
 * An integer option in `[min, max]`, from its command-line text. Every failure reads
 * `must be an integer between <min> and <max>`.
 */
export function integerOption(min: number, max: number) {
  const message = `must be an integer between ${min} and ${max}`;
  return z
    .string()
    .regex(/^\d+$/, { error: message })
    .transform(Number)
    .pipe(z.int({ error: message }).min(min, { error: message }).max(max, { error: message }));
}

export const kebabCase = (key: string): string => key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
const camelCase = (flag: string): string => flag.replace(/-([a-z0-9])/g, (_m, c: string) => c.toUpperCase());

function optionMeta(schema: z.ZodType): OptionMeta {
  const meta = schema.meta();
  return {
    ...(typeof meta?.description === "string" ? { description: meta.description } : {}),
    ...(typeof meta?.["placeholder"] === "string" ? { placeholder: meta["placeholder"] } : {}),
  };
}

/** Whether an option may be given more than once: its schema is an array (of the values given). */
function isRepeatable(schema: z.ZodType | undefined): boolean {
  const inner = schema instanceof z.ZodOptional ? schema.unwrap() : schema;
  return inner instanceof z.ZodArray;
}

function flagKeys(command: CommandDefinition): string[] {
  return Object.keys(command.options.shape).filter((key) => !command.positionals.includes(key));
}

/** `superchain devnet time advance <duration> [options]` */
export function synopsis(command: CommandDefinition): string {
  const args = command.positionals.map((key) => `<${kebabCase(key)}>`);
  return [PROGRAM, command.name, ...args, ...(flagKeys(command).length > 0 ? ["[options]"] : [])].join(" ");
}

function table(rows: readonly (readonly [string, string])[]): string[] {
  const width = Math.max(...rows.map(([left]) => left.length));
  return rows.map(([left, right]) => `  ${left.padEnd(width)}  ${right}`.trimEnd());
}

/** A command's full usage: synopsis, summary, arguments and options. */
export function commandUsage(command: CommandDefinition): string {
  const lines = [`Usage: ${synopsis(command)}`, "", command.summary];
  const shape = command.options.shape as Record<string, z.ZodType>;
  if (command.positionals.length > 0) {
    lines.push("", "Arguments:");
    lines.push(...table(command.positionals.map((key) => [`<${kebabCase(key)}>`, optionMeta(shape[key] ?? z.never()).description ?? ""])));
  }
  const flags = flagKeys(command).map((key): [string, string] => {
    const meta = optionMeta(shape[key] ?? z.never());
    const repeat = isRepeatable(shape[key]) ? " (repeatable)" : "";
    return [`--${kebabCase(key)} <${meta.placeholder ?? "value"}>`, `${meta.description ?? ""}${repeat}`];
  });
  lines.push("", "Options:", ...table([...flags, ["-h, --help", "Show this help"]]));
  return lines.join("\n");
}

/** Usage of every command under `prefix` (all commands for the empty prefix). */
export function groupUsage(commands: readonly CommandDefinition[], prefix: readonly string[]): string {
  const listed = commands.filter((command) => startsWith(command.name.split(" "), prefix));
  const head = [PROGRAM, ...prefix].join(" ");
  return [
    `Usage: ${head} <command> [options]`,
    "",
    "Commands:",
    ...table(listed.map((command) => [synopsis(command).slice(PROGRAM.length + 1), command.summary])),
    "",
    `Run \`${PROGRAM} <command> --help\` for a command's options.`,
  ].join("\n");
}

const startsWith = (words: readonly string[], prefix: readonly string[]): boolean => prefix.every((word, i) => words[i] === word);

/** What the command line asked for. */
export type Invocation =
  | { kind: "run"; command: CommandDefinition; input: unknown }
  | { kind: "help"; usage: string }
  /** A command group without a command (`superchain devnet`): its usage, as a usage error. */
  | { kind: "incomplete"; usage: string };

/**
 * Resolves `argv` against the registry, parses its flags strictly and validates them with the
 * command's schema.
 *
 * @throws {CliUsageError} for an unknown command or option, a missing or extra argument, or a
 *   value the schema rejects (one readable line per problem, e.g.
 *   `--hub-port must be an integer between 1024 and 65535, got 70000`).
 */
export function resolveInvocation(commands: readonly CommandDefinition[], argv: readonly string[]): Invocation {
  const words: string[] = [];
  let rest = [...argv];
  // Consume command words while some command continues with them.
  while (rest[0] !== undefined && !rest[0].startsWith("-")) {
    const next = [...words, rest[0]];
    if (!commands.some((command) => startsWith(command.name.split(" "), next))) break;
    words.push(rest[0]);
    rest = rest.slice(1);
  }
  const command = commands.find((candidate) => candidate.name === words.join(" "));
  const wantsHelp = rest.includes("--help") || rest.includes("-h");

  if (command === undefined) {
    const usage = groupUsage(commands, words);
    const word = rest[0];
    if (word !== undefined && !word.startsWith("-")) {
      throw new CliUsageError(`unknown command "${[...words, word].join(" ")}"`, { usage });
    }
    if (wantsHelp) return { kind: "help", usage };
    if (word !== undefined) throw new CliUsageError(`unknown option ${word.split("=")[0]}`, { usage });
    return { kind: "incomplete", usage };
  }

  const usage = commandUsage(command);
  const shape = command.options.shape as Record<string, z.ZodType>;
  const flags = Object.fromEntries(flagKeys(command).map((key) => [kebabCase(key), { type: "string" as const, multiple: isRepeatable(shape[key]) }]));
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({
      args: rest,
      options: { ...flags, help: { type: "boolean", short: "h" } },
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    throw new CliUsageError(parseArgsMessage(error), { usage });
  }
  if (parsed.values["help"] === true) return { kind: "help", usage };

  const raw: Record<string, string | string[] | undefined> = {};
  for (const [flag, value] of Object.entries(parsed.values)) {
    if (flag !== "help" && (typeof value === "string" || Array.isArray(value))) raw[camelCase(flag)] = typeof value === "string" ? value : value.map(String);
  }
  const extra = parsed.positionals.slice(command.positionals.length);
  if (extra[0] !== undefined) throw new CliUsageError(unexpectedArgument(extra[0]), { usage });
  command.positionals.forEach((key, i) => {
    const value = parsed.positionals[i];
    if (value !== undefined) raw[key] = value;
  });

  const result = command.options.safeParse(raw);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => describeIssue(issue, raw, command.positionals, shape));
    const [first = "invalid options", ...others] = [...new Set(problems)];
    throw new CliUsageError(first, { usage, ...(others.length > 0 ? { details: others.join("\n") } : {}) });
  }
  return { kind: "run", command, input: result.data };
}

/** `unexpected argument "x"`, but a word that looks like a private key is never echoed. */
function unexpectedArgument(word: string): string {
  if (/^(?:0x)?[0-9a-fA-F]{64}$/.test(word)) {
    return "unexpected argument that looks like a private key (not shown): keys never go on the command line; pipe one to `superchain keys import`";
  }
  return `unexpected argument "${word}"`;
}

/** One zod issue → `--hub-port must be an integer between 1024 and 65535, got 70000`. */
function describeIssue(
  issue: z.core.$ZodIssue,
  raw: Readonly<Record<string, string | readonly string[] | undefined>>,
  positionals: readonly string[],
  shape: Record<string, z.ZodType>,
): string {
  // A custom issue that already names its value (`"5x" is not a duration; …`) stands alone.
  if (issue.code === "custom" && issue.params?.["standalone"] === true) return issue.message;
  if (issue.code === "unrecognized_keys") return `unknown option ${issue.keys.map((key) => `--${kebabCase(key)}`).join(", ")}`;
  const key = issue.path[0];
  if (typeof key !== "string" || !(key in shape)) return issue.message;
  const label = positionals.includes(key) ? `<${kebabCase(key)}>` : `--${kebabCase(key)}`;
  const given = raw[key];
  // A repeated option's issue is about one of its values: the one at the issue's index.
  const value = typeof given === "string" ? given : typeof issue.path[1] === "number" ? given?.[issue.path[1]] : undefined;
  if (value === undefined) return `${label} ${issue.message}`;
  return `${label} ${issue.message}, got ${/^-?\d+$/.test(value) ? value : JSON.stringify(value)}`;
}

/** node:util parseArgs errors, reworded without their advice about `--`. */
function parseArgsMessage(error: unknown): string {
  const code = typeof error === "object" && error !== null && "code" in error ? (error as { code: unknown }).code : undefined;
  const message = error instanceof Error ? error.message : String(error);
  const quoted = /'([^']+)'/.exec(message)?.[1];
  if (code === "ERR_PARSE_ARGS_UNKNOWN_OPTION" && quoted !== undefined) return `unknown option ${quoted}`;
  if (code === "ERR_PARSE_ARGS_INVALID_OPTION_VALUE" && quoted !== undefined) {
    const flag = /--[\w-]+/.exec(quoted)?.[0] ?? quoted;
    return message.includes("argument missing") ? `${flag} needs a value` : `${flag} takes no value`;
  }
  if (code === "ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL" && quoted !== undefined) return `unexpected argument "${quoted}"`;
  return message;
}
