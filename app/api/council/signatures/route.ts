import { getCouncilSignatures, postCouncilSignature } from "@/lib/web/council/http.ts";

export const dynamic = "force-dynamic";

export function GET(request: Request): Promise<Response> {
  return getCouncilSignatures(request);
}

export function POST(request: Request): Promise<Response> {
  return postCouncilSignature(request);
}
