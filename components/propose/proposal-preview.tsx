import { ProposalMarkdown } from "@/components/proposals/markdown.tsx";
import { proposalBody, proposalTitle } from "@/lib/web/proposals/text.ts";
import type { ProposalPreview as Preview } from "@/lib/web/propose/preview.ts";
import type { ProposalSimulation } from "@/lib/web/propose/simulate.ts";

export type SimulationView =
  | { status: "pending" }
  | { status: "unavailable"; reason: string }
  | { status: "done"; result: ProposalSimulation };

export type ProposalPreviewProps = {
  preview: Preview;
  simulation: SimulationView;
};

const integer = new Intl.NumberFormat("en-US");

function CallOutcome({ simulation, index }: { simulation: SimulationView; index: number }) {
  if (simulation.status === "pending") return <p className="text-sm text-muted">Simulating against the current state…</p>;
  if (simulation.status === "unavailable") return <p className="text-sm text-muted">Not simulated: {simulation.reason}</p>;
  const outcome = simulation.result.calls[index];
  if (!outcome) return null;
  return outcome.ok ? (
    <p className="text-sm text-emerald-800" data-simulation="ok">
      Simulated from the timelock: succeeds against the current state.
    </p>
  ) : (
    <p className="text-sm text-red-700" data-simulation="failed">
      Simulated from the timelock: would fail with {outcome.error.name}. {outcome.error.sentence}
    </p>
  );
}

/**
 * The proposal exactly as the chain will see it: the description rendered as safe Markdown (no
 * raw HTML), every call decoded back from its calldata into a sentence with before → after
 * values, and what simulating it against the current state showed.
 */
export function ProposalPreview({ preview, simulation }: ProposalPreviewProps) {
  const propose = simulation.status === "done" ? simulation.result.propose : undefined;
  return (
    <section aria-labelledby="preview-title" className="card space-y-4" data-testid="proposal-preview">
      <h2 id="preview-title" className="text-lg font-semibold">
        Preview: what the chain will see
      </h2>
      {/* Title and body split and rendered exactly as the proposal page will show them to voters. */}
      <div className="rounded-md border border-line p-3">
        <p className="text-sm font-medium text-muted">Description, as voters will read it</p>
        <h3 className="mt-1 text-xl font-semibold tracking-tight break-words">{proposalTitle(preview.input.description)}</h3>
        <ProposalMarkdown source={proposalBody(preview.input.description)} topHeading={4} />
      </div>
      <ol className="space-y-3">
        {preview.calls.map((call, i) => (
          <li key={`${call.target}-${i}`} className="rounded-md border border-line p-3">
            <h3 className="text-sm font-medium text-muted">
              Call {i + 1}: {call.targetName}
            </h3>
            <p className="mt-1 font-medium" data-testid="preview-sentence">
              {call.sentence}
            </p>
            <CallOutcome simulation={simulation} index={i} />
            <details className="mt-2 text-xs text-muted">
              <summary className="cursor-pointer">Calldata</summary>
              <p className="mt-1 break-all font-mono">to {call.target}</p>
              <p className="mt-1 break-all font-mono">{call.data}</p>
            </details>
          </li>
        ))}
      </ol>
      {propose && (
        <p className={`text-sm ${propose.ok ? "text-emerald-800" : "text-red-700"}`} data-testid="propose-simulation">
          {propose.ok
            ? `Submitting it: the governor accepts this proposal from your account (about ${integer.format(propose.gas)} gas).`
            : propose.error.name === "GovernorInsufficientProposerVotes"
              ? "Submitting it would fail with GovernorInsufficientProposerVotes: your votes are below the proposal threshold (see above)."
              : `Submitting it would fail with ${propose.error.name}. ${propose.error.sentence}`}
        </p>
      )}
      <p className="break-all text-xs text-muted">Proposal id once submitted: {preview.proposalId.toString()}</p>
    </section>
  );
}
