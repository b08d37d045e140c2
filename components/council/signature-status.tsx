import type { SignatureState } from "@/lib/web/council/useCouncilDecision.ts";

const TEXT: Record<Exclude<SignatureState["status"], "idle" | "failed">, string> = {
  signing: "Confirm the signature in your wallet…",
  submitting: "Checking the signature and storing it…",
  stored: "Signature verified and stored.",
};

const BOX = "mt-2 rounded-md border px-3 py-2 text-sm";

/**
 * Where an off-chain signature is, announced to screen readers as it changes. Both live regions
 * stay mounted, empty while there is nothing to say: a region that appears already filled is
 * often not announced, one whose text changes is.
 */
export function SignatureStatus({ state }: { state: SignatureState }) {
  const progress = state.status === "idle" || state.status === "failed" ? undefined : TEXT[state.status];
  const tone = state.status === "stored" ? "border-emerald-300 bg-emerald-50 text-emerald-900" : "border-line bg-surface text-ink";
  return (
    <div data-signature-status={state.status}>
      <p role="status" className={progress ? `${BOX} ${tone}` : undefined}>
        {progress && (
          <>
            <span className="font-medium">Signature:</span> {progress}
          </>
        )}
      </p>
      <p role="alert" className={state.status === "failed" ? `${BOX} border-red-300 bg-red-50 text-red-900` : undefined}>
        {state.status === "failed" && (
          <>
            <span className="font-medium">Signature:</span> {state.error.name}: {state.error.sentence}
          </>
        )}
      </p>
    </div>
  );
}
