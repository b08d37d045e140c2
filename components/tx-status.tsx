import type { TransactionState } from "@/lib/web/useTransaction.ts";

const shortHash = (hash: string) => `${hash.slice(0, 10)}…${hash.slice(-6)}`;

/** What a write is doing now, announced to screen readers as it changes. */
export function TxStatus({ state, label = "Transaction" }: { state: TransactionState; label?: string }) {
  if (state.status === "idle") return null;
  const text = {
    switching: () => "Switch your wallet to the right network…",
    simulating: () => "Checking the transaction against the current chain state…",
    signing: () => "Confirm in your wallet…",
    pending: () => (state.status === "pending" ? `Pending: ${shortHash(state.hash)}` : ""),
    confirmed: () => (state.status === "confirmed" ? `Confirmed in block ${state.blockNumber} (${shortHash(state.hash)})` : ""),
    failed: () => (state.status === "failed" ? `${state.error.name}: ${state.error.sentence}` : ""),
  }[state.status]();
  const tone =
    state.status === "failed" ? "border-red-300 bg-red-50 text-red-900" : state.status === "confirmed" ? "border-emerald-300 bg-emerald-50 text-emerald-900" : "border-line bg-surface text-ink";
  return (
    <p role={state.status === "failed" ? "alert" : "status"} data-tx-status={state.status} className={`mt-2 rounded-md border px-3 py-2 text-sm ${tone}`}>
      <span className="font-medium">{label}:</span> {text}
    </p>
  );
}
