import type { ProposalCallArgs } from "@/lib/web/proposals/detail.ts";
import type { ProposalStateName } from "@/lib/web/proposals/types.ts";

import { ChainTime } from "./chain-time.tsx";
import { LifecycleButton } from "./lifecycle-button.tsx";

export interface LifecycleActionsProps {
  state: ProposalStateName;
  /** The timelock's eta (unix seconds; 0n until queued) and the hub's time when the page loaded. */
  eta: bigint;
  now: bigint;
  call: ProposalCallArgs;
}

/**
 * Queue a succeeded proposal, or execute a queued one. Anyone may do either. Execute is offered
 * as soon as the proposal is queued, even before the eta by the page's clock: an idle devnet hub
 * mines no blocks, so its time can lag, and the simulation explains a delay not yet over
 * (`TimelockUnexpectedOperationState`) before the wallet is asked.
 */
export function LifecycleActions({ state, eta, now, call }: LifecycleActionsProps) {
  const step = state === "succeeded" ? "queue" : state === "queued" ? "execute" : undefined;
  if (!step) return null;
  return (
    <section aria-labelledby="next-step" className="card space-y-2">
      <h2 id="next-step" className="text-lg font-semibold">
        {step === "queue" ? "Queue this proposal" : "Execute this proposal"}
      </h2>
      <p className="text-sm text-muted" data-testid="next-step-note">
        {step === "queue" ? (
          "The vote succeeded. Anyone may queue it in the timelock; it becomes executable after the timelock delay."
        ) : eta <= now ? (
          "The timelock delay has passed. Anyone may execute it; sequencer changes then wait for the Security Council."
        ) : (
          <>
            The timelock delay runs until <ChainTime at={eta} />; executing earlier is refused by the timelock, and the check before your wallet opens says
            so. Anyone may execute it then; sequencer changes then wait for the Security Council.
          </>
        )}
      </p>
      <LifecycleButton step={step} call={call} />
    </section>
  );
}
