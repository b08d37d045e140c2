/**
 * The one error base of this codebase, in viem's shape: a short message for people, optional
 * details, and the underlying cause. Domains subclass it (`CouncilError`, `ManifestError`, …) and
 * callers branch on classes, never on message text.
 */
export interface BaseErrorOptions {
  details?: string;
  cause?: unknown;
}

export class BaseError extends Error {
  override name = "BaseError";
  readonly shortMessage: string;
  readonly details: string | undefined;

  constructor(shortMessage: string, options: BaseErrorOptions = {}) {
    const message = options.details ? `${shortMessage}\n\nDetails: ${options.details}` : shortMessage;
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.shortMessage = shortMessage;
    this.details = options.details;
  }
}
