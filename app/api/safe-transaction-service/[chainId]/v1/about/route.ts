import { getServiceInfo } from "@/lib/web/council/transactionService/http.ts";

export const dynamic = "force-dynamic";

export async function GET(_request: Request, { params }: { params: Promise<{ chainId: string }> }) {
  return getServiceInfo(await params);
}
