import type { Metadata } from "next";
import type { ReactNode } from "react";

import { SiteHeader } from "@/components/site-header.tsx";

import "./globals.css";

export const metadata: Metadata = {
  title: {
    default: "Superchain Governance",
    template: "%s · Superchain Governance",
  },
  description:
    "Member chains of a superchain govern their shared sequencer: token voting, a Security Council Safe, and a sequencer that obeys on-chain configuration.",
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body className="min-h-dvh">
        <SiteHeader />
        <main className="mx-auto max-w-5xl space-y-8 px-6 py-10">{children}</main>
      </body>
    </html>
  );
}
