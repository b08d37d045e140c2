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

/** A command could not write the file it was asked to (`config export --out <dir>`). */
export class OutputNotWritableError extends BaseError {
  override name = "OutputNotWritableError";
  readonly path: string;
  constructor({ path, cause }: { path: string; cause: unknown }) {
    super(`cannot write ${path}: ${writeFailure(cause)}`, { cause });
    this.path = path;
  }
}

/** A file system error, as a reason a person can act on. */
function writeFailure(cause: unknown): string {
  const code = typeof cause === "object" && cause !== null && "code" in cause ? (cause as { code: unknown }).code : undefined;
  switch (code) {
    case "EACCES":
    case "EPERM":
      return "permission denied";
    case "ENOTDIR":
      return "a part of the path is a file, not a directory";
    case "EROFS":
      return "the file system is read-only";
    case "EISDIR":
      return "it is a directory";
    case "ENOSPC":
      return "no space left on the device";
    default:
      return cause instanceof Error ? cause.message : String(cause);
  }
}

/** `superchain sequencer start --operator-keys <file>`: the file is unreadable or not `{"<chainId>": "0x<key>"}`. */
export class OperatorKeysFileError extends BaseError {
  override name = "OperatorKeysFileError";
  constructor(file: string, options: { details: string; cause?: unknown }) {
    super(`cannot read the operator keys in ${file}`, options);
  }
}

/** `superchain sequencer start --operator-keystore <chainId>=<file>` names a chain that is no member of the manifest. */
export class OperatorKeystoreError extends BaseError {
  override name = "OperatorKeystoreError";
  constructor(chainId: number, manifest: { network: string; members: readonly { chainId: number; name: string }[] }) {
    super(`--operator-keystore names chain ${chainId}, which is no member chain of ${manifest.network}`, {
      details: `Member chains: ${manifest.members.map((member) => `${member.chainId} (${member.name})`).join(", ")}.`,
    });
  }
}

export type CliErrorType = CliUsageError | DevnetNotRunningError | OutputNotWritableError | OperatorKeysFileError | OperatorKeystoreError;
