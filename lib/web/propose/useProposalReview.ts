"use client";

import { useQuery } from "@tanstack/react-query";
import { useCallback, useMemo, useState } from "react";
import type { PublicClient } from "viem";
import { useConnection, usePublicClient } from "wagmi";

import { superchainGovernorAbi } from "../../contracts/index.ts";
import { explainError } from "../errors.ts";
import { useTransaction } from "../useTransaction.ts";
import type { ProposeContext } from "./context.ts";
import type { ActionDraft } from "./fields.ts";
import { previewProposal } from "./preview.ts";
import { maySubmit, submitGate, type SimulationView } from "./review.ts";
import { readProposerStanding, simulateProposal } from "./simulate.ts";
import { validateProposal, type FormIssue } from "./validate.ts";

export interface ProposalFormValues {
  title: string;
  body: string;
  drafts: readonly ActionDraft[];
}

/**
 * Everything between the form and the wallet, in one place: validation against the contract's
 * bounds, the decoded preview, the connected account's standing against the proposal threshold,
 * the simulation of the reviewed proposal (each call from the timelock, `propose` from the
 * account) and the gate in front of Submit. Nothing reaches the wallet unless the simulation
 * succeeded, or its failing calls were explicitly acknowledged ("submit anyway").
 *
 * @example
 * const review = useProposalReview(context, { title, body, drafts })
 * <form onSubmit={review.review}>…</form>
 * <button disabled={!review.canSubmit} onClick={() => void review.submit()}>Submit proposal</button>
 */
export function useProposalReview(context: ProposeContext, { title, body, drafts }: ProposalFormValues) {
  const [checked, setChecked] = useState(false);
  const [reviewedId, setReviewedId] = useState<bigint | null>(null);
  const [acknowledgedKey, setAcknowledgedKey] = useState<string | null>(null);
  const { address } = useConnection();
  const client = usePublicClient({ chainId: context.hubChainId }) as PublicClient | undefined;
  const transaction = useTransaction();
  const { send } = transaction;

  const validation = useMemo(() => validateProposal({ title, body, drafts }, context), [title, body, drafts, context]);
  const preview = useMemo(() => (validation.ok ? previewProposal(validation.actions, validation.description, context) : null), [validation, context]);
  const reviewed = preview !== null && preview.proposalId === reviewedId;

  const standingQuery = useQuery({
    queryKey: ["proposer-standing", context.hubChainId, address],
    queryFn: () => readProposerStanding(client!, { governor: context.contracts.governor, token: context.contracts.token, account: address! }),
    enabled: Boolean(client && address),
  });
  const simulationQuery = useQuery({
    queryKey: ["proposal-simulation", context.hubChainId, reviewedId?.toString(), address],
    queryFn: () =>
      simulateProposal(client!, { input: preview!.input, governor: context.contracts.governor, timelock: context.contracts.timelock, proposer: address }),
    enabled: Boolean(client && reviewed),
    staleTime: 0,
  });

  const simulation: SimulationView = !client
    ? { status: "unavailable", reason: "no connection to the hub chain." }
    : simulationQuery.data
      ? { status: "done", result: simulationQuery.data }
      : simulationQuery.error
        ? { status: "unavailable", reason: explainError(simulationQuery.error).sentence }
        : { status: "pending" };
  const gate = submitGate(simulation);
  // An acknowledgement covers these failing calls of this proposal from this account, nothing else.
  const gateKey = gate.status === "callsFail" ? `${reviewedId}:${address}:${gate.failed.join(",")}` : null;
  const acknowledged = gateKey !== null && acknowledgedKey === gateKey;
  const canSubmit = reviewed && maySubmit(gate, acknowledged);

  const issues: readonly FormIssue[] = checked && !validation.ok ? validation.issues : [];
  const { refetch: refetchSimulation } = simulationQuery;
  const { refetch: refetchStanding } = standingQuery;

  /** "Review proposal": show every issue, or preview and simulate the proposal as it is now. */
  const review = useCallback(() => {
    setChecked(true);
    setReviewedId(preview ? preview.proposalId : null);
    // Reviewing the same proposal again re-runs the simulation against the state as it is now.
    if (preview && preview.proposalId === reviewedId) void refetchSimulation();
  }, [preview, reviewedId, refetchSimulation]);

  const acknowledge = useCallback((value: boolean) => setAcknowledgedKey(value ? gateKey : null), [gateKey]);

  /** Sends `propose` for the reviewed proposal; the gate is checked again at the moment of signing. */
  const submit = useCallback(async () => {
    if (!validation.ok || !preview || !reviewed || !canSubmit) return;
    const { targets, values, calldatas, description } = preview.input;
    const ok = await send({ chainId: context.hubChainId, address: context.contracts.governor, abi: superchainGovernorAbi, functionName: "propose", args: [targets, values, calldatas, description] });
    if (ok) void refetchStanding();
  }, [validation, preview, reviewed, canSubmit, send, context, refetchStanding]);

  return {
    account: address,
    standing: {
      data: standingQuery.data,
      error: standingQuery.error ? explainError(standingQuery.error).sentence : undefined,
    },
    validation,
    /** The proposal as the chain will see it, once the form is valid. */
    preview,
    /** Issues to show: none until the form has been reviewed once. */
    issues,
    /** The preview is the one last reviewed (and simulated). */
    reviewed,
    /** The form changed since it was reviewed: review again before submitting. */
    changedSinceReview: checked && validation.ok && preview !== null && !reviewed,
    simulation,
    gate,
    acknowledged,
    acknowledge,
    canSubmit,
    review,
    submit,
    transaction: { state: transaction.state, busy: transaction.busy, reset: transaction.reset },
  };
}
