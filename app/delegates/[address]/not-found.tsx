import Link from "next/link";

/** An address that is malformed, or that has no record as a delegate on any chain. */
export default function DelegateNotFound() {
  return (
    <section className="space-y-3">
      <p className="text-sm font-medium text-accent">404</p>
      <h1 className="text-2xl font-semibold tracking-tight">Delegate not found</h1>
      <p className="text-muted">
        This is not an address, or nobody has ever delegated to it, and it has never voted, proposed or published a statement, on the hub or any member chain.
      </p>
      <Link href="/delegates" className="inline-block text-sm font-medium text-accent hover:underline">
        Back to all delegates
      </Link>
    </section>
  );
}
