"use client";

import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { useState, type ReactNode } from "react";
import { WagmiProvider } from "wagmi";

import { DeploymentProvider } from "@/components/deployment-context.tsx";
import type { PublicDeployment } from "@/lib/web/deployment.ts";
import { createWagmiConfig, isFramed, safeAppConnector } from "@/lib/web/wagmi.ts";

/** Client-side context: the deployment, wagmi (wallets via EIP-6963, the Safe when framed by Safe{Wallet}) and the query cache. */
export function Providers({ deployment, children }: { deployment: PublicDeployment | null; children: ReactNode }) {
  const [queryClient] = useState(() => new QueryClient({ defaultOptions: { queries: { staleTime: 2_000, retry: 1 } } }));
  const [config] = useState(() =>
    deployment
      ? createWagmiConfig(
          deployment,
          typeof window === "undefined" ? "http://127.0.0.1" : window.location.origin,
          // Framed: Safe{Wallet} may be the parent (the app is then the Safe, see lib/web/safeApp.ts).
          isFramed() ? [safeAppConnector()] : [],
        )
      : null,
  );
  const content = (
    <QueryClientProvider client={queryClient}>
      <DeploymentProvider deployment={deployment}>{children}</DeploymentProvider>
    </QueryClientProvider>
  );
  return config ? <WagmiProvider config={config}>{content}</WagmiProvider> : content;
}
