import type { Route } from "next";
import Link from "next/link";

/** A link to the proposal that scheduled a change; long ids are shortened in the text only. */
export function ProposalLink({ proposalId }: { proposalId: bigint }) {
  const text = proposalId.toString();
  return (
    <Link href={`/proposals/${text}` as Route} className="font-medium text-accent hover:underline" title={`Proposal ${text}`}>
      proposal {text.length > 14 ? `${text.slice(0, 6)}…${text.slice(-6)}` : text}
    </Link>
  );
}
