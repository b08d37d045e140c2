import { getConfirmations, postConfirmation } from "@/lib/web/council/transactionService/http.ts";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ chainId: string; safeTxHash: string }> };

export async function GET(request: Request, { params }: Context) {
  return getConfirmations(request, await params);
}

export async function POST(request: Request, { params }: Context) {
  return postConfirmation(request, await params);
}
