import type { Route } from "next";
import Link from "next/link";
import type { Address } from "viem";

import { formatTokens } from "@/lib/web/delegates/format.ts";
import type { ProposerStanding as Standing } from "@/lib/web/propose/simulate.ts";

export type ProposerStandingProps = {
  account: Address | undefined;
  standing: Standing | undefined;
  error: string | undefined;
  token: { symbol: string; decimals: number };
};

/**
 * Whether the connected account may propose: its votes against the governor's proposal threshold,
 * and what to do when they fall short (get votes delegated on /delegates).
 */
export function ProposerStanding({ account, standing, error, token }: ProposerStandingProps) {
  const amount = (value: bigint) => `${formatTokens(value, token.decimals)} ${token.symbol}`;
  if (!account) return null;
  if (error) return <p role="alert" className="text-sm text-red-700">Could not read your voting power: {error}</p>;
  if (!standing) return <p className="text-sm text-muted">Reading your voting power…</p>;
  if (standing.status === "eligible") {
    return (
      <p data-testid="proposer-standing" data-status="eligible" className="text-sm text-emerald-800">
        You can propose: your voting power ({amount(standing.votes)}) meets the proposal threshold ({amount(standing.threshold)}).
      </p>
    );
  }
  return (
    <div data-testid="proposer-standing" data-status="belowThreshold" className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900">
      <p className="font-medium">Your voting power is below the proposal threshold.</p>
      <p className="mt-1">
        Proposing needs {amount(standing.threshold)} of votes; this account has {amount(standing.votes)}, {amount(standing.shortfall)} short.
        Votes count once tokens are delegated: delegate your own tokens to yourself, or ask holders to delegate to you, on the{" "}
        <Link href={"/delegates" as Route} className="font-medium underline">
          Delegates page
        </Link>
        . You can still write and check a proposal here.
      </p>
    </div>
  );
}
