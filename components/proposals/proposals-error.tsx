"use client";

import { useEffect } from "react";

import { errorDigest } from "@/lib/web/errorDigest.ts";

/** Shown when reading proposals failed; server errors arrive without details, only a digest. */
export function ProposalsError({ error, retry }: { error: unknown; retry: () => void }) {
  useEffect(() => {
    console.error(error);
  }, [error]);
  const digest = errorDigest(error);
  return (
    <section role="alert" className="card space-y-2 border-red-300 bg-red-50 text-sm text-red-900">
      <h1 className="text-lg font-semibold">Could not load proposals</h1>
      <p>The hub chain did not answer as expected. Check that the devnet (or the RPC in the deployment manifest) is running, then try again.</p>
      {digest && <p className="font-mono text-xs">Error reference: {digest}</p>}
      <button type="button" className="btn-secondary" onClick={() => retry()}>
        Try again
      </button>
    </section>
  );
}
