import { BaseError } from "../../../errors.ts";

/**
 * Why the Transaction Service–compatible API refused a request, in our words: carried beside the
 * service's own error shape as `reason`, so clients (and tests) branch on it without parsing text.
 */
export type ServiceRefusalReason =
  | "malformed"
  | "payload_too_large"
  | "unsupported_media_type"
  | "wrong_chain"
  | "wrong_safe"
  | "not_council_decision"
  | "nothing_to_reject"
  | "unknown_proposal"
  | "proposal_final"
  | "hash_mismatch"
  | "bad_signature"
  | "not_owner"
  | "sender_mismatch"
  | "stale_nonce"
  | "future_nonce"
  | "duplicate_signature"
  | "unknown_transaction"
  | "not_found"
  | "unavailable"
  | "chain_unreachable";

/** The statuses that do not depend on the endpoint; validation refusals take the endpoint's own. */
const FIXED_STATUS: Partial<Record<ServiceRefusalReason, number>> = {
  payload_too_large: 413,
  unsupported_media_type: 415,
  not_found: 404,
  wrong_chain: 404,
  unavailable: 503,
  chain_unreachable: 502,
};

/**
 * A refusal of the Transaction Service–compatible API, answered in the shapes the Safe
 * Transaction Service (Django REST framework, camelCase) uses, so `@safe-global/api-kit` reports
 * it as it would the real service's: `{ nonFieldErrors: [message] }` for a request that does not
 * validate (422 when proposing, 400 when confirming, as the service answers), `{ detail }` for a
 * missing object or an unusable request (404, 413, 415, 502, 503). Every body also carries
 * `reason`. Nothing is stored when one is thrown.
 */
export class TransactionServiceError extends BaseError {
  override name = "TransactionServiceError";
  readonly reason: ServiceRefusalReason;

  constructor(reason: ServiceRefusalReason, message: string, options: { details?: string; cause?: unknown } = {}) {
    super(message, options);
    this.reason = reason;
  }

  /** The status for this refusal on an endpoint whose validation failures answer `validationStatus`. */
  status(validationStatus: 400 | 422): number {
    return FIXED_STATUS[this.reason] ?? (this.reason === "malformed" ? 400 : validationStatus);
  }

  /** The service-shaped answer; `details` only when there is something more to say. */
  toResponse(validationStatus: 400 | 422): Response {
    const status = this.status(validationStatus);
    const more = this.details ? { details: this.details } : {};
    const body = status === 400 || status === 422 ? { nonFieldErrors: [this.shortMessage], reason: this.reason, ...more } : { detail: this.shortMessage, reason: this.reason, ...more };
    return Response.json(body, { status });
  }
}

/**
 * The service's answer to an address in a path that is not checksummed (it takes only EIP-55
 * spellings there): 422 `{ code: 1, message, arguments }`, exactly as the service words it.
 */
export function checksumRefusal(address: string): Response {
  return Response.json({ code: 1, message: "Checksum address validation failed", arguments: [address] }, { status: 422 });
}
