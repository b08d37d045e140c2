import { getAddress, isAddress, isAddressEqual, isHex, type Address, type Hex } from "viem";
// zod/mini: these schemas run in the browser, and the full zod build would add ~20 KB gzip to each page.
import * as z from "zod/mini";

/**
 * The JSON wire format of a call a proven-call API prepared: `PreparedCall` without the ABI (the
 * browser has it) and with every uint256 as a decimal string, since JSON has no bigints. These
 * schemas read an answer back in the browser strictly, so a confused or tampered answer parses
 * to nothing instead of to a different call.
 */

/** A decimal uint256 as JSON carries it. */
export type UintJson = string;

/** A decimal uint256 string back to a bigint; refuses signs, leading zeros, hex and anything over 78 digits. */
export const uintJson = z.pipe(
  z.string().check(z.regex(/^(?:0|[1-9][0-9]{0,77})$/)),
  z.transform((value: string) => BigInt(value)),
);

/** Any-case address back to its checksummed form. */
export const addressJson = z.pipe(
  z.string().check(z.refine((value) => isAddress(value, { strict: false }))),
  z.transform((value: string) => getAddress(value)),
);

/** A storage or account proof: a trie proof of a 256-bit key has at most 64 nodes, each under a few KB. */
export const proofJson = z.array(z.string().check(z.refine((value) => isHex(value) && value.length % 2 === 0 && value.length <= 2 + 2 * 4096))).check(z.maxLength(64));

/** The chain a prepared call is sent on. */
export const chainIdJson = z.int().check(z.positive());

/** A proof as JSON carries it: a fresh array (the prepared call's may be read-only). */
export const proofToJson = (proof: readonly Hex[]): Hex[] => [...proof];

/** What the browser expects a prepared call to be: the call is refused unless it matches. */
export interface ExpectedTarget {
  chainId: number;
  address: Address;
}

/** Whether a parsed call goes to the chain and contract the page asked for. */
export function isExpectedTarget(call: ExpectedTarget, expected: ExpectedTarget): boolean {
  return call.chainId === expected.chainId && isAddressEqual(call.address, expected.address);
}
