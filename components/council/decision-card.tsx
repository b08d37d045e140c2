"use client";

import type { Address } from "viem";

import { ChainGate } from "@/components/wallet/chain-gate.tsx";
import type { CouncilDecisionView } from "@/lib/web/council/overview.ts";
import { useCouncilDecision } from "@/lib/web/council/useCouncilDecision.ts";
import { useSafeAppConnection } from "@/lib/web/council/useSafeAppProposal.ts";

import { DecisionActions } from "./decision-actions.tsx";
import { HashField } from "./hash-field.tsx";
import { SafeAppProposal } from "./safe-app-proposal.tsx";

export interface DecisionCardProps {
  view: CouncilDecisionView;
  safe: Address;
  chainId: number;
  owners: readonly Address[];
  threshold: number;
}

/**
 * One council decision as a Safe transaction: the call it makes (decoded from its own data by the
 * server), the hashes a signer checks before signing (computed in the browser from the typed data
 * the wallet will sign), who approved so far, and the actions.
 */
export function DecisionCard({ view, safe, chainId, owners, threshold }: DecisionCardProps) {
  const decision = useCouncilDecision({ safe, chainId, safeTx: view.safeTx, signatures: view.signatures, approvedOnChain: view.approvedOnChain });
  const { review } = decision;
  const consistent = review.safeTxHash === view.safeTxHash;
  const danger = view.decision.kind !== "approveChange" && view.decision.kind !== "unpause";
  const tx = view.safeTx;
  // Inside Safe{Wallet} the account is a Safe, which proposes into its queue instead of signing.
  const safeApp = useSafeAppConnection();

  return (
    <details className="card group open:shadow-sm" data-testid={`decision-${view.key}`}>
      <summary className="flex cursor-pointer list-none flex-wrap items-baseline justify-between gap-2 rounded-md [&::-webkit-details-marker]:hidden">
        <span className="flex items-baseline gap-2 font-medium">
          <span aria-hidden className="inline-block text-muted transition-transform group-open:rotate-90">
            ▸
          </span>
          {view.title}
        </span>
        <span className="text-sm text-muted" data-testid="approval-count">
          {view.approvals} of {threshold} approvals
        </span>
      </summary>

      <div className="mt-4 space-y-4 text-sm">
        <div>
          <p className="font-medium">Safe transaction</p>
          <dl className="mt-1 grid grid-cols-[auto_1fr] gap-x-4 gap-y-1">
            <dt className="text-muted">Calls</dt>
            <dd className="font-mono break-all">
              {view.call} on {tx.to}
            </dd>
            <dt className="text-muted">Data</dt>
            <dd className="font-mono text-xs break-all">{tx.data}</dd>
            <dt className="text-muted">Safe nonce</dt>
            <dd>{tx.nonce.toString()}</dd>
            <dt className="text-muted">Operation</dt>
            <dd>
              {tx.operation === 0 ? "call" : "delegatecall"}, value {tx.value.toString()}, no gas refund
            </dd>
          </dl>
        </div>

        <div>
          <p className="font-medium">Check before signing</p>
          <p className="text-muted">
            Your wallet will ask you to sign this EIP-712 message for the Safe {safe} on chain {chainId}. Compare these hashes with what it
            shows.
          </p>
          <dl className="mt-1">
            <HashField label="safeTxHash" value={review.safeTxHash} testId="safe-tx-hash" />
            <HashField label="Domain hash (EIP-712 domain separator)" value={review.domainHash} testId="domain-hash" />
            <HashField label="Message hash (SafeTx struct hash)" value={review.messageHash} testId="message-hash" />
          </dl>
          {!consistent && (
            <p role="alert" className="mt-2 rounded-md border border-red-300 bg-red-50 px-3 py-2 text-red-900">
              The server computed another safeTxHash ({view.safeTxHash}) for this transaction. Do not sign; reload the page.
            </p>
          )}
        </div>

        <div>
          <p className="font-medium">
            Approvals: {view.approvals} of {threshold}
          </p>
          {view.signatures.length === 0 && view.approvedOnChain.length === 0 ? (
            <p className="text-muted">No owner has signed this transaction yet.</p>
          ) : (
            <ul className="mt-1 space-y-1" data-testid="approvals">
              {view.signatures.map(({ owner, createdAt }) => (
                <li key={`sig-${owner}`} className="flex flex-wrap gap-x-2">
                  <span className="font-mono break-all">{owner}</span>
                  <span className="text-muted">signed {createdAt.slice(0, 19).replace("T", " ")} UTC</span>
                </li>
              ))}
              {view.approvedOnChain.map((owner) => (
                <li key={`hash-${owner}`} className="flex flex-wrap gap-x-2">
                  <span className="font-mono break-all">{owner}</span>
                  <span className="text-muted">approved the hash on-chain</span>
                </li>
              ))}
            </ul>
          )}
        </div>

        {consistent && safeApp && <SafeAppProposal council={safe} chainId={chainId} call={tx} danger={danger} />}
        {consistent && !safeApp && (
          <ChainGate chainId={chainId} action="sign or execute council decisions">
            <DecisionActions
              decision={decision}
              owners={owners}
              signers={view.signatures.map(({ owner }) => owner)}
              approvedOnChain={view.approvedOnChain}
              approvals={view.approvals}
              threshold={threshold}
              danger={danger}
            />
          </ChainGate>
        )}
      </div>
    </details>
  );
}
