import { getCrosschainCall } from "@/lib/web/proposals/crosschainHttp.ts";

export const dynamic = "force-dynamic";

/** `relayTally` of a member chain's committed tally, proven on the server (see `getCrosschainCall`). */
export function GET(request: Request): Promise<Response> {
  return getCrosschainCall("relay", request);
}
