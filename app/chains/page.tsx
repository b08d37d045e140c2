import type { Metadata } from "next";
import { Suspense } from "react";

import { ChainsTable } from "@/components/chains/chains-table.tsx";
import { SequencerUnreachable } from "@/components/chains/sequencer-unreachable.tsx";
import { PageSkeleton } from "@/components/chains/skeleton.tsx";
import { DevnetUnavailable } from "@/components/devnet-unavailable.tsx";
import { readChainSummaries } from "@/lib/web/chains/readChainSummaries.ts";
import { getDeployment, isUnavailable, type Deployment } from "@/lib/web/server/deployment.ts";

export const metadata: Metadata = { title: "Chains" };

/** The chain table, streamed in behind a skeleton. */
async function ChainList({ deployment }: { deployment: Deployment }) {
  const data = await readChainSummaries(deployment, { commitments: true });
  return (
    <>
      {!data.sequencer.reachable && <SequencerUnreachable url={data.sequencer.url} reason={data.sequencer.reason} />}
      {data.chains.length === 0 ? (
        <p className="text-sm text-muted">The deployment lists no member chains.</p>
      ) : (
        <ChainsTable chains={data.chains} commitmentsAvailable={data.commitmentsAvailable} labelledBy="chains-title" />
      )}
    </>
  );
}

export default async function ChainsPage() {
  const deployment = await getDeployment();
  return (
    <section className="space-y-6">
      <div className="space-y-1">
        <h1 id="chains-title" className="text-2xl font-semibold tracking-tight">
          Member chains
        </h1>
        <p className="text-sm text-muted">What governance has in force for each chain, and whether the shared sequencer runs exactly that.</p>
      </div>
      {isUnavailable(deployment) ? (
        <DevnetUnavailable reason={deployment.reason} path={deployment.path} />
      ) : (
        <Suspense fallback={<PageSkeleton label="Loading member chains…" blocks={1} />}>
          <ChainList deployment={deployment} />
        </Suspense>
      )}
    </section>
  );
}
