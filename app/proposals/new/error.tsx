"use client";

import { RouteError } from "@/components/route-error.tsx";

/** The form could not load (e.g. the hub node stopped answering). */
export default function NewProposalError({ error, retry }: { error: unknown; retry: () => void }) {
  return <RouteError title="New proposal" what="the proposal form" error={error} retry={retry} />;
}
