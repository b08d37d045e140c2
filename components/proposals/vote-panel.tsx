"use client";

import dynamic from "next/dynamic";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useConnection, useSwitchChain } from "wagmi";

import { useRequiredDeployment } from "@/components/deployment-context.tsx";
import { TxStatus } from "@/components/tx-status.tsx";
import { ChainGate } from "@/components/wallet/chain-gate.tsx";
import { formatVotes } from "@/lib/web/proposals/format.ts";
import type { ProposalStateName, TokenInfo } from "@/lib/web/proposals/types.ts";
import { useCastVote } from "@/lib/web/proposals/useCastVote.ts";
import type { SendRoute } from "@/lib/web/relay/client.ts";
import { useVoterBallot } from "@/lib/web/proposals/useVoterBallot.ts";
import type { WebChain } from "@/lib/web/deployment.ts";

import { BallotForm, YourVote } from "./ballot-form.tsx";

// Voting on a member chain loads only when a member chain is chosen, keeping the page's first load small.
const SpokeVotePanel = dynamic(() => import("./spoke-vote-panel.tsx").then((module) => module.SpokeVotePanel), {
  loading: () => <p className="text-sm text-muted">Loading the member chain's ballot…</p>,
});

export interface VotePanelProps {
  /** Decimal strings: bigints do not cross into client components as plain JSON. */
  proposalId: string;
  snapshot: string;
  governorDeployBlock: string;
  state: ProposalStateName;
  token: TokenInfo;
}

function VoteForm({ proposalId, snapshot, governorDeployBlock, state, token }: VotePanelProps) {
  const deployment = useRequiredDeployment();
  const hub = deployment.hub.chainId;
  const governor = deployment.contracts.governor;
  const { address } = useConnection();
  const id = BigInt(proposalId);
  const router = useRouter();
  const { vote: cast, own, relayed, busy } = useCastVote({ chainId: hub, contract: "governor", address: governor, proposalId: id });
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
            ? `This account had no voting power on the hub at the snapshot (delegate to yourself before a proposal's snapshot to vote).${
                deployment.members.some((member) => member.spoke) ? " Tokens bridged to a member chain vote there: pick it under “Vote on”." : ""
              }`
            : undefined;
  // Voting waits for both reads: an account that already voted must never be offered the button.
  const standingKnown = hasVoted.data === false && weight.data !== undefined;
  const standingError = hasVoted.error || weight.error;

  async function vote(support: number, text: string, route: SendRoute) {
    if (!standingKnown) return;
    if (!(await cast(support, text, route))) return;
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
        <YourVote
          label="Your vote"
          testId="your-vote"
          hasVoted={hasVoted.data}
          ballot={ballot.data}
          unread={hasVoted.error ? "Could not read" : "Reading…"}
          token={token}
        />
      </dl>
      {disabledReason ? (
        <p className="rounded-md border border-line bg-canvas px-3 py-2 text-sm text-muted" data-testid="vote-disabled">
          {disabledReason}
        </p>
      ) : (
        <BallotForm ready={standingKnown} busy={busy} relay={deployment.relay} onVote={vote}>
          {!standingKnown && (
            <p className="text-xs text-muted" data-testid="vote-waiting">
              {standingError ? "Could not read your voting power or earlier vote: reload the page to try again." : "Checking your voting power and earlier vote…"}
            </p>
          )}
        </BallotForm>
      )}
      <TxStatus state={own} label="Vote" />
      <TxStatus state={relayed} label="Gasless vote" />
    </div>
  );
}

/** "Vote on": the hub and each member chain with cross-chain voting. Picking a chain asks the wallet to switch to it. */
function ChainPicker({ chains, selected, onSelect }: { chains: readonly WebChain[]; selected: number; onSelect: (chainId: number) => void }) {
  return (
    <fieldset>
      <legend className="mb-1 text-sm font-medium">Vote on</legend>
      <div className="flex flex-wrap gap-2">
        {chains.map((chain) => (
          <label key={chain.chainId} className="flex cursor-pointer items-center gap-2 rounded-md border border-line px-3 py-1.5 text-sm has-[:checked]:border-accent has-[:checked]:bg-accent-soft">
            <input type="radio" name="vote-chain" value={chain.chainId} checked={selected === chain.chainId} onChange={() => onSelect(chain.chainId)} />
            {chain.name}
            <span className="text-xs text-muted">chain {chain.chainId}</span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}

/**
 * Voting for the connected account, on the hub or on a member chain where its tokens are: its
 * weight at the snapshot, its existing vote, and for / against / abstain with an optional
 * reason. On a member chain it also brings the proposal there and relays the chain's tally.
 * Refreshes the page's tallies once a vote (or relay) confirms.
 */
export function VotePanel(props: VotePanelProps) {
  const deployment = useRequiredDeployment();
  const connection = useConnection();
  const switchChain = useSwitchChain();
  const chains = [deployment.hub, ...deployment.members.filter((member) => member.spoke !== undefined)];
  // Until the voter picks, the panel follows the wallet: a wallet on base-local votes there.
  const [picked, setPicked] = useState<number | undefined>(undefined);
  const walletChain = connection.status === "connected" ? chains.find((chain) => chain.chainId === connection.chainId)?.chainId : undefined;
  const selected = picked ?? walletChain ?? deployment.hub.chainId;
  const select = (chainId: number) => {
    setPicked(chainId);
    if (connection.status === "connected" && connection.chainId !== chainId) switchChain.mutate({ chainId });
  };
  const member = deployment.members.find((chain) => chain.chainId === selected && chain.spoke !== undefined);
  return (
    <div className="space-y-4">
      {chains.length > 1 && <ChainPicker chains={chains} selected={selected} onSelect={select} />}
      {member ? (
        <SpokeVotePanel key={member.chainId} chain={member} proposalId={props.proposalId} snapshot={props.snapshot} hubState={props.state} token={props.token} />
      ) : (
        <ChainGate chainId={deployment.hub.chainId} action="vote">
          <VoteForm {...props} />
        </ChainGate>
      )}
    </div>
  );
}
