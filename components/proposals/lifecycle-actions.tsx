"use client";

import { useRouter } from "next/navigation";

import { useRequiredDeployment } from "@/components/deployment-context.tsx";
import { TxStatus } from "@/components/tx-status.tsx";
import { ChainGate } from "@/components/wallet/chain-gate.tsx";
import { superchainGovernorAbi } from "@/lib/contracts/index.ts";
import type { ProposalCallArgs } from "@/lib/web/proposals/detail.ts";
import type { ProposalStateName } from "@/lib/web/proposals/types.ts";
import { useTransaction } from "@/lib/web/useTransaction.ts";

export interface LifecycleActionsProps {
  state: ProposalStateName;
  /** Decimal strings (unix seconds): the timelock's eta and the hub's time when the page loaded. */
  eta: string;
  now: string;
  call: ProposalCallArgs;
}

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
 * Queue a succeeded proposal, or execute a queued one once its timelock eta has passed. Anyone
 * may do either; the governor checks the state, so a stale page only gets an explained revert.
 */
export function LifecycleActions({ state, eta, now, call }: LifecycleActionsProps) {
  const deployment = useRequiredDeployment();
  const step = state === "succeeded" ? "queue" : state === "queued" && BigInt(eta) <= BigInt(now) ? "execute" : undefined;
  if (!step) return null;
  return (
    <section aria-labelledby="next-step" className="card space-y-2">
      <h2 id="next-step" className="text-lg font-semibold">
        {step === "queue" ? "Queue this proposal" : "Execute this proposal"}
      </h2>
      <p className="text-sm text-muted">
        {step === "queue"
          ? "The vote succeeded. Anyone may queue it in the timelock; it becomes executable after the timelock delay."
          : "The timelock delay has passed. Anyone may execute it; sequencer changes then wait for the Security Council."}
      </p>
      <ChainGate chainId={deployment.hub.chainId} action={`${step} this proposal`}>
        <StepButton step={step} call={call} />
      </ChainGate>
    </section>
  );
}
