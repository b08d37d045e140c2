"use client";

import { RouteError } from "@/components/route-error.tsx";

/** The bridge could not be read (e.g. the hub or the member chain stopped answering). */
export default function BridgeError({ error, retry }: { error: unknown; retry: () => void }) {
  return <RouteError title="Bridge" what="the bridge" error={error} retry={retry} />;
}
