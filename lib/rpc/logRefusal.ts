/**
 * Telling a provider's "ask for less" apart from other failures of `eth_getLogs`. Public RPCs
 * bound log queries two ways and say so in free text, with no shared code:
 *
 * - a block span: `range 1000000 exceeds limit of 10000` (Infura, -32602), `eth_getLogs is
 *   limited to a 10,000 range` (QuickNode, -32614 in an HTTP 413), `block range is larger than
 *   max block range` (Morph, -32000), `exceed maximum block range: 5000` (BSC), `block range is
 *   bigger than maxBlockRange` (Scroll);
 * - a result size: `query returned more than 10000 results` (Infura / erigon, -32005), `Log
 *   response size exceeded … this block range should work: [0x…, 0x…]` (Alchemy, -32602),
 *   `query timeout exceeded` (-32005), or an HTTP 413.
 *
 * EIP-1474's -32005 ("limit exceeded") is a refusal whatever its text, except a rate limit:
 * asking for fewer blocks does not help there, so it passes through to the caller.
 */

/** What a refusal bounds: the span of blocks (stays bounded) or the size of one answer (depends on where the logs are). */
export type RefusalKind = "range" | "size";

export interface Refusal {
  kind: RefusalKind;
  /** How many blocks the provider said would work, when it said. */
  hint?: bigint;
}

const LIMIT_EXCEEDED = -32005;
const PAYLOAD_TOO_LARGE = 413;

// "Log response size exceeded … up to a 2K block range" is a size refusal: sizes are tried first.
const SIZE = /returned more than|more than [\d,]+ (?:results|logs)|too many (?:results|logs)|response size|response (?:is )?too (?:large|big)|size exceeded|log limit|query timeout|results? (?:limit )?exceed/i;
const RANGE = /block range|blocks range|range (?:is )?too (?:large|wide|big)|range limit|range \d+ (?:exceeds|is bigger)|exceeds? (?:the )?(?:max(?:imum)? )?(?:block )?range|limited to (?:a )?[\d,]+ (?:block )?range|more than [\d,]+ blocks|too many blocks|maxblockrange|ranges? over [\d,]+ blocks/i;
const RATE = /rate|per second|daily|credits|capacity|throughput/i;
/** A range the provider suggests: `[0x10, 0x2f]`. */
const SUGGESTED = /\[\s*(0x[0-9a-f]+)\s*,\s*(0x[0-9a-f]+)\s*\]/i;
/** A span limit the provider names: `limit of 10000`, `range limit 2000`, `limited to a 10,000 range`, `max block range = 5000`. */
const NAMED_LIMIT = /(?:limit of|range limit|limited to(?: a)?|max(?:imum)? block range\s*[:=]?)\s*(\d[\d,]*)/i;

/** What one link of an error chain says about itself. */
interface Said {
  code?: number;
  status?: number;
  text: string;
}

/** Every link of an error's `cause` chain, as code, HTTP status and text (viem wraps a node's answer a few levels deep). */
function chainOf(error: unknown): Said[] {
  const links: Said[] = [];
  for (let link = error, depth = 0; link !== undefined && link !== null && depth < 8; depth++) {
    if (typeof link !== "object") {
      links.push({ text: String(link) });
      break;
    }
    const { code, status, message, details, data, cause } = link as Record<string, unknown>;
    const text = [message, details, typeof data === "string" ? data : safeJson(data)].filter((part) => typeof part === "string").join(" ");
    links.push({ ...(typeof code === "number" ? { code } : {}), ...(typeof status === "number" ? { status } : {}), text });
    link = cause;
  }
  return links;
}

function safeJson(value: unknown): string | undefined {
  if (value === undefined) return undefined;
  try {
    return JSON.stringify(value, (_, v: unknown) => (typeof v === "bigint" ? v.toString() : v));
  } catch {
    return undefined;
  }
}

/** The span the provider said would work, in blocks, when its message says one. */
export function hintedSpan(text: string, kind: RefusalKind): bigint | undefined {
  const suggested = SUGGESTED.exec(text);
  if (suggested) {
    const span = BigInt(suggested[2]!) - BigInt(suggested[1]!) + 1n;
    return span > 0n ? span : undefined;
  }
  // A number next to "limit" bounds blocks only in a range refusal ("more than 10000 results" is a count of logs).
  const named = kind === "range" ? NAMED_LIMIT.exec(text) : null;
  if (named) {
    const span = BigInt(named[1]!.replaceAll(",", ""));
    return span > 0n ? span : undefined;
  }
  return undefined;
}

/**
 * Whether `error` is a provider refusing a log query as too wide or too large, and which kind;
 * `undefined` for anything else (no answer, a rate limit, a bad filter), which a scan must not
 * paper over by asking for less.
 *
 * @example
 * recogniseRefusal(new RpcRequestError({ body, error: { code: -32005, message: "query returned more than 10000 results" } }))
 * // { kind: "size" }
 */
export function recogniseRefusal(error: unknown): Refusal | undefined {
  const links = chainOf(error);
  const text = links.map((link) => link.text).join(" | ");
  if (RATE.test(text) && !SIZE.test(text) && !RANGE.test(text)) return undefined;
  const kind: RefusalKind | undefined = SIZE.test(text)
    ? "size"
    : RANGE.test(text)
      ? "range"
      : links.some((link) => link.code === LIMIT_EXCEEDED || link.status === PAYLOAD_TOO_LARGE)
        ? "size"
        : undefined;
  if (kind === undefined) return undefined;
  const hint = hintedSpan(text, kind);
  return hint === undefined ? { kind } : { kind, hint };
}
