"use client";

import { RouteError } from "@/components/route-error.tsx";

/**
 * Reading the council failed (a chain unreachable, the store unavailable). `retry` runs the page's
 * reads again; `reset` would only re-render the failed result.
 */
export default function CouncilError({ error, retry }: { error: unknown; retry: () => void }) {
  return <RouteError title="Security Council" what="the council" error={error} retry={retry} />;
}
