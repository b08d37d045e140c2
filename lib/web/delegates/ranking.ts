import { getAddress, isAddress, zeroAddress, type Address } from "viem";

/** One `DelegateVotesChanged` log, reduced to what ranking needs. */
export interface VotesChange {
  delegate: Address;
  newVotes: bigint;
  blockNumber: bigint;
  logIndex: number;
}

export interface RankedDelegate {
  /** 1 for the largest voting power. */
  rank: number;
  address: Address;
  votes: bigint;
}

export interface DelegatesPage {
  delegates: RankedDelegate[];
  /** 1-based; clamped to the pages that exist. */
  page: number;
  pageCount: number;
  pageSize: number;
  /** Delegates holding any voting power. */
  delegateCount: number;
  /** Sum of every delegate's votes (the delegated part of the supply). */
  delegatedVotes: bigint;
}

export const DELEGATES_PAGE_SIZE = 50;

/**
 * Each delegate's voting power now: the `newVotes` of its latest `DelegateVotesChanged` log,
 * whatever order the logs come in. One log query gives the whole ranking; no per-delegate read.
 */
export function latestVotes(changes: readonly VotesChange[]): Map<Address, bigint> {
  const latest = new Map<Address, VotesChange>();
  for (const change of changes) {
    const key = getAddress(change.delegate);
    const seen = latest.get(key);
    if (!seen || change.blockNumber > seen.blockNumber || (change.blockNumber === seen.blockNumber && change.logIndex > seen.logIndex)) {
      latest.set(key, change);
    }
  }
  return new Map([...latest].map(([address, change]) => [address, change.newVotes]));
}

/**
 * Delegates with any voting power, largest first (ties by address, so the order is stable), one
 * page of them.
 *
 * @example
 * rankDelegates(logs, { page: 1 }).delegates[0] // { rank: 1, address: "0x…", votes: 33000000000000000000000000n }
 */
export function rankDelegates(changes: readonly VotesChange[], { page = 1, pageSize = DELEGATES_PAGE_SIZE }: { page?: number; pageSize?: number } = {}): DelegatesPage {
  if (!Number.isInteger(pageSize) || pageSize < 1) throw new RangeError(`page size must be a positive integer, got ${pageSize}`);
  const ranked = [...latestVotes(changes)]
    .filter(([, votes]) => votes > 0n)
    .sort(([a, votesA], [b, votesB]) => (votesA === votesB ? (a.toLowerCase() < b.toLowerCase() ? -1 : 1) : votesA > votesB ? -1 : 1));
  const pageCount = Math.max(1, Math.ceil(ranked.length / pageSize));
  const current = Math.min(Math.max(1, Math.trunc(page)), pageCount);
  const start = (current - 1) * pageSize;
  return {
    delegates: ranked.slice(start, start + pageSize).map(([address, votes], i) => ({ rank: start + i + 1, address, votes })),
    page: current,
    pageCount,
    pageSize,
    delegateCount: ranked.length,
    delegatedVotes: ranked.reduce((sum, [, votes]) => sum + votes, 0n),
  };
}

/** A `?page=` search parameter as a page number: anything but a positive integer is page 1. */
export function parsePage(raw: string | string[] | undefined): number {
  const text = Array.isArray(raw) ? raw[0] : raw;
  if (!text || !/^\d{1,6}$/.test(text)) return 1;
  return Math.max(1, Number(text));
}

export type DelegateeInput = { ok: true; address: Address } | { ok: false; message: string };

/**
 * Checks an address typed as the delegatee before anything is sent: shape, checksum (a mixed-case
 * address must match it), and not the zero address (delegating there discards the votes).
 */
export function parseDelegatee(text: string): DelegateeInput {
  const value = text.trim();
  if (value === "") return { ok: false, message: "Enter the address to delegate to." };
  if (!/^0x[0-9a-fA-F]{40}$/.test(value)) return { ok: false, message: "That is not an address: it must be 0x followed by 40 hex characters." };
  if (!isAddress(value, { strict: true })) return { ok: false, message: "The address's checksum (its mix of capitals) is wrong; check for a typo." };
  if (value.toLowerCase() === zeroAddress) return { ok: false, message: "Delegating to the zero address would throw your votes away." };
  return { ok: true, address: getAddress(value) };
}
