import type { Metadata } from "next";

import { BridgeIntro } from "@/components/bridge/bridge-intro.tsx";
import { BridgePanel } from "@/components/bridge/bridge-panel.tsx";
import { ChainPicker } from "@/components/bridge/chain-picker.tsx";
import { DevnetUnavailable } from "@/components/devnet-unavailable.tsx";
import { loadBridge } from "@/lib/web/bridge/loadBridge.ts";
import { getDeployment, isUnavailable } from "@/lib/web/server/deployment.ts";

export const metadata: Metadata = { title: "Bridge" };

export default async function BridgePage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const [deployment, { chain }] = await Promise.all([getDeployment(), searchParams]);
  if (isUnavailable(deployment)) {
    return (
      <>
        <BridgeIntro />
        <DevnetUnavailable reason={deployment.reason} path={deployment.path} />
      </>
    );
  }
  const view = await loadBridge(deployment, { chain: Array.isArray(chain) ? chain[0] : chain });
  if (!view.selected || !view.outputOracle) {
    return (
      <>
        <BridgeIntro />
        <p className="card text-sm text-muted" data-testid="bridge-none">
          No member chain of this deployment has bridge contracts yet, so there is nothing to move tokens to. On a devnet, `superchain devnet up` deploys them.
        </p>
      </>
    );
  }
  return (
    <>
      <BridgeIntro />
      <ChainPicker chains={view.chains} selected={view.selected.chainId} />
      {view.unknownChain !== undefined && (
        <p role="status" className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900">
          No member chain with a bridge is called “{view.unknownChain}”; showing {view.selected.name}.
        </p>
      )}
      <BridgePanel key={view.selected.chainId} hub={view.hub} chain={view.selected} outputOracle={view.outputOracle} token={view.token} />
    </>
  );
}
