"use client";

import { useRequiredDeployment } from "@/components/deployment-context.tsx";
import { TxStatus } from "@/components/tx-status.tsx";
import { ChainGate } from "@/components/wallet/chain-gate.tsx";
import type { ProposalCallArgs } from "@/lib/web/proposals/detail.ts";
import { useProposalLifecycle } from "@/lib/web/proposals/useProposalLifecycle.ts";

const LABELS = {
  queue: { idle: "Queue in the timelock", busy: "Queueing…", status: "Queue" },
  execute: { idle: "Execute", busy: "Executing…", status: "Execute" },
} as const;

function StepButton({ step, call }: { step: "queue" | "execute"; call: ProposalCallArgs }) {
  const deployment = useRequiredDeployment();
  const { state, busy, run } = useProposalLifecycle({ hubChainId: deployment.hub.chainId, governor: deployment.contracts.governor, call });
  return (
    <div>
      <button type="button" className="btn-primary" disabled={busy} onClick={() => run(step)}>
        {busy ? LABELS[step].busy : LABELS[step].idle}
      </button>
      <TxStatus state={state} label={LABELS[step].status} />
    </div>
  );
}

/**
 * `queue` or `execute` for the proposal from the connected wallet, on the hub (see
 * `useProposalLifecycle`: a call the governor or timelock would refuse is explained before the
 * wallet is asked anything).
 */
export function LifecycleButton({ step, call }: { step: "queue" | "execute"; call: ProposalCallArgs }) {
  const deployment = useRequiredDeployment();
  return (
    <ChainGate chainId={deployment.hub.chainId} action={`${step} this proposal`}>
      <StepButton step={step} call={call} />
    </ChainGate>
  );
}
