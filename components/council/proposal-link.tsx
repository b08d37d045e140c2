import Link from "next/link";

import { shortProposalId } from "@/lib/web/format.ts";
import { proposalHref } from "@/lib/web/proposals/params.ts";

/** A link to the proposal that scheduled a change; long ids are shortened in the text only. */
export function ProposalLink({ proposalId }: { proposalId: bigint }) {
  const text = proposalId.toString();
  return (
    <Link href={proposalHref(text)} className="font-medium text-accent hover:underline" title={`Proposal ${text}`}>
      proposal {shortProposalId(text)}
    </Link>
  );
}
