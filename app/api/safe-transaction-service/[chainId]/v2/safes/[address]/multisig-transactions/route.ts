import { listMultisigTransactions, proposeMultisigTransaction } from "@/lib/web/council/transactionService/http.ts";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ chainId: string; address: string }> };

export async function GET(request: Request, { params }: Context) {
  return listMultisigTransactions(request, await params);
}

export async function POST(request: Request, { params }: Context) {
  return proposeMultisigTransaction(request, await params);
}
