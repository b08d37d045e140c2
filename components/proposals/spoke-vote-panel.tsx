"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import type { ReactNode } from "react";
import { useConnection } from "wagmi";

import { useRequiredDeployment } from "@/components/deployment-context.tsx";
import { TxStatus } from "@/components/tx-status.tsx";
import { ChainGate } from "@/components/wallet/chain-gate.tsx";
import { formatUtc } from "@/lib/governance/codec/describe.ts";
import type { WebChain } from "@/lib/web/deployment.ts";
import { formatVotes, totalVotes } from "@/lib/web/proposals/format.ts";
import type { ProposalStateName, SpokeStateName, TokenInfo } from "@/lib/web/proposals/types.ts";
import { useCastVote } from "@/lib/web/proposals/useCastVote.ts";
import type { SendRoute } from "@/lib/web/relay/client.ts";
import { useProvenCall } from "@/lib/web/proposals/useProvenCall.ts";
import { useSpokeVoter } from "@/lib/web/proposals/useSpokeVoter.ts";

import { BallotForm, YourVote } from "./ballot-form.tsx";

export interface SpokeVotePanelProps {
  /** A member chain with `spoke` set. */
  chain: WebChain;
  /** Decimal strings: bigints do not cross into client components as plain JSON. */
  proposalId: string;
  snapshot: string;
  hubState: ProposalStateName;
  token: TokenInfo;
}

const note = "rounded-md border border-line bg-canvas px-3 py-2 text-sm text-muted";

function standingText(state: SpokeStateName, votingClosesAt: bigint, name: string): string {
  switch (state) {
    case "unknown":
      return `Not on ${name} yet`;
    case "pending":
      return `Known on ${name}; voting opens after the snapshot`;
    case "active":
      return `Open on ${name} until ${formatUtc(votingClosesAt)}`;
    case "closed":
      return `Closed on ${name} at ${formatUtc(votingClosesAt)}`;
  }
}

/**
 * Voting on one member chain: the account's SpokeToken weight there at the snapshot, whether the
 * chain knows the proposal (and a button to bring it there by proof when not), the chain's voting
 * window — it closes before the hub deadline, leaving time to relay — then for / against /
 * abstain with a reason on that chain, and "Relay now" to count the chain's tally on the hub.
 * Writes that go to the member chain sit inside its `ChainGate`; the relay goes to the hub, so it
 * and every status line stay outside (they must survive the wallet switching chains).
 */
export function SpokeVotePanel({ chain, proposalId, snapshot, hubState, token }: SpokeVotePanelProps) {
  const deployment = useRequiredDeployment();
  const spoke = chain.spoke!;
  const { address } = useConnection();
  const router = useRouter();
  const id = BigInt(proposalId);
  const { proposal, weight, hasVoted, ballot, refetch } = useSpokeVoter({ chainId: chain.chainId, spoke, proposalId: id, snapshot: BigInt(snapshot), voter: address });
  const learn = useProvenCall("learn");
  const relay = useProvenCall("relay");
  const ballotBox = useCastVote({ chainId: chain.chainId, contract: "aggregator", address: spoke.aggregator, proposalId: id });
  const name = chain.name;
  const open = hubState === "pending" || hubState === "active";
  const here = proposal.data;

  async function bring() {
    if (await learn.run({ chainId: chain.chainId, address: spoke.aggregator, proposalId: id }, chain.chainId)) await refetch();
  }

  async function vote(support: number, reason: string, route: SendRoute) {
    if (!(await ballotBox.vote(support, reason, route))) return;
    await refetch();
    router.refresh();
  }

  async function relayNow() {
    if (await relay.run({ chainId: deployment.hub.chainId, address: spoke.pool, proposalId: id }, chain.chainId)) router.refresh();
  }

  let body: ReactNode;
  if (!open) {
    body = <p className={note} data-testid="spoke-vote-disabled">Voting is closed: the proposal is {hubState}.</p>;
  } else if (here === undefined) {
    body = <p className={note}>{proposal.error ? `Could not read ${name}: reload the page to try again.` : `Reading ${name}…`}</p>;
  } else if (here.state === "unknown") {
    body = (
      <div className="space-y-2">
        <p className="text-sm text-muted">
          {name} learns a proposal from a proof of the hub governor&apos;s storage against the hub state it holds. Anyone may bring it, once; the sequencer posts the hub&apos;s state
          every commitment interval.
        </p>
        <ChainGate chainId={chain.chainId} action={`bring this proposal to ${name}`}>
          <button type="button" className="btn-secondary" disabled={learn.status.busy} onClick={bring}>
            {learn.status.busy ? "Bringing…" : `Bring this proposal to ${name}`}
          </button>
        </ChainGate>
      </div>
    );
  } else if (hasVoted.data === true) {
    body = (
      <p className="rounded-md border border-emerald-300 bg-emerald-50 px-3 py-2 text-sm text-emerald-900" data-testid="spoke-counted-note">
        Counted on {name}; reaches the hub with the next relay.
      </p>
    );
  } else if (here.state === "pending") {
    body = <p className={note} data-testid="spoke-vote-disabled">Voting on {name} opens after the snapshot.</p>;
  } else if (here.state === "closed") {
    body = (
      <p className={note} data-testid="spoke-vote-disabled">
        Voting on {name} closed at {formatUtc(here.votingClosesAt)}, before the hub deadline, so its last tally can still be relayed.
      </p>
    );
  } else if (weight.data === 0n) {
    body = (
      <p className={note} data-testid="spoke-vote-disabled">
        This account had no voting power on {name} at the snapshot. Tokens bridged and delegated there before a proposal&apos;s snapshot vote on it;{" "}
        <Link href="/bridge" className="font-medium text-accent hover:underline">
          bridge tokens
        </Link>
        .
      </p>
    );
  } else {
    const ready = hasVoted.data === false && weight.data !== undefined;
    body = (
      <ChainGate chainId={chain.chainId} action={`vote on ${name}`}>
        <BallotForm ready={ready} busy={ballotBox.busy} label={`Vote on ${name}`} relay={deployment.relay} onVote={vote}>
          {!ready && (
            <p className="text-xs text-muted">{hasVoted.error || weight.error ? `Could not read your standing on ${name}: reload the page to try again.` : "Checking your voting power and earlier vote…"}</p>
          )}
        </BallotForm>
      </ChainGate>
    );
  }

  const votes = here ? totalVotes(here.tally) : 0n;
  return (
    <div className="space-y-3" data-testid={`spoke-vote-${chain.chainId}`}>
      <dl className="grid gap-2 text-sm sm:grid-cols-2">
        <div>
          <dt className="text-muted">Your voting power on {name} at the snapshot</dt>
          <dd className="font-medium" data-testid="spoke-weight">
            {address === undefined ? "Connect a wallet" : weight.data !== undefined ? formatVotes(weight.data, token, "full") : hubState === "pending" ? "Known when voting opens" : weight.error ? "Could not read" : "Reading…"}
          </dd>
        </div>
        <div>
          <dt className="text-muted">Proposal on {name}</dt>
          <dd className="font-medium" data-testid="spoke-standing">
            {here ? standingText(here.state, here.votingClosesAt, name) : proposal.error ? "Could not read" : "Reading…"}
          </dd>
          {here?.state === "active" && <dd className="text-xs text-muted">Closes before the hub deadline, leaving time to relay the last votes.</dd>}
        </div>
        <YourVote
          label={`Your vote on ${name}`}
          testId="spoke-your-vote"
          className="sm:col-span-2"
          hasVoted={address === undefined ? undefined : hasVoted.data}
          ballot={ballot.data}
          unread="—"
          token={token}
        />
      </dl>
      {body}
      <TxStatus state={learn.status.state} label={`Bring to ${name}`} />
      <TxStatus state={ballotBox.own} label={`Vote on ${name}`} />
      <TxStatus state={ballotBox.relayed} label={`Gasless vote on ${name}`} />
      {open && here !== undefined && here.state !== "unknown" && (hasVoted.data === true || votes > 0n) && (
        <div className="space-y-2 border-t border-line pt-3">
          <p className="text-sm text-muted">Anyone may relay {name}&apos;s tally to the hub once an output covering its votes is committed; the sequencer relays after each commitment too.</p>
          <button type="button" className="btn-secondary" disabled={relay.status.busy} onClick={relayNow}>
            {relay.status.busy ? "Relaying…" : "Relay now"}
          </button>
          <TxStatus state={relay.status.state} label={`Relay ${name}'s tally`} />
        </div>
      )}
    </div>
  );
}
