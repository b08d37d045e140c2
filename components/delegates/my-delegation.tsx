"use client";

import { useState, type FormEvent } from "react";
import { isAddressEqual, zeroAddress, type Address } from "viem";

import { useRequiredDeployment } from "@/components/deployment-context.tsx";
import { TxStatus } from "@/components/tx-status.tsx";
import { ChainGate } from "@/components/wallet/chain-gate.tsx";
import { SendRoutePicker } from "@/components/wallet/send-route-picker.tsx";
import { formatShare, formatTokens } from "@/lib/web/delegates/format.ts";
import { parseDelegatee } from "@/lib/web/delegates/ranking.ts";
import { useDelegation } from "@/lib/web/delegates/useDelegation.ts";
import type { SendRoute } from "@/lib/web/relay/client.ts";

export type MyDelegationProps = {
  hubChainId: number;
  token: { address: Address; symbol: string; decimals: number; totalSupply: bigint };
};

function delegateLabel(account: Address, delegatee: Address): string {
  if (isAddressEqual(delegatee, zeroAddress)) return "nobody yet: your tokens do not count as votes until you delegate them";
  if (isAddressEqual(delegatee, account)) return "yourself";
  return delegatee;
}

/**
 * The connected account's balance, delegate and voting power, and its two ways to delegate (to
 * itself in one click, or to an address checked before anything is sent). After a confirmed
 * delegation the page's ranking is read again. Reads and the write live in `useDelegation`.
 */
export function MyDelegation({ hubChainId, token }: MyDelegationProps) {
  const { account: address, position, error, delegate, own, relayed, busy } = useDelegation({ hubChainId, token: token.address });
  const relay = useRequiredDeployment().relay;
  const [route, setRoute] = useState<SendRoute>("wallet");
  const [target, setTarget] = useState("");
  const [targetError, setTargetError] = useState<string | null>(null);

  const delegateToAddress = async (event: FormEvent) => {
    event.preventDefault();
    const parsed = parseDelegatee(target);
    if (!parsed.ok) {
      setTargetError(parsed.message);
      return;
    }
    setTargetError(null);
    await delegate(parsed.address, relay ? route : "wallet");
  };

  if (!address) {
    return (
      <section aria-labelledby="my-delegation-title" className="card space-y-2">
        <h2 id="my-delegation-title" className="text-lg font-semibold">
          Your delegation
        </h2>
        <p className="text-sm text-muted">Connect a wallet to see your balance and voting power, and to delegate.</p>
      </section>
    );
  }
  const { balance, delegatee, votes } = position ?? {};
  return (
    <section aria-labelledby="my-delegation-title" className="card space-y-4">
      <h2 id="my-delegation-title" className="text-lg font-semibold">
        Your delegation
      </h2>
      {error ? (
        <p role="alert" className="text-sm text-red-700">
          Could not read your account: {error.sentence}
        </p>
      ) : (
        <dl className="grid gap-3 text-sm sm:grid-cols-3">
          <div>
            <dt className="text-muted">Balance</dt>
            <dd className="font-medium tabular-nums" data-testid="my-balance">
              {balance === undefined ? "…" : `${formatTokens(balance, token.decimals)} ${token.symbol}`}
            </dd>
          </div>
          <div>
            <dt className="text-muted">Delegating to</dt>
            <dd className="break-all font-medium" data-testid="my-delegate">
              {delegatee === undefined ? "…" : delegateLabel(address, delegatee)}
            </dd>
          </div>
          <div>
            <dt className="text-muted">Your voting power</dt>
            <dd className="font-medium tabular-nums" data-testid="my-voting-power">
              {votes === undefined ? "…" : `${formatTokens(votes, token.decimals)} ${token.symbol} (${formatShare(votes, token.totalSupply)} of supply)`}
            </dd>
          </div>
        </dl>
      )}
      <ChainGate chainId={hubChainId} action="delegate">
        <div className="space-y-4">
          {relay && <SendRoutePicker value={route} onChange={setRoute} disabled={busy} />}
          <button type="button" className="btn-primary" disabled={busy} onClick={() => {
              setTargetError(null);
              void delegate(address, relay ? route : "wallet");
            }}>
            Delegate to myself
          </button>
          <form noValidate onSubmit={delegateToAddress} className="space-y-1">
            <label htmlFor="delegatee" className="block text-sm font-medium">
              Delegate to another address
            </label>
            <div className="flex flex-col gap-2 sm:flex-row">
              <input
                id="delegatee"
                className={`field font-mono ${targetError ? "border-red-600" : ""}`}
                placeholder="0x…"
                autoComplete="off"
                spellCheck={false}
                value={target}
                aria-invalid={targetError ? true : undefined}
                aria-describedby={targetError ? "delegatee-error" : "delegatee-hint"}
                onChange={(event) => {
                  setTarget(event.target.value);
                  setTargetError(null);
                }}
              />
              <button type="submit" className="btn-secondary shrink-0" disabled={busy}>
                Delegate
              </button>
            </div>
            {targetError ? (
              <p id="delegatee-error" role="alert" className="text-sm font-medium text-red-700">
                {targetError}
              </p>
            ) : (
              <p id="delegatee-hint" className="text-xs text-muted">
                Your tokens stay yours; the delegate votes with their weight until you delegate again.
              </p>
            )}
          </form>
          <TxStatus state={own} label="Delegation" />
          <TxStatus state={relayed} label="Gasless delegation" />
        </div>
      </ChainGate>
    </section>
  );
}
