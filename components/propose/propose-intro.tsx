import { formatDuration } from "@/lib/governance/index.ts";
import { formatTokens } from "@/lib/web/delegates/format.ts";
import type { ProposeContext } from "@/lib/web/propose/context.ts";

/** The page heading and how a proposal travels from here: voting, timelock, then the council. */
export function ProposeIntro({ context }: { context?: ProposeContext }) {
  return (
    <section className="space-y-2">
      <h1 className="text-3xl font-semibold tracking-tight">New proposal</h1>
      <p className="max-w-3xl text-muted">
        Describe the change, pick its actions, and review exactly what the chain will run before you sign.
        {context && (
          <>
            {" "}
            Voting opens {formatDuration(context.governor.votingDelay)} after submission and lasts {formatDuration(context.governor.votingPeriod)}; a passed
            proposal waits {formatDuration(context.governor.timelockDelay)} in the timelock, and sequencer changes then wait for the Security Council.
            Proposing needs {formatTokens(context.governor.proposalThreshold, context.token.decimals)} {context.token.symbol} of votes.
          </>
        )}
      </p>
    </section>
  );
}
