import { TransactionServiceError } from "./errors.ts";
import type { TransactionResponse } from "./responses.ts";

/** The page size the service uses when none is asked for, and the most it gives at once. */
export const DEFAULT_LIMIT = 100;
export const MAX_LIMIT = 200;

const ORDERINGS = ["nonce", "-nonce", "created", "-created", "modified", "-modified"] as const;
type Ordering = (typeof ORDERINGS)[number];

/** The query parameters of the list endpoints that this service honours (others are ignored, as the service ignores unknown ones). */
export interface ListQuery {
  nonces: { nonce?: bigint; nonceAtLeast?: bigint; nonceAtMost?: bigint };
  executed?: boolean;
  hasConfirmations?: boolean;
  ordering: Ordering;
  limit: number;
  offset: number;
}

const integer = (params: URLSearchParams, name: string): bigint | undefined => {
  const value = params.get(name);
  if (value === null || value === "") return undefined;
  if (!/^[0-9]{1,18}$/.test(value)) throw new TransactionServiceError("malformed", `${name}: Enter a whole number, not ${JSON.stringify(value.slice(0, 40))}.`);
  return BigInt(value);
};

const boolean = (params: URLSearchParams, name: string): boolean | undefined => {
  const value = params.get(name)?.toLowerCase();
  if (value === undefined || value === "") return undefined;
  if (value === "true" || value === "1") return true;
  if (value === "false" || value === "0") return false;
  throw new TransactionServiceError("malformed", `${name}: Enter true or false.`);
};

/**
 * `nonce`, `nonce__gte/gt/lte/lt`, `executed`, `has_confirmations`, `ordering`, `limit` and
 * `offset`, checked: a value that is not what its filter takes is a 400, as Django's filters answer.
 */
export function readListQuery(params: URLSearchParams): ListQuery {
  const gt = integer(params, "nonce__gt");
  const lt = integer(params, "nonce__lt");
  const atLeast = [integer(params, "nonce__gte"), gt === undefined ? undefined : gt + 1n].filter((value) => value !== undefined);
  const atMost = [integer(params, "nonce__lte"), lt === undefined ? undefined : lt - 1n].filter((value) => value !== undefined);
  const nonce = integer(params, "nonce");
  const ordering = (params.get("ordering") || "-nonce") as Ordering;
  if (!ORDERINGS.includes(ordering)) throw new TransactionServiceError("malformed", `ordering: one of ${ORDERINGS.join(", ")}.`);
  const limit = Number(integer(params, "limit") ?? BigInt(DEFAULT_LIMIT));
  const offset = Number(integer(params, "offset") ?? 0n);
  const executed = boolean(params, "executed");
  const hasConfirmations = boolean(params, "has_confirmations");
  return {
    nonces: {
      ...(nonce === undefined ? {} : { nonce }),
      ...(atLeast.length ? { nonceAtLeast: atLeast.reduce((a, b) => (a > b ? a : b)) } : {}),
      ...(atMost.length ? { nonceAtMost: atMost.reduce((a, b) => (a < b ? a : b)) } : {}),
    },
    ...(executed === undefined ? {} : { executed }),
    ...(hasConfirmations === undefined ? {} : { hasConfirmations }),
    ordering,
    limit: Math.min(Math.max(limit, 1), MAX_LIMIT),
    offset,
  };
}

/** The responses the query keeps, in its order (ties broken newest first, as the service's default `-nonce, -created`). */
export function selectTransactions(responses: readonly TransactionResponse[], query: ListQuery): TransactionResponse[] {
  const kept = responses.filter(
    (response) =>
      (query.executed === undefined || response.isExecuted === query.executed) &&
      (query.hasConfirmations === undefined || (response.confirmations.length > 0) === query.hasConfirmations),
  );
  const field = query.ordering.replace("-", "") as "nonce" | "created" | "modified";
  const key = (response: TransactionResponse): bigint | string =>
    field === "nonce" ? BigInt(response.nonce) : field === "created" ? response.submissionDate : response.modified;
  const direction = query.ordering.startsWith("-") ? -1 : 1;
  return kept.sort((a, b) => {
    const [x, y] = [key(a), key(b)];
    if (x !== y) return (x < y ? -1 : 1) * direction;
    return a.submissionDate < b.submissionDate ? 1 : a.submissionDate > b.submissionDate ? -1 : 0;
  });
}
