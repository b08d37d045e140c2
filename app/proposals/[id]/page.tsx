import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { Suspense } from "react";

import { DevnetUnavailable } from "@/components/devnet-unavailable.tsx";
import { ProposalDetailView } from "@/components/proposals/proposal-detail.tsx";
import { ProposalDetailSkeleton } from "@/components/proposals/skeletons.tsx";
import { VoteList } from "@/components/votes/vote-list.tsx";
import { locateProposal, readProposalDetail, type LocatedProposal } from "@/lib/web/proposals/detail.ts";
import { shortProposalId } from "@/lib/web/format.ts";
import { parseProposalId } from "@/lib/web/proposals/params.ts";
import { getDeployment, isUnavailable, type Deployment } from "@/lib/web/server/deployment.ts";
import { readProposalVotes } from "@/lib/web/server/proposalVotes.ts";

type Search = Record<string, string | string[] | undefined>;
type Props = { params: Promise<{ id: string }>; searchParams: Promise<Search> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { id } = await params;
  return { title: `Proposal ${shortProposalId(id)}` };
}

/** The proposal's votes, actions and timeline, streamed in behind a skeleton once it is known to exist. */
async function ProposalData({ deployment, located, search }: { deployment: Deployment; located: LocatedProposal; search: Search }) {
  const [proposal, votes] = await Promise.all([readProposalDetail(deployment, located), readProposalVotes(deployment, located, search)]);
  return <ProposalDetailView proposal={proposal} voteList={<VoteList view={votes} token={proposal.token} />} />;
}

export default async function ProposalPage({ params, searchParams }: Props) {
  const id = parseProposalId((await params).id);
  if (id === undefined) notFound();
  const deployment = await getDeployment();
  if (isUnavailable(deployment)) {
    return (
      <>
        <h1 className="text-2xl font-semibold tracking-tight">Proposal</h1>
        <DevnetUnavailable reason={deployment.reason} path={deployment.path} />
      </>
    );
  }
  // Decided before anything streams, so an unknown id answers HTTP 404, not a 200 with a not-found body.
  const located = await locateProposal(deployment, id);
  if (!located) notFound();
  return (
    <>
      <Link href="/proposals" className="text-sm font-medium text-accent hover:underline">
        ← All proposals
      </Link>
      <Suspense fallback={<ProposalDetailSkeleton />}>
        <ProposalData deployment={deployment} located={located} search={await searchParams} />
      </Suspense>
    </>
  );
}
