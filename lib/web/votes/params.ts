import type { Route } from "next";
import { z } from "zod";

/** Rows per page of a proposal's votes. */
export const VOTES_PAGE_SIZE = 25;

export const VOTE_SORTS = ["newest", "oldest", "weight"] as const;
export type VoteSort = (typeof VOTE_SORTS)[number];

export const SUPPORT_FILTERS = ["for", "against", "abstain", "split"] as const;
export type SupportFilter = (typeof SUPPORT_FILTERS)[number];

/** What the votes list shows, from the URL: filters, order and page (defaults left out). */
export interface VoteListParams {
  /** The chain the votes were cast on (a member chain's view also shows its relays to the hub). */
  chain?: number;
  support?: SupportFilter;
  sort?: VoteSort;
  /** 1-based. */
  page?: number;
}

type SearchParams = Record<string, string | string[] | undefined>;

/** One value per key: a repeated key is malformed input, not a list. */
const single = z.string().max(80);

/** The list's own params; an unknown key reaches it (and is refused) only in `strict` parsing. */
const voteParamsSchema = z.strictObject({
  chain: single.regex(/^[1-9][0-9]{0,9}$/, "must be a chain id").transform(Number).optional(),
  support: z.enum(SUPPORT_FILTERS).optional(),
  sort: z.enum(VOTE_SORTS).optional(),
  page: single.regex(/^[1-9][0-9]{0,5}$/, "must be a page number from 1").transform(Number).optional(),
});

/** The votes list's URL params, or what is wrong with them (one line per bad param). */
export type VoteParamsResult = { ok: true; params: VoteListParams } | { ok: false; params: VoteListParams; errors: string[] };

/**
 * Parses the votes list's search params with zod, checking `chain` against the deployment's
 * chain ids. An empty value counts as absent (a GET form's "All" option). Other params are left
 * to the rest of the page, or refused with `strict` (the CSV has no others). On failure `errors`
 * says what is wrong and `params` keeps only the good values, so the page can still render
 * while the CSV route answers 400.
 *
 * @example
 * parseVoteParams({ chain: "901", sort: "weight" }, [900, 901, 902]) // { ok: true, params: { chain: 901, sort: "weight" } }
 * parseVoteParams({ support: "maybe" }, [900]) // { ok: false, errors: ["support: …"], params: {} }
 */
export function parseVoteParams(searchParams: SearchParams, chainIds: readonly number[], { strict = false }: { strict?: boolean } = {}): VoteParamsResult {
  const input: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(searchParams)) {
    if (value === undefined || value === "" || (!strict && !(key in voteParamsSchema.shape))) continue;
    input[key] = value;
  }
  const parsed = voteParamsSchema.safeParse(input);
  const errors: string[] = [];
  let params: VoteListParams = {};
  if (parsed.success) {
    params = Object.fromEntries(Object.entries(parsed.data).filter(([, value]) => value !== undefined));
  } else {
    for (const issue of parsed.error.issues) {
      const where = issue.path.length > 0 ? issue.path.join(".") : issue.code === "unrecognized_keys" ? issue.keys.join(", ") : "query";
      errors.push(issue.code === "unrecognized_keys" ? `unknown parameter ${where}` : `${where}: ${issue.message}`);
    }
    // Keep each good value on its own, so one bad filter does not drop the others.
    for (const key of Object.keys(voteParamsSchema.shape) as (keyof VoteListParams)[]) {
      const one = voteParamsSchema.shape[key].safeParse(input[key]);
      if (one.success && one.data !== undefined) (params as Record<string, unknown>)[key] = one.data;
    }
  }
  if (params.chain !== undefined && !chainIds.includes(params.chain)) {
    errors.push(`chain: ${params.chain} is not a chain of this deployment (${chainIds.join(", ")})`);
    delete params.chain;
  }
  return errors.length === 0 ? { ok: true, params } : { ok: false, params, errors };
}

/** The search string for `params` (defaults left out; `newest` is the default order, page 1 the default page). */
export function voteSearch({ chain, support, sort, page }: VoteListParams): string {
  const search = new URLSearchParams();
  if (chain !== undefined) search.set("chain", String(chain));
  if (support) search.set("support", support);
  if (sort && sort !== "newest") search.set("sort", sort);
  if (page && page > 1) search.set("page", String(page));
  const text = search.toString();
  return text ? `?${text}` : "";
}

/** The proposal page with the votes list at `params`, scrolled to the list. */
export const votesHref = (proposalId: bigint | string, params: VoteListParams): Route => `/proposals/${proposalId}${voteSearch(params)}#vote-list` as Route;

/** The CSV of the list at `params` (every page). */
export function votesCsvHref(proposalId: bigint | string, { page: _page, ...filters }: VoteListParams): string {
  return `/proposals/${proposalId}/votes.csv${voteSearch(filters)}`;
}
