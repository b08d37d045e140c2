import { getDelegateStatement, putDelegateStatement } from "@/lib/web/server/statements.ts";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ address: string }> };

export async function GET(_request: Request, { params }: Context): Promise<Response> {
  return getDelegateStatement((await params).address);
}

export async function PUT(request: Request, { params }: Context): Promise<Response> {
  return putDelegateStatement(request, (await params).address);
}

export const POST = PUT;
