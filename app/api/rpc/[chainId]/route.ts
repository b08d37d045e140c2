import { proxyJsonRpc } from "@/lib/web/server/rpcProxy.ts";

export const dynamic = "force-dynamic";

export async function POST(request: Request, { params }: { params: Promise<{ chainId: string }> }) {
  return proxyJsonRpc(request, (await params).chainId);
}
