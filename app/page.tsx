import { Suspense } from "react";

import { PageSkeleton } from "@/components/chains/skeleton.tsx";
import { DevnetUnavailable } from "@/components/devnet-unavailable.tsx";
import { ActiveProposals } from "@/components/overview/active-proposals.tsx";
import { Dashboard } from "@/components/overview/dashboard.tsx";
import { OverviewIntro } from "@/components/overview/overview-intro.tsx";
import { readOverview } from "@/lib/web/overview/readOverview.ts";
import { activeProposals } from "@/lib/web/proposals/list.ts";
import { getDeployment, isUnavailable, type Deployment } from "@/lib/web/server/deployment.ts";

/** Reads the dashboard; streamed in behind a skeleton so the page shell never waits for the chains. */
async function OverviewData({ deployment }: { deployment: Deployment }) {
  const [overview, active] = await Promise.all([readOverview(deployment), activeProposals(deployment, 5)]);
  const proposals = active.proposals.map((p) => ({ id: p.id, title: p.title, endsAt: p.deadline }));
  return <Dashboard overview={overview} proposals={<ActiveProposals proposals={proposals} now={active.now} />} />;
}

export default async function OverviewPage() {
  const deployment = await getDeployment();
  return (
    <>
      <OverviewIntro />
      {isUnavailable(deployment) ? (
        <DevnetUnavailable reason={deployment.reason} path={deployment.path} />
      ) : (
        <Suspense fallback={<PageSkeleton label="Loading the member chains…" />}>
          <OverviewData deployment={deployment} />
        </Suspense>
      )}
    </>
  );
}
