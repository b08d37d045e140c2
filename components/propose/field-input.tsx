import { activationInUtc } from "@/lib/web/propose/activation.ts";
import type { FieldSpec } from "@/lib/web/propose/fields.ts";

export type FieldInputProps = {
  id: string;
  spec: FieldSpec;
  value: string;
  /** The parse error to show under the input, once the form has been checked. */
  error?: string | undefined;
  onChange: (value: string) => void;
};

const PLACEHOLDERS: Partial<Record<FieldSpec["type"], string>> = {
  address: "0x…",
  digest: "0x…",
  version: "1.4.0",
  tokens: "100000",
};

/**
 * One labelled input of an action's form. Numbers are typed as text (inputMode numeric) so a
 * malformed or out-of-range value reaches the app's own validation, which explains the bounds,
 * instead of the browser's silent clamping. An activation is typed in local time (what the
 * browser's date picker shows) and its UTC equivalent is shown under it.
 */
export function FieldInput({ id, spec, value, error, onChange }: FieldInputProps) {
  const hintId = `${id}-hint`;
  const utc = spec.type === "activation" ? activationInUtc(value) : undefined;
  const errorId = `${id}-error`;
  const describedBy = [spec.hint ? hintId : null, error ? errorId : null].filter(Boolean).join(" ") || undefined;
  const common = {
    id,
    name: id,
    value,
    "aria-invalid": error ? true : undefined,
    "aria-describedby": describedBy,
    className: `field mt-1 ${error ? "border-red-600" : ""}`,
  } as const;
  return (
    <div>
      <label htmlFor={id} className="block text-sm font-medium">
        {spec.label}
        {spec.optional && <span className="font-normal text-muted"> (optional)</span>}
      </label>
      {spec.type === "select" ? (
        <select {...common} onChange={(event) => onChange(event.target.value)}>
          {spec.options?.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
      ) : (
        <input
          {...common}
          type={spec.type === "activation" ? "datetime-local" : "text"}
          inputMode={spec.type === "uint" ? "numeric" : spec.type === "tokens" ? "decimal" : undefined}
          autoComplete="off"
          spellCheck={false}
          placeholder={PLACEHOLDERS[spec.type]}
          onChange={(event) => onChange(event.target.value)}
        />
      )}
      {spec.hint && (
        <p id={hintId} className="mt-1 text-xs text-muted">
          {utc && (
            <span className="block font-medium text-ink" data-testid="activation-utc">
              That is {utc}.
            </span>
          )}
          {spec.hint}
        </p>
      )}
      {error && (
        <p id={errorId} className="mt-1 text-xs font-medium text-red-700">
          {error}
        </p>
      )}
    </div>
  );
}
