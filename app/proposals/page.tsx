import type { Metadata } from "next";
import { Suspense } from "react";

import { DevnetUnavailable } from "@/components/devnet-unavailable.tsx";
import { Pagination } from "@/components/pagination.tsx";
import { ProposalFilters } from "@/components/proposals/proposal-filters.tsx";
import { ProposalList } from "@/components/proposals/proposal-list.tsx";
import { ProposalListSkeleton } from "@/components/proposals/skeletons.tsx";
import { listProposals } from "@/lib/web/proposals/list.ts";
import { listHref, parseListParams, type ListParams } from "@/lib/web/proposals/params.ts";
import { getDeployment, isUnavailable, type Deployment } from "@/lib/web/server/deployment.ts";

export const metadata: Metadata = { title: "Proposals" };

/** One page of results, streamed in behind a skeleton (the filters render at once). */
async function ProposalResults({ deployment, params }: { deployment: Deployment; params: ListParams }) {
  const page = await listProposals(deployment, params);
  const filtered = params.state !== undefined || params.query !== undefined;
  return (
    <section aria-labelledby="results" className="space-y-3">
      <p id="results" className="text-sm text-muted" role="status">
        {filtered ? `${page.total} of ${page.count} proposals match` : `${page.count} proposals`}
      </p>
      <ProposalList proposals={page.proposals} now={page.now} token={page.token} filtered={filtered} />
      <Pagination page={page.page} pageCount={page.pageCount} href={(target) => listHref({ ...params, page: target })} />
    </section>
  );
}

export default async function ProposalsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = parseListParams(await searchParams);
  const deployment = await getDeployment();
  return (
    <>
      <header className="space-y-1">
        <h1 className="text-2xl font-semibold tracking-tight">Proposals</h1>
        <p className="text-sm text-muted">Every change to the shared sequencer starts here: voted on the hub and the member chains, then approved by the council.</p>
      </header>
      {isUnavailable(deployment) ? (
        <DevnetUnavailable reason={deployment.reason} path={deployment.path} />
      ) : (
        <>
          <ProposalFilters params={params} />
          {/* Keyed by the filters, so changing them shows the skeleton instead of stale rows. */}
          <Suspense key={JSON.stringify(params)} fallback={<ProposalListSkeleton />}>
            <ProposalResults deployment={deployment} params={params} />
          </Suspense>
        </>
      )}
    </>
  );
}
