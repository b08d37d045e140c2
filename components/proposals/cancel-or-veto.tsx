import Link from "next/link";
import type { Address } from "viem";

import { vetoAnchor } from "@/components/council/proposal-vetoes.tsx";
import { VETOABLE_STATES } from "@/lib/council/proposalVeto.ts";
import type { ProposalCallArgs } from "@/lib/web/proposals/detail.ts";
import type { ProposalStateName } from "@/lib/web/proposals/types.ts";

import { CancelProposal } from "./cancel-proposal.tsx";

export interface CancelOrVetoProps {
  proposalId: bigint;
  state: ProposalStateName;
  proposer: Address;
  call: ProposalCallArgs;
}

/**
 * Who can still stop the proposal: its proposer while it is pending (the governor's own rule),
 * and the Security Council's Safe, the governor's proposal guardian, until it is executed.
 * Nothing once it can no longer be executed.
 */
export function CancelOrVeto({ proposalId, state, proposer, call }: CancelOrVetoProps) {
  if (!VETOABLE_STATES.has(state)) return null;
  return (
    <section aria-labelledby="cancel-or-veto" className="card space-y-3" data-testid="cancel-or-veto">
      <h2 id="cancel-or-veto" className="text-lg font-semibold">
        Cancel or veto
      </h2>
      {state === "pending" ? (
        <>
          <p className="text-sm text-muted">The proposer can cancel it until voting opens.</p>
          <CancelProposal proposer={proposer} call={call} />
        </>
      ) : (
        <p className="text-sm text-muted">Voting has opened: the proposer can no longer cancel it.</p>
      )}
      <p className="text-sm text-muted">
        The Security Council can veto it until it is executed, as a Safe transaction its owners sign:{" "}
        <Link href={`/council#${vetoAnchor(proposalId)}`} className="font-medium text-accent hover:underline" data-testid="council-veto-link">
          veto on the council page
        </Link>
        .
      </p>
    </section>
  );
}
