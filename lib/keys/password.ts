/**
 * Where a keystore's password comes from: a file (its first line, as geth's `--password` reads it)
 * or a prompt on the terminal that echoes nothing. Never the command line or the environment.
 */
import { PasswordInvalidError, PasswordUnavailableError, PromptCancelledError } from "./errors.ts";
import { readBoundedFile } from "./files.ts";

/** The longest password file read, in bytes. */
export const PASSWORD_FILE_MAX_BYTES = 4096;

/** The terminal a prompt reads from (stdin) and writes its question to (stderr, never stdout). */
export interface Terminal {
  input: NodeJS.ReadableStream & { isTTY?: boolean; setRawMode?: (mode: boolean) => unknown };
  output: NodeJS.WritableStream;
}

/** The process's own terminal: stdin, and stderr for the questions (stdout stays for results). */
export const processTerminal = (): Terminal => ({ input: process.stdin, output: process.stderr });

/** A password from a file, or from a prompt on `terminal` (default the process's). */
export type PasswordSource = { kind: "file"; path: string } | { kind: "prompt"; terminal?: Terminal };

/**
 * The password `source` gives; a prompt asks `question`.
 *
 * @throws {KeyFileUnreadableError | PasswordInvalidError} for a password file that cannot be read,
 *   is empty or is larger than {@link PASSWORD_FILE_MAX_BYTES}.
 * @throws {PasswordUnavailableError | PromptCancelledError} for a prompt without a terminal, or cancelled.
 * @example
 * const password = await readPassword({ kind: "file", path: "/run/secrets/relayer" }, { question: "Password: " })
 */
export async function readPassword(source: PasswordSource, { question }: { question: string }): Promise<string> {
  if (source.kind === "file") return readPasswordFile(source.path);
  return promptSecret(source.terminal ?? processTerminal(), question);
}

/** The shortest password a new keystore accepts. */
export const NEW_PASSWORD_MIN_LENGTH = 8;

/**
 * The password for a new keystore: a password file's first line, or typed twice at the prompt.
 * Either way it must have at least {@link NEW_PASSWORD_MIN_LENGTH} characters.
 *
 * @throws {PasswordInvalidError} when it is too short or the two entries differ; and whatever
 *   {@link readPassword} throws.
 * @example
 * const password = await readNewPassword({ kind: "prompt" })
 */
export async function readNewPassword(source: PasswordSource): Promise<string> {
  const password = await readPassword(source, { question: "Password for the new keystore: " });
  if ([...password].length < NEW_PASSWORD_MIN_LENGTH) throw new PasswordInvalidError(`the password must have at least ${NEW_PASSWORD_MIN_LENGTH} characters`);
  if (source.kind === "prompt" && (await readPassword(source, { question: "Repeat the password: " })) !== password) {
    throw new PasswordInvalidError("the two passwords differ");
  }
  return password;
}

/**
 * The first line of `path` (without its line ending), as geth reads `--password` files.
 *
 * @throws {KeyFileUnreadableError | PasswordInvalidError}
 */
export async function readPasswordFile(path: string): Promise<string> {
  const read = await readBoundedFile(path, PASSWORD_FILE_MAX_BYTES, "password file");
  if (read.kind === "oversized") throw new PasswordInvalidError(`the password file ${path} is larger than ${PASSWORD_FILE_MAX_BYTES} bytes`);
  const password = read.text.split(/\r?\n/, 1)[0] ?? "";
  if (password === "") throw new PasswordInvalidError(`the password file ${path} is empty (its first line is the password)`);
  return password;
}

/** Whether a prompt can be shown: the input is a terminal. */
export const canPrompt = (terminal: Terminal = processTerminal()): boolean => terminal.input.isTTY === true;

/**
 * Asks `question` on `terminal` and reads one line without echoing it (raw mode). Backspace
 * edits; Ctrl-C or Ctrl-D cancels.
 *
 * @throws {PasswordUnavailableError} when the input is not a terminal.
 * @throws {PromptCancelledError} on Ctrl-C, Ctrl-D or the end of the input.
 * @example
 * const password = await promptSecret(processTerminal(), "Password: ")
 */
export function promptSecret(terminal: Terminal, question: string): Promise<string> {
  const { input, output } = terminal;
  if (!canPrompt(terminal) || input.setRawMode === undefined) return Promise.reject(new PasswordUnavailableError());
  // Raw mode first: what is typed once the question shows is never echoed, however fast.
  input.setRawMode(true);
  output.write(question);
  input.resume();
  return new Promise<string>((resolve, reject) => {
    let typed = "";
    const finish = (outcome: () => void) => {
      input.off("data", onData).off("end", onEnd);
      input.setRawMode?.(false);
      input.pause();
      output.write("\n");
      outcome();
    };
    const onEnd = () => finish(() => reject(new PromptCancelledError()));
    const onData = (chunk: Buffer | string) => {
      for (const char of chunk.toString()) {
        if (char === "\r" || char === "\n") return finish(() => resolve(typed));
        if (char === "\u0003" || char === "\u0004") return finish(() => reject(new PromptCancelledError()));
        if (char === "\u007f" || char === "\b") typed = typed.slice(0, -1);
        else typed += char;
      }
    };
    input.on("data", onData).on("end", onEnd);
  });
}
