import type { SignatureState } from "@/lib/web/council/useCouncilDecision.ts";

const TEXT: Record<Exclude<SignatureState["status"], "idle" | "failed">, string> = {
  signing: "Confirm the signature in your wallet…",
  submitting: "Checking the signature and storing it…",
  stored: "Signature verified and stored.",
};

/** Where an off-chain signature is, announced to screen readers as it changes. */
export function SignatureStatus({ state }: { state: SignatureState }) {
  if (state.status === "idle") return null;
  const failed = state.status === "failed";
  const tone = failed ? "border-red-300 bg-red-50 text-red-900" : state.status === "stored" ? "border-emerald-300 bg-emerald-50 text-emerald-900" : "border-line bg-surface text-ink";
  return (
    <p role={failed ? "alert" : "status"} data-signature-status={state.status} className={`mt-2 rounded-md border px-3 py-2 text-sm ${tone}`}>
      <span className="font-medium">Signature:</span> {failed ? `${state.error.name}: ${state.error.sentence}` : TEXT[state.status]}
    </p>
  );
}
