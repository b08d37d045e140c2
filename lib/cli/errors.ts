import { BaseError } from "../errors.ts";
import { DevnetError } from "../devnet/errors.ts";

/**
 * The command line was wrong: an unknown command or option, or an option value that failed
 * validation. The error boundary prints it with the usage of the command it concerns and exits 2.
 */
export class CliUsageError extends BaseError {
  override name = "CliUsageError";
  /** The usage text of the command (or command group) the mistake was made in. */
  readonly usage: string;
  constructor(shortMessage: string, { usage, details }: { usage: string; details?: string }) {
    super(shortMessage, details === undefined ? {} : { details });
    this.usage = usage;
  }
}

/** A command that needs a running devnet found none (or only a partly stopped one). */
export class DevnetNotRunningError extends DevnetError {
  override name = "DevnetNotRunningError";
  constructor({ details }: { details?: string } = {}) {
    super("no devnet is running; start one with `superchain devnet up`", details === undefined ? {} : { details });
  }
}

/** `superchain sequencer start --operator-keys <file>`: the file is unreadable or not `{"<chainId>": "0x<key>"}`. */
export class OperatorKeysFileError extends BaseError {
  override name = "OperatorKeysFileError";
  constructor(file: string, options: { details: string; cause?: unknown }) {
    super(`cannot read the operator keys in ${file}`, options);
  }
}

export type CliErrorType = CliUsageError | DevnetNotRunningError | OperatorKeysFileError;
