"use client";

import { useId, useState } from "react";
import { isAddressEqual, type Address } from "viem";
import { useConnection } from "wagmi";

import { TxStatus } from "@/components/tx-status.tsx";
import { ChainGate } from "@/components/wallet/chain-gate.tsx";
import type { CouncilQueueEntry } from "@/lib/web/council/queue.ts";
import { callSafeTx } from "@/lib/web/council/safeTx.ts";
import { useCouncilDecision } from "@/lib/web/council/useCouncilDecision.ts";
import { useSafeAppConnection } from "@/lib/web/council/useSafeAppProposal.ts";

import { SignatureStatus } from "./signature-status.tsx";

const includes = (list: readonly Address[], address: Address | undefined) => !!address && list.some((entry) => isAddressEqual(entry, address));

export interface QueueActionsProps {
  entry: Pick<CouncilQueueEntry, "safeTx" | "safeTxHash" | "confirmations" | "approvedOnChain" | "approvals" | "rejection" | "status">;
  safe: Address;
  chainId: number;
  owners: readonly Address[];
  threshold: number;
  /** No on-chain rejection is queued at this nonce yet: an owner may propose one. */
  rejectable: boolean;
}

/**
 * What a connected account can do with a queued transaction: an owner confirms it (signs, and the
 * signature is proposed to the app's transaction service), anyone executes the next one once
 * enough owners confirmed, and an owner rejects it — after saying so twice — by signing the
 * Safe's on-chain rejection at its nonce, which then waits beside it as its alternative.
 */
export function QueueActions(props: QueueActionsProps) {
  // Inside Safe{Wallet} the account is a Safe: its own queue is where owners confirm and execute.
  if (useSafeAppConnection()) {
    return <p className="text-sm text-muted">Inside Safe{"{"}Wallet{"}"}, confirm, reject or execute this transaction in the Safe&apos;s own queue.</p>;
  }
  return (
    <ChainGate chainId={props.chainId} action="confirm, reject or execute queued transactions">
      <QueueActionButtons {...props} />
    </ChainGate>
  );
}

function QueueActionButtons({ entry, safe, chainId, owners, threshold, rejectable }: QueueActionsProps) {
  const { address } = useConnection();
  const signatures = entry.confirmations.map(({ owner, signature }) => ({ owner, signature }));
  const decision = useCouncilDecision({ safe, chainId, safeTx: entry.safeTx, signatures, approvedOnChain: entry.approvedOnChain });
  const rejection = useCouncilDecision({ safe, chainId, safeTx: callSafeTx({ to: safe, data: "0x" }, entry.safeTx.nonce), signatures: [], approvedOnChain: [] });
  const [asking, setAsking] = useState(false);
  const questionId = useId();

  const isOwner = includes(owners, address);
  const confirmed = includes(entry.confirmations.map(({ owner }) => owner), address) || includes(entry.approvedOnChain, address);
  const signing = (state: typeof decision.signature) => state.status === "signing" || state.status === "submitting";
  const busy = signing(decision.signature) || signing(rejection.signature) || decision.execution.busy;
  const consistent = decision.review.safeTxHash === entry.safeTxHash;
  const executable = entry.status.kind === "next" && entry.approvals >= threshold;
  const nonce = entry.safeTx.nonce.toString();

  if (!consistent) {
    return (
      <p role="alert" className="rounded-md border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-900">
        This browser computes another safeTxHash ({decision.review.safeTxHash}) for this transaction: do not confirm it.
      </p>
    );
  }
  return (
    <div className="space-y-2">
      <div className="flex flex-wrap gap-2">
        {isOwner && (
          <button type="button" className="btn-primary" disabled={busy || confirmed} onClick={decision.sign}>
            {confirmed ? "Confirmed" : signing(decision.signature) ? "Confirming…" : "Confirm"}
          </button>
        )}
        {entry.status.kind === "next" && (
          <button type="button" className={entry.rejection ? "btn-danger" : "btn-primary"} disabled={busy || !executable} onClick={decision.execute}>
            Execute{executable ? "" : ` (needs ${threshold - entry.approvals} more)`}
          </button>
        )}
        {isOwner && rejectable && !entry.rejection && !asking && (
          <button type="button" className="btn-danger" disabled={busy} onClick={() => setAsking(true)}>
            Reject
          </button>
        )}
      </div>
      {entry.status.kind === "queued" && <p className="text-sm text-muted">It can be executed once nonce {(entry.safeTx.nonce - 1n).toString()} is used.</p>}
      {asking && (
        <div role="group" aria-labelledby={questionId} className="rounded-md border border-red-300 bg-red-50 p-3 text-sm text-red-950">
          <p id={questionId}>
            Reject nonce {nonce}? You sign an on-chain rejection: a transaction from the Safe to itself with no data at nonce {nonce}. Once {threshold}{" "}
            owners confirm and it is executed, it uses up the nonce, and nothing else queued there can ever run.
          </p>
          <div className="mt-2 flex flex-wrap gap-2">
            <button
              type="button"
              className="btn-danger"
              disabled={busy}
              onClick={async () => {
                await rejection.sign();
                setAsking(false);
              }}
            >
              Sign the rejection of nonce {nonce}
            </button>
            <button type="button" className="btn-secondary" disabled={busy} onClick={() => setAsking(false)}>
              Keep it
            </button>
          </div>
        </div>
      )}
      <SignatureStatus state={decision.signature} />
      <SignatureStatus state={rejection.signature} />
      <TxStatus state={decision.execution.state} label="Execution" />
    </div>
  );
}
