"use client";

import { PageError } from "@/components/chains/page-error.tsx";

/** Any page whose chain reads failed: what happened in words, and a retry. */
export default function ErrorPage({ error, retry }: { error: unknown; retry: () => void }) {
  const digest = error instanceof Error && "digest" in error && typeof error.digest === "string" ? error.digest : undefined;
  return <PageError title="Could not load this page" digest={digest} onRetry={retry} />;
}
