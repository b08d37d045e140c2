import { getBridgePrepare } from "@/lib/web/bridge/prepareHttp.ts";

export const dynamic = "force-dynamic";

/** The finalization call of one bridge transfer, proven on the server (see `getBridgePrepare`). */
export function GET(request: Request): Promise<Response> {
  return getBridgePrepare(request);
}
