"use client";

import type { Address } from "viem";

import { useRequiredDeployment } from "@/components/deployment-context.tsx";
import type { BridgeChain } from "@/lib/web/bridge/loadBridge.ts";
import { useBridge } from "@/lib/web/bridge/useBridge.ts";
import { useBridgeActions } from "@/lib/web/bridge/useBridgeActions.ts";
import type { WebChain } from "@/lib/web/deployment.ts";

import { BridgeBalances } from "./bridge-balances.tsx";
import { TransferForm } from "./transfer-form.tsx";
import { TransferList } from "./transfer-list.tsx";

export type BridgePanelProps = {
  hub: WebChain;
  chain: BridgeChain;
  outputOracle: Address;
  token: { address: Address; symbol: string; memberSymbol: string; decimals: number };
};

/**
 * The connected account's bridge to one member chain: balances on both sides, deposit (hub →
 * member), withdraw (member → hub) and its transfers with their states. Reads live in
 * `useBridge`, writes in `useBridgeActions`; this only lays them out.
 */
export function BridgePanel({ hub, chain, outputOracle, token }: BridgePanelProps) {
  const deployment = useRequiredDeployment();
  const bridge = useBridge({ deploymentId: deployment.id, hubChainId: hub.chainId, memberChainId: chain.chainId, hubToken: token.address, outputOracle, spoke: chain.spoke });
  const actions = useBridgeActions({
    hubChainId: hub.chainId,
    memberChainId: chain.chainId,
    hubToken: token.address,
    spoke: chain.spoke,
    allowance: bridge.balances?.allowance,
    refresh: bridge.refresh,
  });
  const names = { hub: hub.name, member: chain.name };

  if (!bridge.account) {
    return (
      <p className="card text-sm text-muted" data-testid="bridge-connect">
        Connect a wallet to see your balances and transfers, and to move tokens between {hub.name} and {chain.name}.
      </p>
    );
  }
  return (
    <div className="space-y-6">
      <BridgeBalances
        account={bridge.account}
        balances={bridge.balances}
        error={bridge.balancesError}
        names={names}
        token={token}
        onDelegate={(to) => void actions.delegate(to)}
        delegateStatus={actions.delegateStatus}
      />
      <section aria-labelledby="move-title" className="space-y-3">
        <h2 id="move-title" className="text-lg font-semibold">
          Move tokens
        </h2>
        <div className="grid gap-4 md:grid-cols-2">
          <TransferForm
            name="deposit"
            title={`Deposit to ${chain.name}`}
            description={`Locks your tokens in ${chain.name}'s pool on ${hub.name} (approving the pool first if needed); they are minted on ${chain.name} once finalized.`}
            submitLabel={`Deposit on ${hub.name}`}
            account={bridge.account}
            available={bridge.balances?.hub}
            token={token}
            status={actions.depositStatus}
            onSubmit={actions.deposit}
          />
          <TransferForm
            name="withdraw"
            title={`Withdraw to ${hub.name}`}
            description={`Burns your tokens on ${chain.name}; the pool on ${hub.name} releases them once finalized.`}
            submitLabel={`Withdraw on ${chain.name}`}
            account={bridge.account}
            available={bridge.balances?.member}
            token={{ symbol: token.memberSymbol, decimals: token.decimals }}
            status={actions.withdrawStatus}
            onSubmit={actions.withdraw}
          />
        </div>
        <p className="text-xs text-muted">Your wallet is switched to the chain each step runs on.</p>
      </section>
      <TransferList
        account={bridge.account}
        transfers={bridge.transfers}
        loading={bridge.transfersLoading}
        error={bridge.transfersError}
        names={names}
        token={token}
        onFinalize={(transfer) => void actions.finalize(transfer)}
        finalizingKey={actions.finalizingKey}
        finalizeStatus={actions.finalizeStatus}
      />
    </div>
  );
}
