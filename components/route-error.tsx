"use client";

import { errorDigest } from "@/lib/web/errorDigest.ts";

/**
 * What an `error.tsx` boundary shows: the page's heading, what could not load, the error's digest
 * (to find it in the server log; production hides server messages) and a retry.
 */
export function RouteError({ title, what, error, retry }: { title: string; what: string; error: unknown; retry: () => void }) {
  const digest = errorDigest(error);
  return (
    <section className="space-y-4">
      <h1 className="text-3xl font-semibold tracking-tight">{title}</h1>
      <div role="alert" className="card border-red-300 bg-red-50 text-sm text-red-900">
        <h2 className="font-semibold">Could not load {what}</h2>
        <p className="mt-1">The chain did not answer as expected. Check that the devnet is running, then try again.</p>
        {digest && <p className="mt-1 font-mono text-xs">Reference: {digest}</p>}
        <button type="button" className="btn-secondary mt-3" onClick={() => retry()}>
          Try again
        </button>
      </div>
    </section>
  );
}
