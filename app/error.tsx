"use client";

import { PageError } from "@/components/chains/page-error.tsx";
import { errorDigest } from "@/lib/web/errorDigest.ts";

/** Any page whose chain reads failed: what happened in words, and a retry. */
export default function ErrorPage({ error, retry }: { error: unknown; retry: () => void }) {
  return <PageError title="Could not load this page" digest={errorDigest(error)} onRetry={retry} />;
}
