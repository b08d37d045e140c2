import { postRelayedDelegation, relayMethodNotAllowed } from "@/lib/web/server/relay/http.ts";

export const dynamic = "force-dynamic";

/** A signed delegation, sent on the holder's behalf by the app's relayer (see `postRelayedDelegation`). */
export function POST(request: Request): Promise<Response> {
  return postRelayedDelegation(request);
}

export const GET = relayMethodNotAllowed;
