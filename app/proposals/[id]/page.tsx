import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";

import { DevnetUnavailable } from "@/components/devnet-unavailable.tsx";
import { ProposalDetailView } from "@/components/proposals/proposal-detail.tsx";
import { getProposal } from "@/lib/web/proposals/detail.ts";
import { parseProposalId } from "@/lib/web/proposals/params.ts";
import { getDeployment, isUnavailable } from "@/lib/web/server/deployment.ts";

type Props = { params: Promise<{ id: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { id } = await params;
  return { title: `Proposal ${id.length > 14 ? `${id.slice(0, 6)}…${id.slice(-6)}` : id}` };
}

export default async function ProposalPage({ params }: Props) {
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
  const proposal = await getProposal(deployment, id);
  if (!proposal) notFound();
  return (
    <>
      <Link href="/proposals" className="text-sm font-medium text-accent hover:underline">
        ← All proposals
      </Link>
      <ProposalDetailView proposal={proposal} />
    </>
  );
}
