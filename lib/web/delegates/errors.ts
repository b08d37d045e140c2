import type { Address } from "viem";

import { BaseError } from "../../errors.ts";

/** Why the statement API refused a request: the code clients branch on, with its HTTP status. */
export const STATEMENT_REFUSALS = {
  malformed: 400,
  not_found: 404,
  invalid_address: 404,
  future_statement: 400,
  bad_signature: 400,
  signature_mismatch: 403,
  stale_statement: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  unavailable: 503,
  chain_unreachable: 502,
} as const;
export type StatementRefusalCode = keyof typeof STATEMENT_REFUSALS;

/**
 * A refusal of the delegate statement API: `{ error: { code, message } }` with the code's status.
 * Nothing is stored when one is thrown.
 */
export class StatementRequestError extends BaseError {
  override name = "StatementRequestError";
  readonly code: StatementRefusalCode;

  constructor(code: StatementRefusalCode, message: string, options: { details?: string; cause?: unknown } = {}) {
    super(message, options);
    this.code = code;
  }

  get status(): number {
    return STATEMENT_REFUSALS[this.code];
  }

  toResponse(): Response {
    return Response.json(
      { error: { code: this.code, message: this.shortMessage, ...(this.details ? { details: this.details } : {}) } },
      { status: this.status },
    );
  }
}

/** Failures of the statement store itself (opening, schema, writing). */
export class StatementStoreError extends BaseError {
  override name = "StatementStoreError";
}

/** The store holds a statement of this delegate at least as new: a statement only ever moves forward. */
export class StatementStaleError extends StatementStoreError {
  override name = "StatementStaleError";
  readonly delegate: Address;
  readonly storedIssuedAt: number;

  constructor({ delegate, storedIssuedAt, issuedAt }: { delegate: Address; storedIssuedAt: number; issuedAt: number }) {
    super(`${delegate} already has a statement issued at ${storedIssuedAt}; this one was issued at ${issuedAt}.`);
    this.delegate = delegate;
    this.storedIssuedAt = storedIssuedAt;
  }
}
