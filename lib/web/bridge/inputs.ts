import { getAddress, isAddress, parseUnits, zeroAddress, type Address } from "viem";

import { formatTokenAmount } from "../format.ts";

export type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };

/**
 * A token amount typed by a person, checked before the wallet is asked: a positive decimal with
 * at most `decimals` digits after the point, and no more than the `available` balance (so the
 * contract's balance error never has to explain it).
 *
 * @example
 * parseAmount("1,000.5", { decimals: 18, available: 10n ** 24n, symbol: "SUP" }) // { ok: true, value: 1000500000000000000000n }
 */
export function parseAmount(text: string, { decimals, available, symbol }: { decimals: number; available: bigint | undefined; symbol: string }): Parsed<bigint> {
  const value = text.trim().replace(/[,_\s]/g, "");
  if (value === "") return { ok: false, message: "Enter an amount." };
  if (!/^(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)$/.test(value)) return { ok: false, message: "Enter the amount as a number, e.g. 1000 or 12.5." };
  const fraction = value.split(".")[1] ?? "";
  if (fraction.length > decimals) return { ok: false, message: `Use at most ${decimals} digits after the decimal point.` };
  const amount = parseUnits(value, decimals);
  if (amount === 0n) return { ok: false, message: "Enter an amount above zero." };
  if (available !== undefined && amount > available) {
    return { ok: false, message: `That is more than the ${formatTokenAmount(available, decimals, { symbol })} you hold here.` };
  }
  return { ok: true, value: amount };
}

/**
 * The address tokens go to: the connected account when left empty, else a checked address
 * (shape, checksum when mixed-case, never the zero address, where tokens would be lost).
 */
export function parseRecipient(text: string, account: Address): Parsed<Address> {
  const value = text.trim();
  if (value === "") return { ok: true, value: account };
  if (!/^0x[0-9a-fA-F]{40}$/.test(value)) return { ok: false, message: "That is not an address: it must be 0x followed by 40 hex characters." };
  if (!isAddress(value, { strict: true })) return { ok: false, message: "The address's checksum (its mix of capitals) is wrong; check for a typo." };
  if (value.toLowerCase() === zeroAddress) return { ok: false, message: "Tokens sent to the zero address would be lost." };
  return { ok: true, value: getAddress(value) };
}
