/**
 * How commands get secrets without argv: a password from a file or the terminal's prompt, a
 * private key from stdin. Deciding the source is the CLI's part (its usage errors name its
 * options); reading and checking them is lib/keys'.
 */
import type { Hex } from "viem";

import { canPrompt, parsePrivateKey, processTerminal, promptSecret, type PasswordSource, type Terminal } from "../keys/index.ts";
import { CliUsageError } from "./errors.ts";

/** The most bytes of stdin read as a private key (a key with a newline is 67). */
const PRIVATE_KEY_INPUT_MAX_BYTES = 1024;

/**
 * The password source a command was given: `passwordFile` when set, else the terminal's prompt.
 *
 * @throws {CliUsageError} (exit 2) when there is no password file and stdin is not a terminal;
 *   `how` names the ways to give one (default `--password-file <file>`).
 * @example
 * const source = passwordSource({ passwordFile: options.passwordFile, usage })
 */
export function passwordSource({
  passwordFile,
  usage,
  how = "--password-file <file>",
  terminal = processTerminal(),
}: {
  passwordFile: string | undefined;
  usage: string;
  how?: string;
  terminal?: Terminal;
}): PasswordSource {
  if (passwordFile !== undefined) return { kind: "file", path: passwordFile };
  if (canPrompt(terminal)) return { kind: "prompt", terminal };
  throw new CliUsageError(`no password: stdin is not a terminal to prompt on; give ${how}`, { usage });
}

/**
 * A private key from stdin: typed at a hidden prompt on a terminal, else read from the pipe
 * (at most 1 KiB; surrounding whitespace ignored).
 *
 * @throws {PrivateKeyMalformedError | PromptCancelledError}
 */
export async function readPrivateKeyInput(terminal: Terminal = processTerminal()): Promise<Hex> {
  if (canPrompt(terminal)) return parsePrivateKey(await promptSecret(terminal, "Private key (0x and 64 hex digits): "), "the key typed");
  let text = "";
  for await (const chunk of terminal.input) {
    text += chunk.toString();
    if (text.length > PRIVATE_KEY_INPUT_MAX_BYTES) break;
  }
  return parsePrivateKey(text, "stdin");
}
