"use client";

import { createContext, useContext, type ReactNode } from "react";

import type { PublicDeployment } from "@/lib/web/deployment.ts";

const DeploymentContext = createContext<PublicDeployment | null>(null);

export function DeploymentProvider({ deployment, children }: { deployment: PublicDeployment | null; children: ReactNode }) {
  return <DeploymentContext.Provider value={deployment}>{children}</DeploymentContext.Provider>;
}

/** The deployment the page shows; null when no devnet or manifest is available yet. */
export function useDeployment(): PublicDeployment | null {
  return useContext(DeploymentContext);
}

/** The deployment, for components only rendered when one exists. */
export function useRequiredDeployment(): PublicDeployment {
  const deployment = useContext(DeploymentContext);
  if (!deployment) throw new Error("useRequiredDeployment: no deployment (render this only when the manifest loaded)");
  return deployment;
}
