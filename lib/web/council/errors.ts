import type { Address, Hash } from "viem";

import { BaseError } from "../../errors.ts";

/** Why the signature API refused a request: the code clients branch on, with its HTTP status. */
export const SIGNATURE_REFUSALS = {
  malformed: 400,
  wrong_safe: 400,
  not_council_decision: 400,
  unknown_proposal: 404,
  proposal_final: 409,
  bad_signature: 400,
  not_owner: 403,
  signature_mismatch: 403,
  payload_too_large: 413,
  stale_nonce: 409,
  future_nonce: 409,
  duplicate_signature: 409,
  unsupported_media_type: 415,
  unavailable: 503,
  chain_unreachable: 502,
} as const;
export type SignatureRefusalCode = keyof typeof SIGNATURE_REFUSALS;

/**
 * A refusal of the council signature API: `{ error: { code, message } }` with the code's status.
 * Nothing is stored when one is thrown.
 */
export class CouncilSignatureRequestError extends BaseError {
  override name = "CouncilSignatureRequestError";
  readonly code: SignatureRefusalCode;

  constructor(code: SignatureRefusalCode, message: string, options: { details?: string; cause?: unknown } = {}) {
    super(message, options);
    this.code = code;
  }

  get status(): number {
    return SIGNATURE_REFUSALS[this.code];
  }

  /** The JSON answer; `details` only when there is something more to say. */
  toResponse(): Response {
    return Response.json(
      { error: { code: this.code, message: this.shortMessage, ...(this.details ? { details: this.details } : {}) } },
      { status: this.status },
    );
  }
}

/** Failures of the signature store itself (opening, schema, writing). */
export class CouncilStoreError extends BaseError {
  override name = "CouncilStoreError";
}

/** The owner already has a signature stored for this safeTxHash: one owner counts once. */
export class CouncilStoreDuplicateError extends CouncilStoreError {
  override name = "CouncilStoreDuplicateError";
  readonly owner: Address;
  readonly safeTxHash: Hash;

  constructor({ owner, safeTxHash }: { owner: Address; safeTxHash: Hash }) {
    super(`${owner} has already signed safeTxHash ${safeTxHash}.`);
    this.owner = owner;
    this.safeTxHash = safeTxHash;
  }
}
