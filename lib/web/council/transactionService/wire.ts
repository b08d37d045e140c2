import { getAddress, zeroAddress, type Address, type Hash, type Hex } from "viem";
import { z } from "zod";

import { addressSchema } from "../../../chains/manifest.ts";
import { SafeOperation, type SafeTxData } from "../../../council/types.ts";
import { TransactionServiceError } from "./errors.ts";

/**
 * What the Transaction Service–compatible API reads from requests, checked once at the edge.
 * Like the service (Django REST framework), unknown keys are ignored and `null` stands for an
 * empty `data` or a zero gas token / refund receiver; numbers come as JSON numbers or decimal
 * strings (api-kit sends the nonce as a number and amounts as strings).
 */

const UINT256_MAX = (1n << 256n) - 1n;

const uint256 = z
  .union([z.string().regex(/^(0|[1-9][0-9]{0,77})$/, { error: "must be a decimal integer" }), z.int().nonnegative()])
  .transform((value) => BigInt(value))
  .refine((value) => value <= UINT256_MAX, { error: "must fit in uint256" });

/** 0x-prefixed hex of whole bytes, at most `maxBytes`. */
export const hexBytes = (maxBytes: number) =>
  z
    .string({ error: "must be a 0x-prefixed hex string" })
    .regex(/^0x(?:[0-9a-fA-F]{2})*$/, { error: "must be 0x-prefixed hex of whole bytes" })
    .max(2 + 2 * maxBytes, { error: `must be at most ${maxBytes} bytes` })
    .transform((value) => value.toLowerCase() as Hex);

const hash = z
  .string()
  .regex(/^0x[0-9a-fA-F]{64}$/, { error: "must be a 32-byte 0x-prefixed hex string" })
  .transform((value) => value.toLowerCase() as Hash);

const optionalAddress = z.union([addressSchema, z.null()]).optional().transform((value) => (value ? getAddress(value) : zeroAddress));

/** The longest calldata a council decision has (a veto carries a proposal's whole call). */
export const SAFE_TX_DATA_LIMIT = 16 * 1024;
/** One request may carry this many owners' signatures, each with at most this much EIP-1271 data. */
export const SIGNATURES_LIMIT = 16;
export const CONTRACT_SIGNATURE_LIMIT = 4 * 1024;
const signatureBytes = hexBytes(SIGNATURES_LIMIT * (65 + 32 + CONTRACT_SIGNATURE_LIMIT));

const safeTxFields = {
  to: addressSchema,
  value: uint256,
  data: z.union([hexBytes(SAFE_TX_DATA_LIMIT), z.null()]).optional().transform((value) => value ?? "0x"),
  operation: z.union([z.literal(0), z.literal(1)], { error: "must be 0 (call) or 1 (delegatecall)" }),
  safeTxGas: uint256,
  baseGas: uint256,
  gasPrice: uint256,
  gasToken: optionalAddress,
  refundReceiver: optionalAddress,
  nonce: uint256,
};

/** The body of `POST /v2/safes/{address}/multisig-transactions/` (api-kit's `proposeTransaction`). */
export const proposeRequestSchema = z.object({
  ...safeTxFields,
  contractTransactionHash: hash,
  sender: addressSchema,
  signature: signatureBytes,
  origin: z.union([z.string().max(200, { error: "must be at most 200 characters" }), z.null()]).optional(),
});

/** The body of `POST /v1/multisig-transactions/{safeTxHash}/confirmations/` (api-kit's `confirmTransaction`). */
export const confirmRequestSchema = z.object({ signature: signatureBytes });

export interface ProposeRequest {
  safeTx: SafeTxData;
  safeTxHash: Hash;
  sender: Address;
  signature: Hex;
  origin?: string;
}

/** The request body as `schema` reads it, or a `malformed` refusal naming the first problems. */
function parse<T extends z.ZodType>(schema: T, body: unknown, what: string): z.output<T> {
  const parsed = schema.safeParse(body);
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues.map((issue) => `${issue.path.join(".") || "body"} ${issue.message}`);
  throw new TransactionServiceError("malformed", `The request is not ${what}: ${issues.slice(0, 5).join("; ")}.`);
}

export function parseProposeRequest(body: unknown): ProposeRequest {
  const { contractTransactionHash, sender, signature, origin, operation, ...fields } = parse(proposeRequestSchema, body, "a multisig transaction");
  return {
    safeTx: { ...fields, operation: operation === 1 ? SafeOperation.DelegateCall : SafeOperation.Call },
    safeTxHash: contractTransactionHash,
    sender: getAddress(sender),
    signature,
    ...(origin ? { origin } : {}),
  };
}

export function parseConfirmRequest(body: unknown): { signature: Hex } {
  return parse(confirmRequestSchema, body, "a confirmation");
}

/** A safeTxHash from a path segment, or a 404 as the service answers an unknown one. */
export function parseSafeTxHashSegment(segment: string): Hash {
  if (!/^0x[0-9a-fA-F]{64}$/.test(segment)) throw new TransactionServiceError("not_found", "Not found.", { details: `${segment} is not a safeTxHash.` });
  return segment.toLowerCase() as Hash;
}
