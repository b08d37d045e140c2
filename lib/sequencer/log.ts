/**
 * The sequencer's logger: pino, one JSON line per event. Every line carries pino's `level`
 * (number) and `time` (ms), `pid`, and `event`, the stable name of what happened, then the
 * event's fields (`chainId`, `number`, `hash`, …). bigints are written as decimal strings; an
 * error under `err` as `{ type, message, stack, cause }`, its cause the same way.
 *
 * The parts of the sequencer take the narrow `Logger` below, so tests hand them one writing to a
 * stream they read.
 */
import { pino, type DestinationStream } from "pino";

import { BaseError } from "../errors.ts";

export const LOG_LEVELS = ["trace", "debug", "info", "warn", "error", "fatal", "silent"] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** Where the sequencer's log level is set; `info` when unset. */
export const LOG_LEVEL_ENV = "LOG_LEVEL";

export type LogFields = Readonly<Record<string, unknown>>;
/** Logs `event` with `fields`; an error goes under `err`. */
export type LogFn = (event: string, fields?: LogFields) => void;

/** What the sequencer's parts log through, one method per level. */
export interface Logger {
  trace: LogFn;
  debug: LogFn;
  info: LogFn;
  warn: LogFn;
  error: LogFn;
  fatal: LogFn;
}

/** `LOG_LEVEL` is not a level. */
export class LogLevelError extends BaseError {
  override name = "LogLevelError";
  constructor(value: string) {
    super(`${LOG_LEVEL_ENV} must be one of ${LOG_LEVELS.join(", ")}; got ${JSON.stringify(value)}`);
  }
}

/**
 * The log level `env` asks for: `LOG_LEVEL`, `info` when unset or empty.
 *
 * @throws {LogLevelError} when it names no level.
 * @example
 * logLevel({ LOG_LEVEL: "debug" }) // "debug"
 */
export function logLevel(env: Readonly<Record<string, string | undefined>>): LogLevel {
  const value = env[LOG_LEVEL_ENV]?.trim() || "info";
  const level = LOG_LEVELS.find((candidate) => candidate === value.toLowerCase());
  if (level === undefined) throw new LogLevelError(value);
  return level;
}

/**
 * A logger at `level` writing to `destination` (stdout when absent, synchronously, so the last
 * line before `process.exit` is not lost).
 *
 * @example
 * const log = createLogger({ level: logLevel(process.env) });
 * log.debug("block", { chainId: 901, number: 12n }); // {"level":20,"time":…,"pid":…,"event":"block","chainId":901,"number":"12"}
 */
export function createLogger({ level = "info", destination }: { level?: LogLevel; destination?: DestinationStream } = {}): Logger {
  const base = pino(
    {
      level,
      base: { pid: process.pid },
      serializers: { err: serializeError },
      formatters: { log: (fields) => plain(fields) as Record<string, unknown> },
    },
    destination ?? pino.destination({ fd: 1, sync: true }),
  );
  const at =
    (method: Exclude<LogLevel, "silent">): LogFn =>
    (event, fields = {}) =>
      base[method]({ event, ...fields });
  return { trace: at("trace"), debug: at("debug"), info: at("info"), warn: at("warn"), error: at("error"), fatal: at("fatal") };
}

/**
 * pino's error shape, `{ type, message, stack, cause }`, without the rest of the error's own
 * properties (viem's errors carry the ABI and arguments of the failed call).
 */
function serializeError(error: unknown, depth = 0): unknown {
  if (!(error instanceof Error)) return plain(error);
  return {
    type: error.constructor.name,
    message: error.message,
    stack: error.stack,
    ...(error.cause === undefined || depth >= 5 ? {} : { cause: serializeError(error.cause, depth + 1) }),
  };
}

/** bigints as decimal strings, in plain objects and arrays at any depth. */
function plain(value: unknown): unknown {
  if (typeof value === "bigint") return value.toString();
  if (Array.isArray(value)) return value.map(plain);
  if (value !== null && typeof value === "object" && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(Object.entries(value).map(([key, field]) => [key, plain(field)]));
  }
  return value;
}
