import type { Route } from "next";

import { QUERY_LIMIT } from "./text.ts";
import { PROPOSAL_STATES, type ProposalStateName } from "./types.ts";

/** Rows per page of `/proposals`. */
export const DEFAULT_PAGE_SIZE = 25;
/** The most rows one call may ask for (keeps one page's multicall bounded). */
export const MAX_PAGE_SIZE = 100;

/** What the list shows: filters and the page, as parsed from the URL. */
export interface ListParams {
  state?: ProposalStateName;
  query?: string;
  /** 1-based. */
  page?: number;
  pageSize?: number;
}

type SearchParams = Record<string, string | string[] | undefined>;

const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

/**
 * Reads the list's filters from a URL's search params. Anything malformed (an unknown state, a
 * page that is not a positive integer, an oversized query) falls back to the default instead of
 * failing: the URL is user input, and the list should always render.
 *
 * @example
 * parseListParams({ state: "active", q: "block time", page: "2" }) // { state: "active", query: "block time", page: 2 }
 */
export function parseListParams(searchParams: SearchParams): ListParams {
  const params: ListParams = {};
  const state = first(searchParams.state)?.toLowerCase();
  if (state && (PROPOSAL_STATES as readonly string[]).includes(state)) params.state = state as ProposalStateName;
  const query = first(searchParams.q)?.trim().slice(0, QUERY_LIMIT);
  if (query) params.query = query;
  const page = first(searchParams.page);
  if (page && /^[1-9][0-9]{0,5}$/.test(page)) params.page = Number(page);
  return params;
}

/** Where a page of results starts and ends, with the page clamped into range. */
export interface PageWindow {
  page: number;
  pageCount: number;
  pageSize: number;
  start: number;
  end: number;
}

/**
 * The slice of `total` rows that page `page` shows. A page past the end shows the last page,
 * so a stale link (after a filter narrowed the list) still lands somewhere useful.
 *
 * @example
 * pageWindow(60, 3, 25) // { page: 3, pageCount: 3, pageSize: 25, start: 50, end: 60 }
 */
export function pageWindow(total: number, page = 1, pageSize = DEFAULT_PAGE_SIZE): PageWindow {
  const size = Math.min(Math.max(Math.trunc(pageSize) || DEFAULT_PAGE_SIZE, 1), MAX_PAGE_SIZE);
  const pageCount = Math.max(1, Math.ceil(total / size));
  const current = Math.min(Math.max(Math.trunc(page) || 1, 1), pageCount);
  const start = (current - 1) * size;
  return { page: current, pageCount, pageSize: size, start, end: Math.min(start + size, total) };
}

/**
 * The `/proposals` URL for a set of filters (defaults left out), so links and the filter form
 * produce the same addresses and work without JavaScript.
 */
export function listHref({ state, query, page }: ListParams): Route {
  const search = new URLSearchParams();
  if (state) search.set("state", state);
  if (query) search.set("q", query);
  if (page && page > 1) search.set("page", String(page));
  const text = search.toString();
  // The one cast of this module: typed routes cannot see query strings built at run time.
  return (text ? `/proposals?${text}` : "/proposals") as Route;
}

/** The detail page of a proposal. */
export const proposalHref = (id: bigint | string): Route => `/proposals/${id}` as Route;

const UINT256_MAX = (1n << 256n) - 1n;

/**
 * A proposal id from a URL segment: a decimal uint256 (the form the governor and explorers
 * print), else undefined, so the page can answer "not found" for anything else.
 *
 * @example
 * parseProposalId("42") // 42n
 * parseProposalId("0x2a") // undefined
 */
export function parseProposalId(raw: string): bigint | undefined {
  if (!/^(?:0|[1-9][0-9]{0,77})$/.test(raw)) return undefined;
  const id = BigInt(raw);
  return id <= UINT256_MAX ? id : undefined;
}
