import type { Address, Hash, Hex } from "viem";

import type { SafeTxData } from "../../../council/types.ts";
import { safeTxToJson } from "../safeTx.ts";

/**
 * Browser-safe: where the app's Transaction Service–compatible API lives and what proposing to it
 * sends, for the app's own pages. Scripts use `@safe-global/api-kit` with
 * `txServiceUrl: transactionServiceUrl(origin, chainId)`.
 */

/** The `txServiceUrl` of the council Safe's chain `chainId` on the app at `origin` ("" for the app itself). */
export const transactionServiceUrl = (origin: string, chainId: number) => `${origin}/api/safe-transaction-service/${chainId}`;

/** `POST /v2/safes/{safe}/multisig-transactions` on this app (no trailing slash: the app's canonical path). */
export const proposeUrl = (chainId: number, safe: Address) => `${transactionServiceUrl("", chainId)}/v2/safes/${safe}/multisig-transactions`;

/** The body api-kit's `proposeTransaction` sends, for a transaction and one owner's signature. */
export function proposeBody({ safeTx, safeTxHash, sender, signature }: { safeTx: SafeTxData; safeTxHash: Hash; sender: Address; signature: Hex }) {
  const { nonce, ...fields } = safeTxToJson(safeTx);
  return { ...fields, nonce: Number(nonce), contractTransactionHash: safeTxHash, sender, signature, origin: "Superchain Governance" };
}
