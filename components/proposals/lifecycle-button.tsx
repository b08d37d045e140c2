"use client";

import { useRouter } from "next/navigation";

import { useRequiredDeployment } from "@/components/deployment-context.tsx";
import { TxStatus } from "@/components/tx-status.tsx";
import { ChainGate } from "@/components/wallet/chain-gate.tsx";
import { superchainGovernorAbi } from "@/lib/contracts/index.ts";
import type { ProposalCallArgs } from "@/lib/web/proposals/detail.ts";
import { useTransaction } from "@/lib/web/useTransaction.ts";

function StepButton({ step, call }: { step: "queue" | "execute"; call: ProposalCallArgs }) {
  const deployment = useRequiredDeployment();
  const router = useRouter();
  const { state, send, busy } = useTransaction();
  const args = [call.targets, call.values.map(BigInt), call.calldatas, call.descriptionHash] as const;

  async function run() {
    const ok = await send({ chainId: deployment.hub.chainId, address: deployment.contracts.governor, abi: superchainGovernorAbi, functionName: step, args });
    if (ok) router.refresh();
  }

  return (
    <div>
      <button type="button" className="btn-primary" disabled={busy} onClick={run}>
        {busy ? (step === "queue" ? "Queueing…" : "Executing…") : step === "queue" ? "Queue in the timelock" : "Execute"}
      </button>
      <TxStatus state={state} label={step === "queue" ? "Queue" : "Execute"} />
    </div>
  );
}

/**
 * Sends `queue` or `execute` for the proposal from the connected wallet, on the hub. The
 * transaction is simulated first, so a call the governor or timelock would refuse (a delay not
 * yet over, a state that moved on) is explained before the wallet is asked anything.
 */
export function LifecycleButton({ step, call }: { step: "queue" | "execute"; call: ProposalCallArgs }) {
  const deployment = useRequiredDeployment();
  return (
    <ChainGate chainId={deployment.hub.chainId} action={`${step} this proposal`}>
      <StepButton step={step} call={call} />
    </ChainGate>
  );
}
