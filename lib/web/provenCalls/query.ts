import { maxUint256 } from "viem";

/** Longer than any well-formed query of the proven-call APIs: refused before it is read. */
export const MAX_QUERY_LENGTH = 256;

const list = (names: readonly string[]) => (names.length < 2 ? names.join("") : `${names.slice(0, -1).join(", ")} and ${names.at(-1)}`);

/**
 * Reads a query that must hold exactly the given parameters, each once and nothing else, so a
 * typo is refused instead of proving something else. The values are the raw strings; the caller
 * checks each with {@link chainIdParam} / {@link uint256Param} and its own sentence.
 *
 * @throws what `malformed(message)` builds (the API's `malformed` refusal) for anything else.
 * @example
 * const { chainId } = strictQuery(params, ["chainId", "proposalId"], (m) => new CrosschainApiError("malformed", m))
 */
export function strictQuery<Name extends string>(params: URLSearchParams, names: readonly Name[], malformed: (message: string) => Error): Record<Name, string> {
  if (params.toString().length > MAX_QUERY_LENGTH) throw malformed(`The query is too long; pass only ${list(names)}.`);
  const unknown = [...params.keys()].find((name) => !(names as readonly string[]).includes(name));
  if (unknown !== undefined) throw malformed(`Unknown parameter ${JSON.stringify(unknown.slice(0, 32))}; pass ${list(names)}.`);
  const values = {} as Record<Name, string>;
  for (const name of names) {
    const all = params.getAll(name);
    if (all.length !== 1) throw malformed(`Pass ${name} exactly once.`);
    values[name] = all[0]!;
  }
  return values;
}

/** A chain id as a query carries it: a positive decimal safe integer, no sign or leading zeros. Undefined otherwise. */
export function chainIdParam(value: string): number | undefined {
  return /^[1-9][0-9]{0,15}$/.test(value) && Number.isSafeInteger(Number(value)) ? Number(value) : undefined;
}

/** A uint256 as a query carries it: decimal, no sign or leading zeros, below 2^256. Undefined otherwise. */
export function uint256Param(value: string): bigint | undefined {
  return /^(?:0|[1-9][0-9]{0,77})$/.test(value) && BigInt(value) <= maxUint256 ? BigInt(value) : undefined;
}
