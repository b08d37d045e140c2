import { keccak256, toBytes } from "viem";

import { deploymentKey } from "../server/logCache.ts";
import { getDeployment, isUnavailable } from "../server/deployment.ts";
import { renderAtomFeed, stableUrn } from "./atom.ts";
import { toAtomEntry } from "./events.ts";
import { readFeedEvents } from "./read.ts";

/** The app's public URL, for absolute links where the request's own host cannot be trusted (behind a proxy). */
export const PUBLIC_URL_ENV = "SUPERCHAIN_PUBLIC_URL";

/** `SUPERCHAIN_PUBLIC_URL` is set but is not an http(s) URL without credentials, query or fragment. */
export class PublicUrlError extends Error {
  override name = "PublicUrlError";
}

/** A usable origin-and-path prefix, or undefined: http(s) only, no credentials, no query or fragment. */
function baseOf(url: URL): string | undefined {
  if (url.protocol !== "http:" && url.protocol !== "https:") return undefined;
  if (url.username || url.password || url.search || url.hash) return undefined;
  return `${url.origin}${url.pathname}`.replace(/\/+$/, "");
}

/**
 * Where the feed's links point: `SUPERCHAIN_PUBLIC_URL` (a path prefix is kept, a trailing slash
 * dropped), else the origin the request reached (validated `Host` and `X-Forwarded-Proto`), so a
 * feed read through any host links back to that host.
 *
 * @throws {PublicUrlError} when the variable is set to something that is not an http(s) base URL.
 * @example
 * publicBaseUrl(new Request("http://127.0.0.1:3000/feed.xml"), { SUPERCHAIN_PUBLIC_URL: "https://gov.example/" }) // "https://gov.example"
 */
export function publicBaseUrl(request: Request, env: Readonly<Record<string, string | undefined>> = process.env): string {
  const configured = env[PUBLIC_URL_ENV]?.trim();
  if (configured) {
    const parsed = URL.canParse(configured) ? baseOf(new URL(configured)) : undefined;
    if (parsed === undefined) throw new PublicUrlError(`${PUBLIC_URL_ENV} must be an http(s) URL without credentials, query or fragment (got ${JSON.stringify(configured)}).`);
    return parsed;
  }
  return requestOrigin(request);
}

/** A `Host` header that is only a host name or IP literal and an optional port: nothing else ends up in links. */
const HOST = /^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*|\[[0-9a-f:.]+\])(?::\d{1,5})?$/i;

/**
 * The origin the client reached: its `Host` header (Next's `request.url` names the host it listens
 * as, e.g. `localhost`, not the one asked for) with the scheme a proxy reports in
 * `X-Forwarded-Proto`, each used only when well-formed; else `request.url`'s origin.
 */
function requestOrigin(request: Request): string {
  const url = new URL(request.url);
  const host = request.headers.get("host") ?? "";
  const forwarded = request.headers.get("x-forwarded-proto")?.split(",")[0]?.trim().toLowerCase();
  const scheme = forwarded === "http" || forwarded === "https" ? forwarded : url.protocol.slice(0, -1);
  return HOST.test(host) ? `${scheme}://${host.toLowerCase()}` : url.origin;
}

const FEED_HEADERS = {
  "content-type": "application/atom+xml; charset=utf-8",
  // Feed readers poll; a minute of staleness costs nobody anything and spares the nodes.
  "cache-control": "public, max-age=60, stale-while-revalidate=300",
  "x-content-type-options": "nosniff",
};

/**
 * `GET /feed.xml`: the deployment's governance as an Atom 1.0 feed, newest 100 events, with an
 * ETag (304 to a matching `If-None-Match`). Query parameters are ignored. Links come from {@link publicBaseUrl}; when that is the request's own
 * origin the answer varies by `Host`, so a shared cache never serves one host's links to another.
 */
export async function getFeed(request: Request): Promise<Response> {
  let baseUrl: string;
  try {
    baseUrl = publicBaseUrl(request);
  } catch (error) {
    if (!(error instanceof PublicUrlError)) throw error;
    console.error(error.message);
    return Response.json({ error: { code: "misconfigured", message: error.message } }, { status: 500 });
  }
  const deployment = await getDeployment();
  if (isUnavailable(deployment)) return Response.json({ error: { code: "unavailable", message: deployment.reason } }, { status: 503 });
  let events;
  try {
    events = await readFeedEvents(deployment);
  } catch (error) {
    console.error("feed: reading the chains failed", error);
    return Response.json({ error: { code: "chain_unreachable", message: `Could not read the hub (chain ${deployment.manifest.hub.chainId}).` } }, { status: 503 });
  }
  const { manifest } = deployment;
  const scope = `${deploymentKey(manifest)}:${manifest.contracts.governor}`;
  const entries = events.map((event) => toAtomEntry(event, { baseUrl, scope }));
  const body = renderAtomFeed({
    id: stableUrn(`${scope}:feed`),
    title: `Superchain Governance (${manifest.network})`,
    subtitle: "New proposals, their outcomes, changes awaiting the council and activations on the shared sequencer.",
    updated: entries[0]?.updated ?? BigInt(Math.floor(Date.parse(manifest.createdAt) / 1000) || 0),
    selfUrl: `${baseUrl}/feed.xml`,
    alternateUrl: `${baseUrl}/`,
    author: "Superchain Governance",
    entries,
  });
  const vary = process.env[PUBLIC_URL_ENV]?.trim() ? {} : { vary: "Host" };
  // Feed readers poll with If-None-Match: an unchanged feed costs them a 304 and no body.
  const etag = `"${keccak256(toBytes(body)).slice(2, 34)}"`;
  const headers = { ...FEED_HEADERS, ...vary, etag };
  if (matchesEtag(request.headers.get("if-none-match"), etag)) return new Response(null, { status: 304, headers });
  return new Response(body, { status: 200, headers });
}

/** RFC 9110 §13.1.2: `*`, or any listed tag equal to ours by weak comparison. */
function matchesEtag(header: string | null, etag: string): boolean {
  if (!header) return false;
  return header.split(",").some((tag) => {
    const trimmed = tag.trim();
    return trimmed === "*" || trimmed.replace(/^W\//, "") === etag;
  });
}
