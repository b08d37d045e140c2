import { getMultisigTransaction } from "@/lib/web/council/transactionService/http.ts";

export const dynamic = "force-dynamic";

export async function GET(_request: Request, { params }: { params: Promise<{ chainId: string; safeTxHash: string }> }) {
  return getMultisigTransaction(await params);
}
