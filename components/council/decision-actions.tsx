"use client";

import { isAddressEqual, type Address } from "viem";
import { useConnection } from "wagmi";

import { TxStatus } from "@/components/tx-status.tsx";
import type { useCouncilDecision } from "@/lib/web/council/useCouncilDecision.ts";

import { SignatureStatus } from "./signature-status.tsx";

type Decision = ReturnType<typeof useCouncilDecision>;

const includes = (list: readonly Address[], address: Address | undefined) => !!address && list.some((entry) => isAddressEqual(entry, address));

/**
 * Sign, approve on-chain, execute: owners see all three, anyone else only execute (a Safe lets
 * any account relay once enough owners approved). Rendered inside a `ChainGate` on the hub.
 */
export function DecisionActions({
  decision,
  owners,
  signers,
  approvedOnChain,
  approvals,
  threshold,
  danger,
}: {
  decision: Decision;
  owners: readonly Address[];
  signers: readonly Address[];
  approvedOnChain: readonly Address[];
  approvals: number;
  threshold: number;
  danger: boolean;
}) {
  const { address } = useConnection();
  const isOwner = includes(owners, address);
  const signed = includes(signers, address);
  const approved = includes(approvedOnChain, address);
  const signing = decision.signature.status === "signing" || decision.signature.status === "submitting";
  const busy = signing || decision.approval.busy || decision.execution.busy;
  const ready = approvals >= threshold;

  return (
    <div className="space-y-2">
      {isOwner ? (
        <p className="text-sm text-muted">You are a council owner: check the hashes above against your wallet, then sign.</p>
      ) : (
        <p className="text-sm text-muted" data-testid="not-owner-note">
          Your account is not a council owner: you cannot sign, but you can execute once {threshold} owners have approved.
        </p>
      )}
      <div className="flex flex-wrap gap-2">
        {isOwner && (
          <>
            <button type="button" className="btn-primary" disabled={busy || signed} onClick={decision.sign}>
              {signed ? "Signed" : signing ? "Signing…" : "Sign"}
            </button>
            <button type="button" className="btn-secondary" disabled={busy || approved} onClick={decision.approveOnChain}>
              {approved ? "Hash approved on-chain" : "Approve hash on-chain"}
            </button>
          </>
        )}
        <button type="button" className={danger ? "btn-danger" : "btn-primary"} disabled={busy || !ready} onClick={decision.execute}>
          Execute{ready ? "" : ` (needs ${threshold - approvals} more)`}
        </button>
      </div>
      <SignatureStatus state={decision.signature} />
      <TxStatus state={decision.approval.state} label="approveHash" />
      <TxStatus state={decision.execution.state} label="Execution" />
    </div>
  );
}
