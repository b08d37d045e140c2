/**
 * Errors of key handling. None of them ever carries a secret: no key, no password, and no text
 * read from a key or password file (a parser's message quotes its input, so it is never passed on).
 */
import { BaseError } from "../errors.ts";

/** The base of every key-handling error; callers branch on the subclasses. */
export class KeyError extends BaseError {
  override name = "KeyError";
}

/** A keystore or password file could not be read (absent, unreadable, a directory). */
export class KeyFileUnreadableError extends KeyError {
  override name = "KeyFileUnreadableError";
  readonly path: string;
  constructor({ path, what, cause }: { path: string; what: "keystore" | "password file"; cause: unknown }) {
    super(`cannot read the ${what} ${path}: ${fileFailure(cause)}`, { cause });
    this.path = path;
  }
}

/** A keystore file is not a Web3 Secret Storage (v3) keystore, or is too large to be one. */
export class KeystoreMalformedError extends KeyError {
  override name = "KeystoreMalformedError";
  readonly path: string;
  constructor({ path, reason }: { path: string; reason: string }) {
    super(`${path} is not a keystore: ${reason}`, {
      details: "A keystore is the Web3 Secret Storage (v3) JSON that `superchain keys new`, geth, clef and ethers write.",
    });
    this.path = path;
  }
}

/** The password does not decrypt the keystore (its MAC does not match). */
export class KeystoreWrongPasswordError extends KeyError {
  override name = "KeystoreWrongPasswordError";
  readonly path: string;
  constructor({ path }: { path: string }) {
    super(`wrong password for the keystore ${path}`);
    this.path = path;
  }
}

/** A password file is empty or too large, or a new keystore's password is empty or unconfirmed. */
export class PasswordInvalidError extends KeyError {
  override name = "PasswordInvalidError";
}

/** A password was to be prompted for, but there is no terminal to prompt on. */
export class PasswordUnavailableError extends KeyError {
  override name = "PasswordUnavailableError";
  constructor({ details }: { details?: string } = {}) {
    super("no password: there is no terminal to prompt on and no password file was given", details === undefined ? {} : { details });
  }
}

/** The text given as a private key is not 0x and 64 hex digits (or is zero or out of range). */
export class PrivateKeyMalformedError extends KeyError {
  override name = "PrivateKeyMalformedError";
  constructor(source: string) {
    super(`${source} is not a private key (0x and 64 hex digits)`);
  }
}

/** A new keystore would overwrite an existing file. */
export class KeystoreExistsError extends KeyError {
  override name = "KeystoreExistsError";
  readonly path: string;
  constructor({ path }: { path: string }) {
    super(`${path} already exists; choose another --out (a keystore is never overwritten)`);
    this.path = path;
  }
}

/** A new keystore could not be written. */
export class KeystoreNotWritableError extends KeyError {
  override name = "KeystoreNotWritableError";
  readonly path: string;
  constructor({ path, cause }: { path: string; cause: unknown }) {
    super(`cannot write the keystore ${path}: ${fileFailure(cause)}`, { cause });
    this.path = path;
  }
}

/** The person at the terminal cancelled a password or key prompt (Ctrl-C, Ctrl-D). */
export class PromptCancelledError extends KeyError {
  override name = "PromptCancelledError";
  constructor() {
    super("cancelled at the prompt");
  }
}

/** A plaintext key was given for a manifest other than the devnet's. */
export class PlaintextKeyRefusedError extends KeyError {
  override name = "PlaintextKeyRefusedError";
  constructor({ input, network, alternative }: { input: string; network: string; alternative: string }) {
    super(`${input} holds a plaintext key, refused on ${network}: use ${alternative}`, {
      details: "Plaintext keys are accepted only on the local devnet. Create a keystore with `superchain keys new` or `superchain keys import`.",
    });
  }
}

export type KeyErrorType =
  | KeyFileUnreadableError
  | KeystoreMalformedError
  | KeystoreWrongPasswordError
  | PasswordInvalidError
  | PasswordUnavailableError
  | PrivateKeyMalformedError
  | KeystoreExistsError
  | KeystoreNotWritableError
  | PromptCancelledError
  | PlaintextKeyRefusedError;

/** A file system error, as a reason a person can act on (never the file's content). */
export function fileFailure(cause: unknown): string {
  const code = typeof cause === "object" && cause !== null && "code" in cause ? (cause as { code: unknown }).code : undefined;
  switch (code) {
    case "ENOENT":
      return "no such file";
    case "EACCES":
    case "EPERM":
      return "permission denied";
    case "EISDIR":
      return "it is a directory";
    case "ENOTDIR":
      return "a part of the path is a file, not a directory";
    case "EROFS":
      return "the file system is read-only";
    case "ENOSPC":
      return "no space left on the device";
    default:
      return typeof code === "string" ? code : "unreadable";
  }
}
