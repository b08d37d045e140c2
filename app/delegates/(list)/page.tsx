import type { Metadata } from "next";

import { DelegatesTable } from "@/components/delegates/delegates-table.tsx";
import { MyDelegation } from "@/components/delegates/my-delegation.tsx";
import { DevnetUnavailable } from "@/components/devnet-unavailable.tsx";
import { loadDelegates } from "@/lib/web/delegates/loadDelegates.ts";
import { parsePage } from "@/lib/web/delegates/ranking.ts";
import { getDeployment, isUnavailable } from "@/lib/web/server/deployment.ts";

export const metadata: Metadata = { title: "Delegates" };

function Intro() {
  return (
    <section className="space-y-2">
      <h1 className="text-3xl font-semibold tracking-tight">Delegates</h1>
      <p className="max-w-3xl text-muted">
        Tokens vote only once delegated, to someone else or to yourself. Delegation moves voting power, never the tokens, and you can change it at any time.
      </p>
    </section>
  );
}

export default async function DelegatesPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const [deployment, { page }] = await Promise.all([getDeployment(), searchParams]);
  if (isUnavailable(deployment)) {
    return (
      <>
        <Intro />
        <DevnetUnavailable reason={deployment.reason} path={deployment.path} />
      </>
    );
  }
  const overview = await loadDelegates(deployment, { page: parsePage(page) });
  return (
    <>
      <Intro />
      <MyDelegation hubChainId={overview.hubChainId} token={overview.token} />
      <DelegatesTable overview={overview} />
    </>
  );
}
