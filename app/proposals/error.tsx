"use client";

import { ProposalsError } from "@/components/proposals/proposals-error.tsx";

/** The proposals could not be read (a node down, a bad answer): say so and offer a retry. */
export default function Error({ error, retry }: { error: unknown; retry: () => void }) {
  return <ProposalsError error={error} retry={retry} />;
}
