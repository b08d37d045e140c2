import Link from "next/link";

/** An id that is malformed or that the governor does not know. */
export default function ProposalNotFound() {
  return (
    <section className="space-y-3">
      <p className="text-sm font-medium text-accent">404</p>
      <h1 className="text-2xl font-semibold tracking-tight">Proposal not found</h1>
      <p className="text-muted">The governor has no proposal with this id. Proposal ids are the long decimal numbers shown in the list.</p>
      <Link href="/proposals" className="inline-block text-sm font-medium text-accent hover:underline">
        Back to all proposals
      </Link>
    </section>
  );
}
