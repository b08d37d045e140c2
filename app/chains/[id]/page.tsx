import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { Suspense } from "react";

import { ChainDetailView } from "@/components/chains/chain-detail.tsx";
import { PageSkeleton } from "@/components/chains/skeleton.tsx";
import { DevnetUnavailable } from "@/components/devnet-unavailable.tsx";
import type { ChainEntry } from "@/lib/chains/index.ts";
import { readChainDetail } from "@/lib/web/chains/readChainDetail.ts";
import { memberFromParam } from "@/lib/web/chains/readChainSummaries.ts";
import { getDeployment, isUnavailable, type Deployment } from "@/lib/web/server/deployment.ts";

type Props = { params: Promise<{ id: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: `Chain ${(await params).id}` };
}

/** The chain's reads, streamed in behind a skeleton once the id is known to be a member's. */
async function ChainData({ deployment, member }: { deployment: Deployment; member: ChainEntry }) {
  return <ChainDetailView detail={await readChainDetail(deployment, member)} />;
}

export default async function ChainPage({ params }: Props) {
  const { id } = await params;
  const deployment = await getDeployment();
  if (isUnavailable(deployment)) {
    return (
      <section className="space-y-6">
        <h1 className="text-2xl font-semibold tracking-tight">Chain {id}</h1>
        <DevnetUnavailable reason={deployment.reason} path={deployment.path} />
      </section>
    );
  }
  // Decided before anything streams, so an unknown id answers HTTP 404, not a 200 with a not-found body.
  const member = memberFromParam(deployment.manifest, id);
  if (member === undefined) notFound();
  return (
    <Suspense fallback={<PageSkeleton label={`Loading ${member.name}…`} blocks={5} />}>
      <ChainData deployment={deployment} member={member} />
    </Suspense>
  );
}
