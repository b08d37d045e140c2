import type { Address, Hash, Hex } from "viem";

import type { SafeTxData } from "../../../council/types.ts";
import { safeTxToJson } from "../safeTx.ts";

/**
 * Browser-safe: where the app's Transaction Service–compatible API lives and what proposing to it
 * sends, for the app's own pages. Scripts use `@safe-global/api-kit` with
 * `txServiceUrl: transactionServiceUrl(origin, chainId)`.
 */

/**
 * The `txServiceUrl` of the council Safe's chain `chainId` on the app at `origin` ("" for the app itself).
 * api-kit appends the service's trailing slash (`…/multisig-transactions/`); Next answers such a
 * path with a 308 to the path without it, which api-kit's fetch (node-fetch 2 in Node, the
 * browser's fetch) follows with the same method, headers and body: one extra round trip, no
 * rewrite needed (test/e2e/transaction-service.spec.ts proves it against the running app).
 */
export const transactionServiceUrl = (origin: string, chainId: number) => `${origin}/api/safe-transaction-service/${chainId}`;

/** `POST /v2/safes/{safe}/multisig-transactions` on this app (no trailing slash: the app's canonical path). */
export const proposeUrl = (chainId: number, safe: Address) => `${transactionServiceUrl("", chainId)}/v2/safes/${safe}/multisig-transactions`;

/** The body api-kit's `proposeTransaction` sends, for a transaction and one owner's signature. */
export function proposeBody({ safeTx, safeTxHash, sender, signature }: { safeTx: SafeTxData; safeTxHash: Hash; sender: Address; signature: Hex }) {
  const { nonce, ...fields } = safeTxToJson(safeTx);
  return { ...fields, nonce: Number(nonce), contractTransactionHash: safeTxHash, sender, signature, origin: "Superchain Governance" };
}
