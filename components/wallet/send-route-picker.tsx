"use client";

import { useId } from "react";

import type { SendRoute } from "@/lib/web/relay/client.ts";

/**
 * "How to send": the account's own transaction (it pays the gas) or a signature the app's
 * relayer sends (it pays). Rendered only where the app relays.
 */
export function SendRoutePicker({ value, onChange, disabled }: { value: SendRoute; onChange: (route: SendRoute) => void; disabled?: boolean }) {
  const name = useId();
  const choices = [
    { route: "wallet", label: "Send it myself", hint: "your wallet sends the transaction and pays its gas" },
    { route: "relay", label: "Gasless", hint: "you only sign; the app's relayer sends it and pays the gas" },
  ] as const;
  return (
    <fieldset disabled={disabled}>
      <legend className="mb-1 text-sm font-medium">How to send</legend>
      <div className="flex flex-col gap-2 sm:flex-row sm:flex-wrap">
        {choices.map((choice) => (
          <label key={choice.route} className="flex cursor-pointer items-start gap-2 rounded-md border border-line px-3 py-1.5 text-sm has-[:checked]:border-accent has-[:checked]:bg-accent-soft">
            <input type="radio" className="mt-1" name={name} value={choice.route} checked={value === choice.route} onChange={() => onChange(choice.route)} />
            <span>
              {choice.label}
              <span className="block text-xs text-muted">{choice.hint}</span>
            </span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}
