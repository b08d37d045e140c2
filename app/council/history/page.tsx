import type { Metadata } from "next";
import Link from "next/link";

import { CouncilHistory } from "@/components/council/council-history.tsx";
import { HISTORY_PAGE_SIZE, HistoryPages } from "@/components/council/history-links.tsx";
import { DevnetUnavailable } from "@/components/devnet-unavailable.tsx";
import { parsePage } from "@/lib/web/delegates/ranking.ts";
import { readCouncilHistory } from "@/lib/web/server/councilHistory.ts";
import { getDeployment, isUnavailable } from "@/lib/web/server/deployment.ts";

export const metadata: Metadata = { title: "Council history" };

export default async function CouncilHistoryPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const [deployment, { page: raw }] = await Promise.all([getDeployment(), searchParams]);
  const back = (
    <p className="text-sm">
      <Link href="/council" className="underline underline-offset-2">
        ← Security Council
      </Link>
    </p>
  );
  if (isUnavailable(deployment)) {
    return (
      <>
        {back}
        <h1 className="text-2xl font-semibold tracking-tight">History</h1>
        <DevnetUnavailable reason={deployment.reason} path={deployment.path} />
      </>
    );
  }
  const page = parsePage(raw);
  const history = await readCouncilHistory(deployment, { offset: (page - 1) * HISTORY_PAGE_SIZE, limit: HISTORY_PAGE_SIZE });
  return (
    <>
      {back}
      <CouncilHistory {...history} headingLevel={1} footer={<HistoryPages page={page} pageCount={Math.ceil(history.total / HISTORY_PAGE_SIZE)} />} />
    </>
  );
}
