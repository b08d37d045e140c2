"use client";

import { useId, useState, type FormEvent } from "react";
import type { Address } from "viem";

import { TxStatus } from "@/components/tx-status.tsx";
import { parseAmount, parseRecipient } from "@/lib/web/bridge/inputs.ts";
import type { LabelledState } from "@/lib/web/bridge/useBridgeActions.ts";
import { formatTokenAmount } from "@/lib/web/format.ts";

export type TransferFormProps = {
  /** "deposit" or "withdraw": names the form's heading, fields and test ids. */
  name: "deposit" | "withdraw";
  title: string;
  /** One sentence: what happens, on which chain. */
  description: string;
  submitLabel: string;
  account: Address;
  /** What the account holds on the chain tokens leave from; undefined while it loads. */
  available: bigint | undefined;
  token: { symbol: string; decimals: number };
  status: LabelledState;
  onSubmit: (amount: bigint, recipient: Address) => Promise<boolean>;
};

/**
 * An amount and an optional recipient (the account itself by default), both checked before the
 * wallet is asked; the write's status under the button. Used for deposits and withdrawals alike.
 */
export function TransferForm({ name, title, description, submitLabel, account, available, token, status, onSubmit }: TransferFormProps) {
  const id = useId();
  const [amount, setAmount] = useState("");
  const [recipient, setRecipient] = useState("");
  const [errors, setErrors] = useState<{ amount?: string; recipient?: string }>({});

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const parsedAmount = parseAmount(amount, { decimals: token.decimals, available, symbol: token.symbol });
    const parsedRecipient = parseRecipient(recipient, account);
    const next = {
      ...(parsedAmount.ok ? {} : { amount: parsedAmount.message }),
      ...(parsedRecipient.ok ? {} : { recipient: parsedRecipient.message }),
    };
    setErrors(next);
    if (!parsedAmount.ok || !parsedRecipient.ok) return;
    if (await onSubmit(parsedAmount.value, parsedRecipient.value)) setAmount("");
  };

  const amountId = `${id}-amount`;
  const recipientId = `${id}-recipient`;
  return (
    <section aria-labelledby={`${id}-title`} className="card space-y-3" data-testid={`${name}-form`}>
      <div>
        <h3 id={`${id}-title`} className="font-semibold">
          {title}
        </h3>
        <p className="text-sm text-muted">{description}</p>
      </div>
      <form noValidate onSubmit={submit} className="space-y-3">
        <div className="space-y-1">
          <label htmlFor={amountId} className="block text-sm font-medium">
            Amount to {name} ({token.symbol})
          </label>
          <input
            id={amountId}
            className={`field tabular-nums ${errors.amount ? "border-red-600" : ""}`}
            inputMode="decimal"
            autoComplete="off"
            placeholder="0.0"
            value={amount}
            aria-invalid={errors.amount ? true : undefined}
            aria-describedby={`${amountId}-hint`}
            onChange={(event) => {
              setAmount(event.target.value);
              setErrors(({ recipient: keep }) => (keep ? { recipient: keep } : {}));
            }}
          />
          <p id={`${amountId}-hint`} className={errors.amount ? "text-sm font-medium text-red-700" : "text-xs text-muted"} role={errors.amount ? "alert" : undefined}>
            {errors.amount ?? (available === undefined ? "Reading your balance…" : `You hold ${formatTokenAmount(available, token.decimals, { symbol: token.symbol })} here.`)}
          </p>
        </div>
        <div className="space-y-1">
          <label htmlFor={recipientId} className="block text-sm font-medium">
            Recipient (optional)
          </label>
          <input
            id={recipientId}
            className={`field font-mono ${errors.recipient ? "border-red-600" : ""}`}
            placeholder={account}
            autoComplete="off"
            spellCheck={false}
            value={recipient}
            aria-invalid={errors.recipient ? true : undefined}
            aria-describedby={`${recipientId}-hint`}
            onChange={(event) => {
              setRecipient(event.target.value);
              setErrors(({ amount: keep }) => (keep ? { amount: keep } : {}));
            }}
          />
          <p id={`${recipientId}-hint`} className={errors.recipient ? "text-sm font-medium text-red-700" : "text-xs text-muted"} role={errors.recipient ? "alert" : undefined}>
            {errors.recipient ?? "Leave empty to receive the tokens yourself."}
          </p>
        </div>
        <button type="submit" className="btn-primary" disabled={status.busy}>
          {submitLabel}
        </button>
      </form>
      <TxStatus state={status.state} label={status.label} />
    </section>
  );
}
