import { postRelayedVote, relayMethodNotAllowed } from "@/lib/web/server/relay/http.ts";

export const dynamic = "force-dynamic";

/** A signed ballot, cast on the voter's behalf by the app's relayer (see `postRelayedVote`). */
export function POST(request: Request): Promise<Response> {
  return postRelayedVote(request);
}

export const GET = relayMethodNotAllowed;
