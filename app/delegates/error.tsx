"use client";

import { RouteError } from "@/components/route-error.tsx";

/** The delegates could not be read (e.g. the hub node stopped answering). */
export default function DelegatesError({ error, retry }: { error: unknown; retry: () => void }) {
  return <RouteError title="Delegates" what="the delegates" error={error} retry={retry} />;
}
