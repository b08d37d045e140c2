import { BaseError } from "../errors.ts";

/** Every error raised while reading, comparing or verifying an operator's configuration. */
export class OperatorError extends BaseError {
  override name = "OperatorError";
}

/** The hub's node did not answer, or a hub contract call failed. */
export class HubReadError extends OperatorError {
  override name = "HubReadError";
  constructor({ what, cause }: { what: string; cause?: unknown }) {
    super(`could not read ${what} from the hub`, causeOptions(cause));
  }
}

/** A member chain's own node did not answer, or a read from it failed. */
export class MemberChainReadError extends OperatorError {
  override name = "MemberChainReadError";
  readonly chainId: number;
  constructor({ what, chain, cause }: { what: string; chain: { chainId: number; name: string }; cause?: unknown }) {
    super(`could not read ${what} from member chain ${chain.name} (${chain.chainId})`, causeOptions(cause));
    this.chainId = chain.chainId;
  }
}

/** The sequencer's `/healthz` did not answer (connection refused, timeout, HTTP error). */
export class SequencerUnreachableError extends OperatorError {
  override name = "SequencerUnreachableError";
  readonly url: string;
  constructor({ url, cause }: { url: string; cause?: unknown }) {
    super(`the sequencer at ${url} is unreachable`, causeOptions(cause));
    this.url = url;
  }
}

/** The sequencer answered `/healthz` with something that is not its health report. */
export class SequencerHealthInvalidError extends OperatorError {
  override name = "SequencerHealthInvalidError";
  readonly url: string;
  constructor({ url, details, cause }: { url: string; details: string; cause?: unknown }) {
    super(`the sequencer at ${url} sent a malformed /healthz report`, { details, cause });
    this.url = url;
  }
}

/** A chain named on the command line (by id or name) is not a member chain of the manifest. */
export class UnknownMemberChainError extends OperatorError {
  override name = "UnknownMemberChainError";
  readonly chain: string;
  constructor({ chain, network, known, hub }: { chain: string; network: string; known: readonly { chainId: number; name: string }[]; hub?: boolean }) {
    super(
      hub === true
        ? `chain ${chain} is the ${network} hub, which has no sequencer configuration`
        : `chain ${JSON.stringify(chain)} is not a member chain of the ${network} deployment manifest`,
      { details: `Known member chains: ${known.map((c) => `${c.chainId} (${c.name})`).join(", ")}.` },
    );
    this.chain = chain;
  }
}

/** The running sequencer's configuration differs from the governed one (`config diff`). */
export class ConfigDriftError extends OperatorError {
  override name = "ConfigDriftError";
  readonly differences: number;
  constructor({ differences }: { differences: number }) {
    super(`the running configuration differs from the governed one (${differences} ${differences === 1 ? "difference" : "differences"})`);
    this.differences = differences;
  }
}

/** At least one `config verify` check failed. */
export class ConfigVerificationError extends OperatorError {
  override name = "ConfigVerificationError";
  readonly failed: number;
  constructor({ failed, total, details }: { failed: number; total: number; details?: string }) {
    super(`${failed} of ${total} ${total === 1 ? "check" : "checks"} failed`, details === undefined ? {} : { details });
    this.failed = failed;
  }
}

function causeOptions(cause: unknown): { details?: string; cause?: unknown } {
  const details = shortCause(cause);
  return { ...(details === undefined ? {} : { details }), ...(cause === undefined ? {} : { cause }) };
}

function shortCause(cause: unknown): string | undefined {
  if (cause === undefined) return undefined;
  if (cause instanceof BaseError) return cause.shortMessage;
  if (typeof cause === "object" && cause !== null && "shortMessage" in cause && typeof cause.shortMessage === "string") return cause.shortMessage;
  if (cause instanceof Error) {
    const inner = cause.cause instanceof Error ? `: ${cause.cause.message}` : "";
    return `${cause.message}${inner}`;
  }
  return String(cause);
}

export type OperatorErrorType =
  | HubReadError
  | MemberChainReadError
  | SequencerUnreachableError
  | SequencerHealthInvalidError
  | UnknownMemberChainError
  | ConfigDriftError
  | ConfigVerificationError;
