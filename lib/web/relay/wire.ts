import { z } from "zod";
import type { Address, Hash } from "viem";

import { COMMON_REFUSALS, type RefusalJson } from "../provenCalls/errors.ts";
import { RELAY_REASON_MAX_CHARS } from "./limits.ts";

/**
 * The gasless relay's wire format, shared by the browser (which signs and posts) and the server
 * (which checks and sends): the requests, the answer and every refusal with its HTTP status.
 */

export { RELAY_BODY_LIMIT, RELAY_REASON_MAX_CHARS } from "./limits.ts";

const address = z.string().regex(/^0x[0-9a-fA-F]{40}$/, "an address: 0x and 40 hex digits").transform((value) => value as Address);
const decimal = z.string().regex(/^(0|[1-9][0-9]{0,77})$/, "a decimal integer without sign or leading zeros").transform(BigInt);
const signature = z.string().regex(/^0x[0-9a-fA-F]{130}$/, "a 65-byte signature: 0x and 130 hex digits").transform((value) => value as `0x${string}`);
const chainId = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);

/** `POST /api/relay/vote`: a ballot signed for the hub governor or a member chain's aggregator. */
export const relayVoteRequestSchema = z.strictObject({
  chainId,
  proposalId: decimal,
  support: z.union([z.literal(0), z.literal(1), z.literal(2)]),
  voter: address,
  /** Empty for none; signed as part of the ballot when present. */
  reason: z.string().max(RELAY_REASON_MAX_CHARS).default(""),
  /** The voter's nonce the ballot was signed with: a stale one is told apart from a bad signature. */
  nonce: decimal,
  signature,
});
export type RelayVoteRequest = z.output<typeof relayVoteRequestSchema>;
export type RelayVoteRequestJson = z.input<typeof relayVoteRequestSchema>;

/** `POST /api/relay/delegate`: a delegation signed for the hub token or a member chain's token. */
export const relayDelegationRequestSchema = z.strictObject({
  chainId,
  delegator: address,
  delegatee: address,
  nonce: decimal,
  /** Unix seconds; the token refuses the signature after it. */
  expiry: decimal,
  signature,
});
export type RelayDelegationRequest = z.output<typeof relayDelegationRequestSchema>;
export type RelayDelegationRequestJson = z.input<typeof relayDelegationRequestSchema>;

/** 202: the relayer sent the transaction; the caller follows it on the chain. */
export interface RelayAcceptedJson {
  chainId: number;
  hash: Hash;
  relayer: Address;
}

/** Every refusal of `/api/relay/*`, with its status. Each is decided before any gas is spent. */
export const RELAY_REFUSALS = {
  ...COMMON_REFUSALS,
  unsupported_media_type: 415,
  payload_too_large: 413,
  method_not_allowed: 405,
  /** The app has no relayer key: the voter pays their own gas. */
  /** A member chain without cross-chain voting: no aggregator or token to relay to. */
  no_spoke: 404,
  relay_disabled: 503,
  /** The relayer's balance on that chain cannot pay for the transaction. */
  relayer_unfunded: 503,
  unknown_proposal: 404,
  /** Voting is not open (on the hub, or on that member chain). */
  not_open: 409,
  already_voted: 409,
  /** The same signed request is already on its way. */
  already_submitted: 409,
  /** The nonce signed is below the account's: the signature was used, or superseded. */
  stale_nonce: 409,
  /** The nonce signed is above the account's: nothing can make it valid now. */
  future_nonce: 400,
  already_delegated: 409,
  no_voting_power: 409,
  expired: 400,
  invalid_signature: 400,
  /** The chain would revert the call: the reason is in the message. */
  would_revert: 409,
  rate_limited: 429,
} as const;
export type RelayRefusalCode = keyof typeof RELAY_REFUSALS;
export type RelayRefusalJson = RefusalJson<RelayRefusalCode>;
