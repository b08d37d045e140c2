"use client";

import { useQuery } from "@tanstack/react-query";
import type { Route } from "next";
import dynamic from "next/dynamic";
import Link from "next/link";
import { useMemo, useRef, useState, type FormEvent } from "react";
import type { PublicClient } from "viem";
import { useConnection, usePublicClient } from "wagmi";

import { TxStatus } from "@/components/tx-status.tsx";
import { ChainGate } from "@/components/wallet/chain-gate.tsx";
import type { ActionKind } from "@/lib/governance/index.ts";
import { superchainGovernorAbi } from "@/lib/contracts/index.ts";
import { explainError } from "@/lib/web/errors.ts";
import type { ProposeContext } from "@/lib/web/propose/context.ts";
import { emptyDraft, type ActionDraft } from "@/lib/web/propose/fields.ts";
import { previewProposal } from "@/lib/web/propose/preview.ts";
import { readProposerStanding, simulateProposal } from "@/lib/web/propose/simulate.ts";
import { MAX_ACTIONS, validateProposal, type FormIssue } from "@/lib/web/propose/validate.ts";
import { useTransaction } from "@/lib/web/useTransaction.ts";

import { ActionEditor } from "./action-editor.tsx";
import type { SimulationView } from "./proposal-preview.tsx";
import { ProposerStanding } from "./proposer-standing.tsx";

// The preview (with its Markdown renderer) is only needed once a proposal is reviewed: it loads
// then, keeping the form's first load small.
const ProposalPreview = dynamic(() => import("./proposal-preview.tsx").then((module) => module.ProposalPreview), {
  loading: () => <p className="text-sm text-muted">Preparing the preview…</p>,
});

/**
 * The new-proposal form: title, Markdown description and one or more typed actions. "Review"
 * validates against the contract's bounds (nothing reaches the wallet while anything is wrong),
 * shows the decoded preview and simulates the execution; only a reviewed proposal can be signed.
 */
export function ProposalForm({ context }: { context: ProposeContext }) {
  const nextId = useRef(1);
  const [title, setTitle] = useState("");
  const [body, setBody] = useState("");
  const [drafts, setDrafts] = useState<ActionDraft[]>(() => [emptyDraft("setParameters", context, "a0")]);
  const [checked, setChecked] = useState(false);
  const [reviewedId, setReviewedId] = useState<bigint | null>(null);
  const { address } = useConnection();
  const client = usePublicClient({ chainId: context.hubChainId }) as PublicClient | undefined;
  const { state, send, busy, reset } = useTransaction();

  const validation = useMemo(() => validateProposal({ title, body, drafts }, context), [title, body, drafts, context]);
  const preview = useMemo(
    () => (validation.ok ? previewProposal(validation.actions, validation.description, context) : null),
    [validation, context],
  );
  const reviewed = preview !== null && preview.proposalId === reviewedId;

  const standing = useQuery({
    queryKey: ["proposer-standing", context.hubChainId, address],
    queryFn: () => readProposerStanding(client!, { governor: context.contracts.governor, token: context.contracts.token, account: address! }),
    enabled: Boolean(client && address),
  });
  const simulation = useQuery({
    queryKey: ["proposal-simulation", context.hubChainId, reviewedId?.toString(), address],
    queryFn: () =>
      simulateProposal(client!, { input: preview!.input, governor: context.contracts.governor, timelock: context.contracts.timelock, proposer: address }),
    enabled: Boolean(client && reviewed),
    staleTime: 0,
  });
  const simulationView: SimulationView = !client
    ? { status: "unavailable", reason: "no connection to the hub chain." }
    : simulation.data
      ? { status: "done", result: simulation.data }
      : simulation.error
        ? { status: "unavailable", reason: explainError(simulation.error).sentence }
        : { status: "pending" };

  // The governor would refuse `propose` itself (e.g. votes below the threshold): do not ask the wallet.
  const proposeRefused = simulationView.status === "done" && simulationView.result.propose?.ok === false;
  const issues: readonly FormIssue[] = checked && !validation.ok ? validation.issues : [];
  const formIssue = (field: string) => issues.find((issue) => issue.action === undefined && issue.field === field)?.message;

  // Any edit makes a new proposal: the previous write's outcome no longer describes it.
  const edit = (update: (drafts: ActionDraft[]) => ActionDraft[]) => {
    setDrafts(update);
    reset();
  };
  const review = (event: FormEvent) => {
    event.preventDefault();
    setChecked(true);
    setReviewedId(preview ? preview.proposalId : null);
    // Reviewing the same proposal again re-runs the simulation against the state as it is now.
    if (preview && preview.proposalId === reviewedId) void simulation.refetch();
  };
  const submit = async () => {
    // Re-checked at the moment of signing: nothing invalid ever reaches the wallet.
    if (!validation.ok || !preview || !reviewed) return;
    const { targets, values, calldatas, description } = preview.input;
    const ok = await send({ chainId: context.hubChainId, address: context.contracts.governor, abi: superchainGovernorAbi, functionName: "propose", args: [targets, values, calldatas, description] });
    if (ok) void standing.refetch();
  };

  return (
    <div className="space-y-6">
      <ProposerStanding account={address} standing={standing.data} error={standing.error ? explainError(standing.error).sentence : undefined} token={context.token} />
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
          <ProposalPreview preview={preview} simulation={simulationView} />
          <ChainGate chainId={context.hubChainId} action="propose">
            <div className="card space-y-2">
              <button type="button" className="btn-primary" disabled={busy || state.status === "confirmed" || simulationView.status === "pending" || proposeRefused} onClick={() => void submit()}>
                Submit proposal
              </button>
              <TxStatus state={state} label="Proposal" />
              {state.status === "confirmed" && (
                <p className="text-sm">
                  <Link href={`/proposals/${preview.proposalId}` as Route} className="font-medium text-accent underline" data-testid="new-proposal-link">
                    Open the proposal
                  </Link>{" "}
                  — voting starts in {context.governor.votingDelay.toString()} seconds.
                </p>
              )}
            </div>
          </ChainGate>
        </>
      )}
      {preview && checked && !reviewed && validation.ok && (
        <p className="text-sm text-muted">The proposal changed since it was reviewed: review it again before submitting.</p>
      )}
    </div>
  );
}
