"use client";

import { isAddressEqual, zeroAddress, type Address } from "viem";

import { TxStatus } from "@/components/tx-status.tsx";
import type { BridgeBalances as Balances } from "@/lib/web/bridge/useBridge.ts";
import type { LabelledState } from "@/lib/web/bridge/useBridgeActions.ts";
import type { ExplainedError } from "@/lib/web/errors.ts";
import { formatTokenAmount } from "@/lib/web/format.ts";

export type BridgeBalancesProps = {
  account: Address;
  balances: Balances | undefined;
  error: ExplainedError | undefined;
  names: { hub: string; member: string };
  token: { symbol: string; memberSymbol: string; decimals: number };
  onDelegate: (to: Address) => void;
  delegateStatus: LabelledState;
};

function delegateWords(account: Address, delegate: Address): string {
  if (isAddressEqual(delegate, zeroAddress)) return "nobody yet";
  if (isAddressEqual(delegate, account)) return "yourself";
  return delegate;
}

/**
 * The account's tokens on both sides and its delegation on the member chain. Deposits arrive
 * undelegated there, so while the account holds tokens on the member chain without a delegate,
 * it is reminded and offered to delegate to itself on that chain.
 */
export function BridgeBalances({ account, balances, error, names, token, onDelegate, delegateStatus }: BridgeBalancesProps) {
  const amount = (value: bigint | undefined, symbol: string) => (value === undefined ? "…" : formatTokenAmount(value, token.decimals, { symbol }));
  const undelegated = balances !== undefined && balances.member > 0n && isAddressEqual(balances.memberDelegate, zeroAddress);
  return (
    <section aria-labelledby="balances-title" className="card space-y-3">
      <h2 id="balances-title" className="text-lg font-semibold">
        Your balances
      </h2>
      {error ? (
        <p role="alert" className="text-sm text-red-700">
          Could not read your balances: {error.sentence}
        </p>
      ) : (
        <dl className="grid gap-3 text-sm sm:grid-cols-3">
          <div>
            <dt className="text-muted">{names.hub === "hub" ? "On the hub" : `On ${names.hub} (the hub)`}</dt>
            <dd className="font-medium tabular-nums" data-testid="hub-balance">
              {amount(balances?.hub, token.symbol)}
            </dd>
          </div>
          <div>
            <dt className="text-muted">On {names.member}</dt>
            <dd className="font-medium tabular-nums" data-testid="member-balance">
              {amount(balances?.member, token.memberSymbol)}
            </dd>
          </div>
          <div>
            <dt className="text-muted">Voting power on {names.member}</dt>
            <dd className="font-medium tabular-nums" data-testid="member-votes">
              {amount(balances?.memberVotes, token.memberSymbol)}
              {balances && <span className="block break-all font-normal text-muted">delegated to {delegateWords(account, balances.memberDelegate)}</span>}
            </dd>
          </div>
        </dl>
      )}
      <div className={`rounded-md border px-3 py-2 text-sm ${undelegated ? "border-amber-300 bg-amber-50 text-amber-900" : "border-line text-muted"}`} data-testid="delegate-reminder">
        <p>
          Tokens arrive <strong>undelegated</strong> on {names.member}: they count as votes there only once you delegate them on {names.member}, to yourself
          or to someone else. Your delegation on the hub does not carry over.
        </p>
        {balances !== undefined && balances.member > 0n && !isAddressEqual(balances.memberDelegate, account) && (
          <button type="button" className="btn-secondary mt-2" disabled={delegateStatus.busy} onClick={() => onDelegate(account)}>
            Delegate to myself on {names.member}
          </button>
        )}
      </div>
      <TxStatus state={delegateStatus.state} label={delegateStatus.label} />
    </section>
  );
}
