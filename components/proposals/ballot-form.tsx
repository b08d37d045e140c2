"use client";

import { useId, useState, type FormEvent, type ReactNode } from "react";

import { SendRoutePicker } from "@/components/wallet/send-route-picker.tsx";
import { VoteType } from "@/lib/governance/votes.ts";
import { supportLabel, type Ballot } from "@/lib/web/proposals/ballot.ts";
import { formatVotes } from "@/lib/web/proposals/format.ts";
import { RELAY_REASON_MAX_CHARS } from "@/lib/web/relay/limits.ts";
import type { TokenInfo } from "@/lib/web/proposals/types.ts";
import type { SendRoute } from "@/lib/web/relay/client.ts";

const CHOICES = [
  { support: VoteType.For, label: "For" },
  { support: VoteType.Against, label: "Against" },
  { support: VoteType.Abstain, label: "Abstain" },
] as const;

// The relay's limit too: a reason the form accepts can always go either way.
const REASON_LIMIT = RELAY_REASON_MAX_CHARS;

/**
 * For / against / abstain with an optional reason, the same on the hub and on member chains.
 * `onVote` gets the trimmed reason ("" for none) and how to send it — the voter's own
 * transaction, or gasless through the app's relayer when `relay` is offered — and sends the vote;
 * `ready` is false until the voter's standing is known, so an account that already voted is never
 * offered the button.
 */
export function BallotForm({
  ready,
  busy,
  label = "Vote",
  relay = false,
  onVote,
  children,
}: {
  ready: boolean;
  busy: boolean;
  label?: string;
  /** Whether the app relays signed ballots: the voter then chooses how to send. */
  relay?: boolean;
  onVote: (support: number, reason: string, route: SendRoute) => Promise<unknown>;
  /** Shown under the button (e.g. why it is not ready yet). */
  children?: ReactNode;
}) {
  const [support, setSupport] = useState<number | undefined>(undefined);
  const [reason, setReason] = useState("");
  const [route, setRoute] = useState<SendRoute>("wallet");
  const reasonId = useId();

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (support === undefined || !ready) return;
    await onVote(support, reason.trim(), relay ? route : "wallet");
  }

  return (
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
      {relay && <SendRoutePicker value={route} onChange={setRoute} disabled={busy} />}
      <button type="submit" className="btn-primary" disabled={busy || support === undefined || !ready}>
        {busy ? "Voting…" : label}
      </button>
      {children}
    </form>
  );
}

/**
 * The "Your vote" entry of a voter's standing, the same on the hub and on member chains: the
 * choice with its weight and reason once the ballot is read, or `unread` while the chain has not
 * told whether the account voted.
 */
export function YourVote({
  label,
  testId,
  className,
  hasVoted,
  ballot,
  unread,
  token,
}: {
  label: string;
  testId: string;
  className?: string;
  /** Whether the account voted; undefined while unknown (shows `unread`). */
  hasVoted: boolean | undefined;
  ballot: Ballot | undefined;
  unread: string;
  token: TokenInfo;
}) {
  return (
    <div className={className}>
      <dt className="text-muted">{label}</dt>
      <dd className="font-medium" data-testid={testId}>
        {hasVoted === undefined ? unread : !hasVoted ? "Not voted" : ballot ? `${supportLabel(ballot.support)} with ${formatVotes(ballot.weight, token, "full")}` : "Voted"}
      </dd>
      {ballot?.reason && <dd className="mt-1 text-muted">“{ballot.reason}”</dd>}
    </div>
  );
}
