import type { Address, Hash } from "viem";

import { BaseError } from "../../errors.ts";

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
