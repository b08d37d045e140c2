/**
 * Council transactions as owners propose them to the Transaction Service–compatible API: signed
 * with EIP-712 by a dev account that also sends them, in the body the council page and api-kit's
 * `proposeTransaction` send; and the service's answers read as one shape. Browser-safe (no
 * handler imported), so the e2e specs use it too; test/helpers/transactionService.ts posts them
 * to the handlers.
 */
import { concat, hexToBigInt, numberToHex, slice, type Address, type Hash, type Hex, type LocalAccount } from "viem";

import { reviewCouncilTransaction } from "../../lib/council/typedData.ts";
import type { SafeTxData } from "../../lib/council/types.ts";
import { proposeBody } from "../../lib/web/council/transactionService/client.ts";

/** A Safe transaction of the council Safe on one chain (the EIP-712 domain's). */
export interface CouncilTx {
  safe: Address;
  chainId: number;
  safeTx: SafeTxData;
}

/** The service's answer, read as one shape: `reason` and `message` of a refusal (`nonFieldErrors` or `detail`). */
export interface ServiceAnswer {
  status: number;
  reason?: string;
  message?: string;
}

/** `account`'s EIP-712 signature of `tx`, and the body api-kit's `proposeTransaction` sends for it with `account` as sender. */
export async function signedProposal(account: LocalAccount, { safe, chainId, safeTx }: CouncilTx) {
  const { safeTxHash, typedData } = reviewCouncilTransaction({ safe, chainId, data: safeTx });
  const signature = await account.signTypedData(typedData);
  return { safeTxHash: safeTxHash as Hash, signature, body: proposeBody({ safeTx, safeTxHash, sender: account.address, signature }) };
}

/** A fetch `Response` of the service as {@link ServiceAnswer}. */
export async function readServiceAnswer(response: Response): Promise<ServiceAnswer> {
  const text = await response.text();
  const body = (text ? JSON.parse(text) : {}) as { reason?: string; nonFieldErrors?: string[]; detail?: string };
  const message = body.nonFieldErrors?.[0] ?? body.detail;
  return { status: response.status, ...(body.reason ? { reason: body.reason } : {}), ...(message ? { message } : {}) };
}

const SECP256K1_N = 0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141n;

/** The same key's other valid ECDSA signature of the same hash (s → n − s, v flipped): one owner still. */
export function malleate(signature: Hex): Hex {
  const s = hexToBigInt(slice(signature, 32, 64));
  const v = Number(hexToBigInt(slice(signature, 64)));
  return concat([slice(signature, 0, 32), numberToHex(SECP256K1_N - s, { size: 32 }), numberToHex(v === 27 ? 28 : 27, { size: 1 })]);
}
