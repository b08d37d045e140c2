import { ProvenCallError, type ProvenCallErrorOptions } from "../../provenCalls/errors.ts";
import { RELAY_REFUSALS, type RelayRefusalCode } from "../../relay/wire.ts";

/** A refusal of `/api/relay/*`: `{ error: { code, message } }` with the code's HTTP status. */
export class RelayApiError extends ProvenCallError<RelayRefusalCode> {
  override name = "RelayApiError";
  /** Seconds to wait, for `rate_limited` (sent as `Retry-After`). */
  readonly retryAfterSeconds: number | undefined;

  constructor(code: RelayRefusalCode, message: string, options: ProvenCallErrorOptions & { retryAfterSeconds?: number } = {}) {
    const { retryAfterSeconds, ...rest } = options;
    super(RELAY_REFUSALS, code, message, rest);
    this.retryAfterSeconds = retryAfterSeconds;
  }

  override toResponse(): Response {
    const response = super.toResponse();
    if (this.retryAfterSeconds !== undefined) response.headers.set("retry-after", String(this.retryAfterSeconds));
    if (this.code === "method_not_allowed") response.headers.set("allow", "POST");
    return response;
  }
}

export const refuseRelay = (code: RelayRefusalCode, message: string, options?: ProvenCallErrorOptions & { retryAfterSeconds?: number }) => new RelayApiError(code, message, options);
