"use client";

import { isAddressEqual, type Address } from "viem";

import { TxStatus } from "@/components/tx-status.tsx";
import { shortAddress } from "@/lib/web/format.ts";
import { describeState, TRANSFER_STATES, type TransferState, type TransferWithState } from "@/lib/web/bridge/transfers.ts";
import type { LabelledState } from "@/lib/web/bridge/useBridgeActions.ts";
import type { ExplainedError } from "@/lib/web/errors.ts";
import { formatTokenAmount } from "@/lib/web/format.ts";

const BADGE: Record<TransferState, { label: string; tone: string }> = {
  initiated: { label: "Initiated", tone: "border-line bg-surface text-ink" },
  waiting: { label: "Waiting for commitment", tone: "border-amber-300 bg-amber-50 text-amber-900" },
  ready: { label: "Ready to finalize", tone: "border-indigo-300 bg-accent-soft text-indigo-900" },
  finalized: { label: "Finalized", tone: "border-emerald-300 bg-emerald-50 text-emerald-900" },
};

/** Four dots, one per step, filled up to the transfer's state (the words say the same for screen readers). */
function Steps({ state }: { state: TransferState }) {
  const reached = TRANSFER_STATES.indexOf(state);
  return (
    <span aria-hidden className="flex gap-1">
      {TRANSFER_STATES.map((step, index) => (
        <span key={step} className={`inline-block size-2 rounded-full ${index <= reached ? "bg-accent" : "bg-line"}`} />
      ))}
    </span>
  );
}

export type TransferListProps = {
  account: Address;
  transfers: readonly TransferWithState[] | undefined;
  loading: boolean;
  error: ExplainedError | undefined;
  names: { hub: string; member: string };
  token: { symbol: string; decimals: number };
  onFinalize: (transfer: TransferWithState) => void;
  /** The transfer being (or last) finalized, by `kind:id`: its row is outlined; the status line is under the list. */
  finalizingKey: string | undefined;
  finalizeStatus: LabelledState;
};

/**
 * The account's transfers between the hub and one member chain, each with where it stands
 * (initiated → waiting for commitment → ready to finalize → finalized) and, when ready, the
 * button that proves and finalizes it on the destination chain.
 */
export function TransferList({ account, transfers, loading, error, names, token, onFinalize, finalizingKey, finalizeStatus }: TransferListProps) {
  return (
    <section aria-labelledby="transfers-title" className="space-y-3">
      <div>
        <h2 id="transfers-title" className="text-lg font-semibold">
          Your transfers
        </h2>
        <p className="text-sm text-muted">
          Tokens sent to your account between {names.hub} and {names.member}. A transfer can be finalized once the destination holds a committed root of
          the block it is in; the sequencer commits every few blocks, and anyone may finalize.
        </p>
      </div>
      {error ? (
        <p role="alert" className="card border-red-300 bg-red-50 text-sm text-red-900">
          Could not read your transfers: {error.sentence}
        </p>
      ) : loading || transfers === undefined ? (
        <div role="status" aria-label="Loading your transfers" className="card animate-pulse space-y-2">
          <div className="h-5 w-1/2 rounded bg-line" />
          <div className="h-5 w-2/3 rounded bg-line" />
        </div>
      ) : transfers.length === 0 ? (
        <p className="card text-sm text-muted" data-testid="transfers-empty">
          No transfers to this account yet. Deposit above to move tokens to {names.member}.
        </p>
      ) : (
        <ul className="space-y-2" data-testid="transfer-list">
          {transfers.map((transfer) => {
            const key = `${transfer.kind}:${transfer.id}`;
            const deposit = transfer.kind === "deposit";
            const title = deposit ? `Deposit #${transfer.id}: ${names.hub} → ${names.member}` : `Withdrawal #${transfer.id}: ${names.member} → ${names.hub}`;
            const badge = BADGE[transfer.state];
            return (
              <li key={key} className={`card space-y-2 ${finalizingKey === key ? "border-accent" : ""}`} data-testid="transfer-row" data-kind={transfer.kind} data-id={transfer.id.toString()} data-state={transfer.state}>
                <div className="flex flex-wrap items-center justify-between gap-2">
                  <h3 className="font-medium">{title}</h3>
                  <span className={`inline-flex items-center gap-2 rounded-full border px-2 py-0.5 text-xs font-medium ${badge.tone}`} data-testid="transfer-state">
                    <Steps state={transfer.state} />
                    {badge.label}
                  </span>
                </div>
                <p className="text-sm">
                  <span className="font-medium tabular-nums">{formatTokenAmount(transfer.amount, token.decimals, { symbol: token.symbol })}</span>
                  {!isAddressEqual(transfer.sender, account) && (
                    <span className="text-muted">
                      {" "}
                      from <span className="font-mono" title={transfer.sender}>{shortAddress(transfer.sender)}</span>
                    </span>
                  )}
                  <span className="text-muted"> · sent in {deposit ? names.hub : names.member} block {transfer.initiatedBlock.toString()}</span>
                </p>
                <p className="text-sm text-muted">{describeState(transfer, names)}</p>
                {transfer.state === "ready" && (
                  <button type="button" className="btn-primary" disabled={finalizeStatus.busy} onClick={() => onFinalize(transfer)}>
                    Finalize {transfer.kind} #{transfer.id.toString()} on {deposit ? names.member : names.hub}
                  </button>
                )}
              </li>
            );
          })}
        </ul>
      )}
      <TxStatus state={finalizeStatus.state} label={finalizeStatus.label} />
    </section>
  );
}
