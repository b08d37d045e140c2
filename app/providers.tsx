"use client";

import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { useState, type ReactNode } from "react";
import { WagmiProvider } from "wagmi";

import { DeploymentProvider } from "@/components/deployment-context.tsx";
import type { PublicDeployment } from "@/lib/web/deployment.ts";
import { createWagmiConfig } from "@/lib/web/wagmi.ts";

/** Client-side context: the deployment, wagmi (wallets via EIP-6963) and the query cache. */
export function Providers({ deployment, children }: { deployment: PublicDeployment | null; children: ReactNode }) {
  const [queryClient] = useState(() => new QueryClient({ defaultOptions: { queries: { staleTime: 2_000, retry: 1 } } }));
  const [config] = useState(() =>
    deployment ? createWagmiConfig(deployment, typeof window === "undefined" ? "http://127.0.0.1" : window.location.origin) : null,
  );
  const content = (
    <QueryClientProvider client={queryClient}>
      <DeploymentProvider deployment={deployment}>{children}</DeploymentProvider>
    </QueryClientProvider>
  );
  return config ? <WagmiProvider config={config}>{content}</WagmiProvider> : content;
}
