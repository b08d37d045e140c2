"use client";

import { ProposalsError } from "@/components/proposals/proposals-error.tsx";

/** The proposal could not be read: say so and offer a retry. */
export default function Error({ error, retry }: { error: unknown; retry: () => void }) {
  return <ProposalsError error={error} retry={retry} />;
}
