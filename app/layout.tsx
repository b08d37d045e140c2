import type { Metadata } from "next";
import type { ReactNode } from "react";

import { SiteHeader } from "@/components/site-header.tsx";
import { getDeployment, isUnavailable } from "@/lib/web/server/deployment.ts";

import { Providers } from "./providers.tsx";
import "./globals.css";

/** Every page shows live chain state: render per request, never at build time. */
export const dynamic = "force-dynamic";

export const metadata: Metadata = {
  title: {
    default: "Superchain Governance",
    template: "%s · Superchain Governance",
  },
  description:
    "Member chains of a superchain govern their shared sequencer: token voting, a Security Council Safe, and a sequencer that obeys on-chain configuration.",
  alternates: { types: { "application/atom+xml": [{ url: "/feed.xml", title: "Superchain Governance" }] } },
};

// Keyed by the deployment: a restarted devnet (new contracts, same chain ids) gets a fresh
// wallet configuration and query cache instead of the previous deployment's.
export default async function RootLayout({ children }: { children: ReactNode }) {
  const deployment = await getDeployment();
  const publicDeployment = isUnavailable(deployment) ? null : deployment.public;
  return (
    <html lang="en">
      <body className="min-h-dvh">
        <Providers key={publicDeployment?.id ?? "none"} deployment={publicDeployment}>
          <SiteHeader walletEnabled={publicDeployment !== null} />
          <main className="mx-auto max-w-5xl space-y-8 px-4 py-8 sm:px-6 sm:py-10">{children}</main>
        </Providers>
      </body>
    </html>
  );
}
