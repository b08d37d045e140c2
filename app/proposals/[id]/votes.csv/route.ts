import { getVotesCsv } from "@/lib/web/server/votesCsv.ts";

export const dynamic = "force-dynamic";

/** Every vote on the proposal the list's filters select, as CSV (see `getVotesCsv`). */
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  return getVotesCsv(request, (await params).id);
}
