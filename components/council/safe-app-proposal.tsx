"use client";

import type { Address, Hex } from "viem";

import { safeAppStanding } from "@/lib/web/council/safeApp.ts";
import { useSafeAppConnection, useSafeAppProposal, type SafeAppProposalState } from "@/lib/web/council/useSafeAppProposal.ts";

const BOX = "mt-2 rounded-md border px-3 py-2 text-sm";

const PROGRESS: Partial<Record<SafeAppProposalState["status"], string>> = {
  checking: "Checking the call as the Safe against the current chain state…",
  proposing: "Review and submit the transaction in Safe{Wallet}…",
};

/**
 * A council decision when the app runs inside Safe{Wallet} as a Safe: the council Safe on the
 * decision's chain proposes it straight into its queue (the owners confirm it there); any other
 * Safe or chain is told why it cannot. Takes the place of the owners' signing actions.
 */
export function SafeAppProposal({ council, chainId, call, danger }: { council: Address; chainId: number; call: { to: Address; data: Hex; value: bigint }; danger: boolean }) {
  const { standing, state, propose, busy } = useSafeAppProposal({ council, chainId, call });
  if (!standing) return null;
  if (standing.kind === "otherSafe") {
    return (
      <p className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900" data-testid="safe-app-not-council">
        This app is open in the Safe <span className="font-mono break-all">{standing.safe}</span>, which is not the council Safe: only the council
        Safe can queue council decisions.
      </p>
    );
  }
  if (standing.kind === "otherChain") {
    return (
      <p className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900" data-testid="safe-app-other-chain">
        Safe{"{"}Wallet{"}"} has the council Safe open on chain {standing.chainId}; this decision is made on chain {standing.decisionChainId}. Open the
        council Safe on chain {standing.decisionChainId} to propose it.
      </p>
    );
  }
  const progress = PROGRESS[state.status];
  return (
    <div className="space-y-2" data-testid="safe-app-proposal">
      <p className="text-sm text-muted">
        You are using this app as the council Safe: proposing puts this call in the Safe&apos;s queue in Safe{"{"}Wallet{"}"}, where the owners confirm and
        execute it (Safe{"{"}Wallet{"}"} assigns the nonce).
      </p>
      <button type="button" className={danger ? "btn-danger" : "btn-primary"} disabled={busy || state.status === "proposed"} onClick={propose}>
        {state.status === "proposed" ? "Proposed to the Safe's queue" : busy ? "Proposing…" : "Propose to the Safe's queue"}
      </button>
      <p role="status" className={progress || state.status === "proposed" ? `${BOX} ${state.status === "proposed" ? "border-emerald-300 bg-emerald-50 text-emerald-900" : "border-line bg-surface text-ink"}` : undefined}>
        {progress}
        {state.status === "proposed" && (
          <>
            Proposed to the Safe&apos;s queue. safeTxHash <span className="font-mono break-all" data-testid="safe-app-safe-tx-hash">{state.safeTxHash}</span>
          </>
        )}
      </p>
      <p role="alert" className={state.status === "failed" ? `${BOX} border-red-300 bg-red-50 text-red-900` : undefined}>
        {state.status === "failed" && `${state.error.name}: ${state.error.sentence}`}
      </p>
    </div>
  );
}

/**
 * Above the council's decisions when the app runs as a Safe App: which Safe it runs as, and
 * whether that Safe is the council (whose queue the decisions go to) or not.
 */
export function SafeAppNotice({ council, chainId }: { council: Address; chainId: number }) {
  const connection = useSafeAppConnection();
  if (!connection) return null;
  const standing = safeAppStanding(connection, { council, chainId });
  return (
    <p
      className={`rounded-md border px-3 py-2 text-sm ${standing.kind === "otherSafe" ? "border-amber-300 bg-amber-50 text-amber-900" : "border-line bg-surface text-ink"}`}
      data-testid="safe-app-notice"
      data-standing={standing.kind}
    >
      Running as a Safe App in the Safe <span className="font-mono break-all">{connection.safe}</span> on chain {connection.chainId}.{" "}
      {standing.kind === "otherSafe"
        ? `That Safe is not the council Safe (${council}): it cannot propose council decisions. Open this app from the council Safe.`
        : "Each decision below can be proposed straight into this Safe's queue, where the owners confirm it, instead of owners signing here."}
    </p>
  );
}
