"use client";

import dynamic from "next/dynamic";
import { useRef, useState, type FormEvent } from "react";

import { ChainGate } from "@/components/wallet/chain-gate.tsx";
import type { ActionKind } from "@/lib/governance/index.ts";
import type { ProposeContext } from "@/lib/web/propose/context.ts";
import { emptyDraft, type ActionDraft } from "@/lib/web/propose/fields.ts";
import { useProposalReview } from "@/lib/web/propose/useProposalReview.ts";
import { MAX_ACTIONS } from "@/lib/web/propose/validate.ts";

import { ActionEditor } from "./action-editor.tsx";
import { ProposerStanding } from "./proposer-standing.tsx";
import { SubmitPanel } from "./submit-panel.tsx";

// The preview (with its Markdown renderer) is only needed once a proposal is reviewed: it loads
// then, keeping the form's first load small.
const ProposalPreview = dynamic(() => import("./proposal-preview.tsx").then((module) => module.ProposalPreview), {
  loading: () => <p className="text-sm text-muted">Preparing the preview…</p>,
});

/**
 * The new-proposal form: title, Markdown description and one or more typed actions. "Review"
 * validates against the contract's bounds (nothing reaches the wallet while anything is wrong),
 * shows the decoded preview and simulates the execution; only a reviewed proposal whose simulation
 * succeeded (or whose failing calls were acknowledged) can be signed. The reads, the simulation
 * and the write live in `useProposalReview`; this component holds the text being typed.
 */
export function ProposalForm({ context }: { context: ProposeContext }) {
  const nextId = useRef(1);
  const [title, setTitle] = useState("");
  const [body, setBody] = useState("");
  const [drafts, setDrafts] = useState<ActionDraft[]>(() => [emptyDraft("setParameters", context, "a0")]);
  const proposal = useProposalReview(context, { title, body, drafts });
  const { preview, issues, reviewed, simulation, transaction } = proposal;
  const { state, busy, reset } = transaction;
  const formIssue = (field: string) => issues.find((issue) => issue.action === undefined && issue.field === field)?.message;

  // Any edit makes a new proposal: the previous write's outcome no longer describes it.
  const edit = (update: (drafts: ActionDraft[]) => ActionDraft[]) => {
    setDrafts(update);
    reset();
  };
  const review = (event: FormEvent) => {
    event.preventDefault();
    proposal.review();
  };

  return (
    <div className="space-y-6">
      <ProposerStanding account={proposal.account} standing={proposal.standing.data} error={proposal.standing.error} token={context.token} />
      <form noValidate onSubmit={review} aria-describedby={issues.length > 0 ? "form-issues" : undefined}>
        {/* Frozen while a proposal is being signed or mined, so what is sent is what is shown. */}
        <fieldset disabled={busy} className="space-y-6">
          <legend className="sr-only">Proposal</legend>
          <div className="card space-y-4">
            <div>
              <label htmlFor="proposal-title" className="block text-sm font-medium">
                Title
              </label>
              <input
                id="proposal-title"
                className="field mt-1"
                value={title}
                maxLength={200}
                aria-invalid={formIssue("title") ? true : undefined}
                onChange={(event) => {
                  setTitle(event.target.value);
                  reset();
                }}
              />
              {formIssue("title") && <p className="mt-1 text-xs font-medium text-red-700">{formIssue("title")}</p>}
            </div>
            <div>
              <label htmlFor="proposal-body" className="block text-sm font-medium">
                Description <span className="font-normal text-muted">(Markdown; shown to voters)</span>
              </label>
              <textarea
                id="proposal-body"
                className="field mt-1 min-h-32 font-mono"
                value={body}
                onChange={(event) => {
                  setBody(event.target.value);
                  reset();
                }}
              />
              {formIssue("body") && <p className="mt-1 text-xs font-medium text-red-700">{formIssue("body")}</p>}
            </div>
          </div>

          {drafts.map((draft, index) => (
            <ActionEditor
              key={draft.id}
              index={index}
              draft={draft}
              context={context}
              issues={issues.filter((issue) => issue.action === index)}
              canRemove={drafts.length > 1}
              onKindChange={(kind: ActionKind) => edit((all) => all.map((d) => (d.id === draft.id ? emptyDraft(kind, context, d.id) : d)))}
              onValueChange={(field, value) => edit((all) => all.map((d) => (d.id === draft.id ? { ...d, values: { ...d.values, [field]: value } } : d)))}
              onRemove={() => edit((all) => all.filter((d) => d.id !== draft.id))}
            />
          ))}

          <div className="flex flex-wrap gap-3">
            <button
              type="button"
              className="btn-secondary"
              disabled={drafts.length >= MAX_ACTIONS}
              onClick={() => edit((all) => [...all, emptyDraft("setParameters", context, `a${nextId.current++}`)])}
            >
              Add another action
            </button>
            <button type="submit" className="btn-primary">
              Review proposal
            </button>
          </div>

          {issues.length > 0 && (
            <div id="form-issues" role="alert" className="rounded-md border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-900">
              <p className="font-medium">Fix {issues.length === 1 ? "this problem" : `these ${issues.length} problems`} first; nothing has been sent.</p>
              <ul className="mt-1 list-disc pl-5">
                {issues.map((issue, i) => (
                  <li key={i}>{issue.action === undefined ? issue.message : `Action ${issue.action + 1}: ${issue.message}`}</li>
                ))}
              </ul>
            </div>
          )}
        </fieldset>
      </form>

      {preview && reviewed && (
        <>
          <ProposalPreview preview={preview} simulation={simulation} />
          <ChainGate chainId={context.hubChainId} action="propose">
            <SubmitPanel
              gate={proposal.gate}
              acknowledged={proposal.acknowledged}
              onAcknowledge={proposal.acknowledge}
              canSubmit={proposal.canSubmit}
              busy={busy}
              state={state}
              onSubmit={() => void proposal.submit()}
              proposalId={preview.proposalId}
              votingDelay={context.governor.votingDelay}
            />
          </ChainGate>
        </>
      )}
      {proposal.changedSinceReview && <p className="text-sm text-muted">The proposal changed since it was reviewed: review it again before submitting.</p>}
    </div>
  );
}
