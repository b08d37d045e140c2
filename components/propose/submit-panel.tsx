import Link from "next/link";

import { TxStatus } from "@/components/tx-status.tsx";
import { proposalHref } from "@/lib/web/proposals/params.ts";
import type { SubmitGate } from "@/lib/web/propose/review.ts";
import type { TransactionState } from "@/lib/web/useTransaction.ts";

export type SubmitPanelProps = {
  gate: SubmitGate;
  acknowledged: boolean;
  onAcknowledge: (value: boolean) => void;
  canSubmit: boolean;
  busy: boolean;
  state: TransactionState;
  onSubmit: () => void;
  proposalId: bigint;
  votingDelay: bigint;
};

const callList = (failed: readonly number[]) => {
  const names = failed.map((index) => `${index + 1}`);
  return names.length === 1 ? `call ${names[0]}` : `calls ${names.slice(0, -1).join(", ")} and ${names.at(-1)}`;
};

function GateNote({ gate }: { gate: SubmitGate }) {
  switch (gate.status) {
    case "simulating":
      return <p className="text-sm text-muted">Submit is enabled once the simulation has succeeded.</p>;
    case "unavailable":
      return (
        <p className="text-sm text-red-700" data-testid="submit-gate">
          Not simulated: {gate.reason} Nothing is signed without a simulation; review the proposal again to retry.
        </p>
      );
    case "refused":
      return (
        <p className="text-sm text-red-700" data-testid="submit-gate">
          The governor would refuse this proposal from your account ({gate.error.name}); submitting is not possible.
        </p>
      );
    default:
      return null;
  }
}

/**
 * Submit, behind the simulation: enabled when every call and `propose` simulated successfully,
 * or, when some calls fail against today's state, only once the proposer ticks "submit anyway".
 */
export function SubmitPanel({ gate, acknowledged, onAcknowledge, canSubmit, busy, state, onSubmit, proposalId, votingDelay }: SubmitPanelProps) {
  return (
    <div className="card space-y-3">
      <GateNote gate={gate} />
      {gate.status === "callsFail" && (
        <div className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900" data-testid="submit-gate">
          <p>
            The simulation shows {callList(gate.failed)} failing against the current state. Each call is simulated on its own, so a call that
            depends on an earlier call of this proposal, or on a change not yet in force, fails here; otherwise the proposal would fail when
            executed.
          </p>
          <label className="mt-2 flex items-start gap-2 font-medium">
            <input
              type="checkbox"
              className="mt-1 size-4 shrink-0"
              checked={acknowledged}
              disabled={busy}
              onChange={(event) => onAcknowledge(event.target.checked)}
            />
            <span>Submit anyway: I have checked why {callList(gate.failed)} fails and still want to propose it.</span>
          </label>
        </div>
      )}
      <button type="button" className="btn-primary" disabled={busy || state.status === "confirmed" || !canSubmit} onClick={onSubmit}>
        Submit proposal
      </button>
      <TxStatus state={state} label="Proposal" />
      {state.status === "confirmed" && (
        <p className="text-sm">
          <Link href={proposalHref(proposalId)} className="font-medium text-accent underline" data-testid="new-proposal-link">
            Open the proposal
          </Link>{" "}
          — voting starts in {votingDelay.toString()} seconds.
        </p>
      )}
    </div>
  );
}
