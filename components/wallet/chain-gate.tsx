"use client";

import type { ReactNode } from "react";
import { useConnection, useSwitchChain } from "wagmi";

import { useRequiredDeployment } from "@/components/deployment-context.tsx";
import { explainError } from "@/lib/web/errors.ts";

/**
 * Renders its children only when a wallet is connected to `chainId`; otherwise says what is
 * missing and offers to connect or to switch networks.
 */
export function ChainGate({ chainId, action, children }: { chainId: number; action: string; children: ReactNode }) {
  const connection = useConnection();
  const switchChain = useSwitchChain();
  const deployment = useRequiredDeployment();
  const chain = [deployment.hub, ...deployment.members].find((c) => c.chainId === chainId);
  const name = chain ? `${chain.name} (chain ${chainId})` : `chain ${chainId}`;

  if (connection.status !== "connected") {
    return <p className="rounded-md border border-line bg-surface px-3 py-2 text-sm text-muted">Connect a wallet to {action}.</p>;
  }
  if (connection.chainId !== chainId) {
    return (
      <div role="alert" className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900">
        <p>
          Your wallet is on chain {connection.chainId}. To {action}, switch to {name}.
        </p>
        <button type="button" className="btn-primary mt-2" disabled={switchChain.isPending} onClick={() => switchChain.mutate({ chainId })}>
          {switchChain.isPending ? "Switching…" : `Switch to ${chain?.name ?? `chain ${chainId}`}`}
        </button>
        {switchChain.error && <p className="mt-1 text-red-700">{explainError(switchChain.error).sentence}</p>}
      </div>
    );
  }
  return <>{children}</>;
}
