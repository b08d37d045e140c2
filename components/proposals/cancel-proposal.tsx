"use client";

import { useEffect, useRef, useState } from "react";
import { isAddressEqual, type Address } from "viem";
import { useConnection } from "wagmi";

import { useRequiredDeployment } from "@/components/deployment-context.tsx";
import { TxStatus } from "@/components/tx-status.tsx";
import { ChainGate } from "@/components/wallet/chain-gate.tsx";
import type { ProposalCallArgs } from "@/lib/web/proposals/detail.ts";
import { useProposalLifecycle } from "@/lib/web/proposals/useProposalLifecycle.ts";

function CancelFlow({ proposer, call }: { proposer: Address; call: ProposalCallArgs }) {
  const deployment = useRequiredDeployment();
  const { address } = useConnection();
  const { state, busy, run } = useProposalLifecycle({ hubChainId: deployment.hub.chainId, governor: deployment.contracts.governor, call });
  const [confirming, setConfirming] = useState(false);
  const keep = useRef<HTMLButtonElement>(null);
  // The confirmation replaces the button that opened it: move focus there, onto the safe choice.
  useEffect(() => {
    if (confirming) keep.current?.focus();
  }, [confirming]);

  if (!address || !isAddressEqual(address, proposer)) {
    return (
      <p className="text-sm text-muted" data-testid="cancel-not-proposer">
        Only the proposer can cancel it; your account is not the proposer.
      </p>
    );
  }
  return (
    <div className="space-y-2">
      {confirming ? (
        <div className="rounded-md border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-900" data-testid="cancel-confirm">
          <p>Canceling is final: nobody can vote on it, and the same proposal cannot be made again. Cancel it?</p>
          <div className="mt-2 flex flex-wrap gap-2">
            <button
              type="button"
              className="btn-danger"
              disabled={busy}
              onClick={async () => {
                if (!(await run("cancel"))) setConfirming(false);
              }}
            >
              {busy ? "Canceling…" : "Yes, cancel the proposal"}
            </button>
            <button ref={keep} type="button" className="btn-secondary" disabled={busy} onClick={() => setConfirming(false)}>
              Keep it
            </button>
          </div>
        </div>
      ) : (
        <button type="button" className="btn-danger" disabled={busy} onClick={() => setConfirming(true)}>
          Cancel proposal
        </button>
      )}
      <TxStatus state={state} label="Cancel" />
    </div>
  );
}

/**
 * The proposer's cancel of their pending proposal, from their wallet on the hub, after a
 * confirmation step; anyone else is told why it is not offered to them.
 */
export function CancelProposal({ proposer, call }: { proposer: Address; call: ProposalCallArgs }) {
  const deployment = useRequiredDeployment();
  return (
    <ChainGate chainId={deployment.hub.chainId} action="cancel this proposal if you are its proposer">
      <CancelFlow proposer={proposer} call={call} />
    </ChainGate>
  );
}
