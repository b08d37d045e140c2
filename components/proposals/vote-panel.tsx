"use client";

import { useRouter } from "next/navigation";
import { useId, useState, type FormEvent } from "react";
import { useConnection } from "wagmi";

import { useRequiredDeployment } from "@/components/deployment-context.tsx";
import { TxStatus } from "@/components/tx-status.tsx";
import { ChainGate } from "@/components/wallet/chain-gate.tsx";
import { superchainGovernorAbi } from "@/lib/contracts/index.ts";
import { VoteType } from "@/lib/governance/votes.ts";
import { supportLabel } from "@/lib/web/proposals/ballot.ts";
import { formatVotes } from "@/lib/web/proposals/format.ts";
import type { ProposalStateName, TokenInfo } from "@/lib/web/proposals/types.ts";
import { useVoterBallot } from "@/lib/web/proposals/useVoterBallot.ts";
import { useTransaction } from "@/lib/web/useTransaction.ts";

export interface VotePanelProps {
  /** Decimal strings: bigints do not cross into client components as plain JSON. */
  proposalId: string;
  snapshot: string;
  governorDeployBlock: string;
  state: ProposalStateName;
  token: TokenInfo;
}

const CHOICES = [
  { support: VoteType.For, label: "For" },
  { support: VoteType.Against, label: "Against" },
  { support: VoteType.Abstain, label: "Abstain" },
] as const;

const REASON_LIMIT = 2_000;

function VoteForm({ proposalId, snapshot, governorDeployBlock, state, token }: VotePanelProps) {
  const deployment = useRequiredDeployment();
  const hub = deployment.hub.chainId;
  const governor = deployment.contracts.governor;
  const { address } = useConnection();
  const id = BigInt(proposalId);
  const router = useRouter();
  const { state: tx, send, busy } = useTransaction();
  const [support, setSupport] = useState<number | undefined>(undefined);
  const [reason, setReason] = useState("");
  const reasonId = useId();
  const contract = { address: governor, abi: superchainGovernorAbi, chainId: hub } as const;
  const { weight, hasVoted, ballot, refetch } = useVoterBallot({
    hubChainId: hub,
    governor,
    proposalId: id,
    snapshot: BigInt(snapshot),
    fromBlock: BigInt(governorDeployBlock),
    voter: address,
    // The snapshot must be in the past for getVotes; a pending proposal has no weight to show yet.
    snapshotPassed: state !== "pending",
  });

  const disabledReason =
    state === "pending"
      ? "Voting has not opened yet."
      : state !== "active"
        ? `Voting is closed: the proposal is ${state}.`
        : hasVoted.data === true
          ? "This account has already voted."
          : weight.data === 0n
            ? "This account had no voting power at the snapshot (delegate to yourself before a proposal's snapshot to vote)."
            : undefined;
  // Voting waits for both reads: an account that already voted must never be offered the button.
  const standingKnown = hasVoted.data === false && weight.data !== undefined;
  const standingError = hasVoted.error || weight.error;

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (support === undefined || !standingKnown) return;
    const text = reason.trim();
    const ok = text
      ? await send({ ...contract, functionName: "castVoteWithReason", args: [id, support, text] })
      : await send({ ...contract, functionName: "castVote", args: [id, support] });
    if (!ok) return;
    await refetch();
    router.refresh();
  }

  return (
    <div className="space-y-3">
      <dl className="grid gap-2 text-sm sm:grid-cols-2">
        <div>
          <dt className="text-muted">Your voting power at the snapshot</dt>
          <dd className="font-medium" data-testid="voting-weight">
            {state === "pending" ? "Known when voting opens" : weight.data === undefined ? (weight.error ? "Could not read" : "Reading…") : formatVotes(weight.data, token, "full")}
          </dd>
        </div>
        <div>
          <dt className="text-muted">Your vote</dt>
          <dd className="font-medium" data-testid="your-vote">
            {hasVoted.data === undefined
              ? hasVoted.error
                ? "Could not read"
                : "Reading…"
              : !hasVoted.data
                ? "Not voted"
                : ballot.data
                  ? `${supportLabel(ballot.data.support)} with ${formatVotes(ballot.data.weight, token, "full")}`
                  : "Voted"}
          </dd>
          {ballot.data?.reason && <dd className="mt-1 text-muted">“{ballot.data.reason}”</dd>}
        </div>
      </dl>
      {disabledReason ? (
        <p className="rounded-md border border-line bg-canvas px-3 py-2 text-sm text-muted" data-testid="vote-disabled">
          {disabledReason}
        </p>
      ) : (
        <form onSubmit={submit} className="space-y-3">
          <fieldset>
            <legend className="mb-1 text-sm font-medium">Cast your vote</legend>
            <div className="flex flex-wrap gap-2">
              {CHOICES.map((choice) => (
                <label key={choice.support} className="flex cursor-pointer items-center gap-2 rounded-md border border-line px-3 py-1.5 text-sm has-[:checked]:border-accent has-[:checked]:bg-accent-soft">
                  <input type="radio" name="support" value={choice.support} checked={support === choice.support} onChange={() => setSupport(choice.support)} required />
                  {choice.label}
                </label>
              ))}
            </div>
          </fieldset>
          <div>
            <label htmlFor={reasonId} className="mb-1 block text-sm font-medium">
              Reason <span className="font-normal text-muted">(optional, public and permanent)</span>
            </label>
            <textarea id={reasonId} className="field" rows={3} maxLength={REASON_LIMIT} value={reason} onChange={(event) => setReason(event.target.value)} />
          </div>
          <button type="submit" className="btn-primary" disabled={busy || support === undefined || !standingKnown}>
            {busy ? "Voting…" : "Vote"}
          </button>
          {!standingKnown && (
            <p className="text-xs text-muted" data-testid="vote-waiting">
              {standingError ? "Could not read your voting power or earlier vote: reload the page to try again." : "Checking your voting power and earlier vote…"}
            </p>
          )}
        </form>
      )}
      <TxStatus state={tx} label="Vote" />
    </div>
  );
}

/**
 * Voting on the hub for the connected account: its weight at the snapshot, its existing vote,
 * and for / against / abstain with an optional reason. Refreshes the page's tallies once the
 * vote confirms.
 */
export function VotePanel(props: VotePanelProps) {
  const deployment = useRequiredDeployment();
  return (
    <ChainGate chainId={deployment.hub.chainId} action="vote">
      <VoteForm {...props} />
    </ChainGate>
  );
}
