import { getCrosschainCall } from "@/lib/web/proposals/crosschainHttp.ts";

export const dynamic = "force-dynamic";

/** `learnProposal` for a member chain, proven on the server (see `getCrosschainCall`). */
export function GET(request: Request): Promise<Response> {
  return getCrosschainCall("learn", request);
}
