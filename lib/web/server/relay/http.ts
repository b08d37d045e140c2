import type { z } from "zod";

import { RELAY_BODY_LIMIT, relayDelegationRequestSchema, relayVoteRequestSchema, type RelayAcceptedJson } from "../../relay/wire.ts";
import { getDeployment, isUnavailable, type Deployment } from "../deployment.ts";
import { readJsonBody } from "../readBody.ts";
import { prepareRelayedDelegation } from "./delegations.ts";
import { RelayApiError } from "./errors.ts";
import { createRateLimiter, RELAY_RATE_LIMIT, type RateLimiter } from "./rateLimit.ts";
import { getRelayer, relayConfigured, type Relayer } from "./relayer.ts";
import { sendRelayed, type RelayCall } from "./send.ts";
import { prepareRelayedVote } from "./votes.ts";

const defaultLimiter = createRateLimiter(RELAY_RATE_LIMIT);

/** What a relay route can be given instead of its defaults (tests). */
export interface RelayRouteOptions {
  limiter?: RateLimiter;
  env?: Readonly<Record<string, string | undefined>>;
}

/**
 * The client's address for rate limits: the first `X-Forwarded-For` hop, which Next's server sets
 * from the socket (a proxy in front must set it too), else one shared bucket.
 */
function clientKey(request: Request): string {
  const forwarded = request.headers.get("x-forwarded-for")?.split(",")[0]?.trim();
  return `client:${forwarded || "unknown"}`;
}

async function parseBody<schema extends z.ZodType>(request: Request, schema: schema): Promise<z.output<schema>> {
  const json = await readJsonBody(request, RELAY_BODY_LIMIT, (code, message) => new RelayApiError(code, message));
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new RelayApiError("malformed", `${issue.path.join(".") || "body"}: ${issue.message}`);
  }
  return parsed.data;
}

async function relayer(deployment: Deployment, env: RelayRouteOptions["env"]): Promise<Relayer> {
  if (!relayConfigured(deployment.manifest, env)) {
    throw new RelayApiError("relay_disabled", "This app relays nothing: it has no relayer key. Send the transaction yourself, paying the gas.");
  }
  try {
    return await getRelayer(deployment.manifest, env);
  } catch (cause) {
    console.error("the relayer key did not load", cause);
    throw new RelayApiError("relay_disabled", "The app's relayer key did not load; its operator must fix it. Send the transaction yourself, paying the gas.", { cause });
  }
}

/**
 * One relay request: the deployment, the body, the rate limit (per client and per signer), the
 * chain's checks, then the transaction. 202 `{ chainId, hash, relayer }` once the node has it.
 */
async function relay<schema extends z.ZodType>(
  request: Request,
  schema: schema,
  signer: (body: z.output<schema>) => string,
  prepare: (deployment: Deployment, body: z.output<schema>) => Promise<RelayCall>,
  { limiter = defaultLimiter, env = process.env }: RelayRouteOptions,
): Promise<Response> {
  try {
    const deployment = await getDeployment();
    if (isUnavailable(deployment)) throw new RelayApiError("unavailable", deployment.reason);
    const body = await parseBody(request, schema);
    const allowed = limiter.take([clientKey(request), `signer:${signer(body).toLowerCase()}`]);
    if (!allowed.allowed) throw new RelayApiError("rate_limited", `Too many relay requests: try again in ${allowed.retryAfterSeconds} s, or send it yourself.`, { retryAfterSeconds: allowed.retryAfterSeconds });
    const account = await relayer(deployment, env);
    const call = await prepare(deployment, body);
    const hash = await sendRelayed(deployment.client(call.chainId), account, call);
    const answer: RelayAcceptedJson = { chainId: call.chainId, hash, relayer: account.account.address };
    return Response.json(answer, { status: 202, headers: { "cache-control": "no-store" } });
  } catch (error) {
    if (error instanceof RelayApiError) return error.toResponse();
    console.error("relay failed", error);
    return new RelayApiError("internal", "The relay failed; nothing was sent.").toResponse();
  }
}

/** `POST /api/relay/vote`: a signed ballot, cast by the app's relayer (see `prepareRelayedVote`). */
export function postRelayedVote(request: Request, options: RelayRouteOptions = {}): Promise<Response> {
  return relay(request, relayVoteRequestSchema, (body) => body.voter, prepareRelayedVote, options);
}

/** `POST /api/relay/delegate`: a signed delegation, sent by the app's relayer (see `prepareRelayedDelegation`). */
export function postRelayedDelegation(request: Request, options: RelayRouteOptions = {}): Promise<Response> {
  return relay(request, relayDelegationRequestSchema, (body) => body.delegator, prepareRelayedDelegation, options);
}

/** Any other method on a relay route. */
export function relayMethodNotAllowed(): Response {
  return new RelayApiError("method_not_allowed", "Relay routes take POST only.").toResponse();
}

