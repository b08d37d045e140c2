import { shortHex } from "@/lib/web/format.ts";
import type { TransactionState } from "@/lib/web/useTransaction.ts";

const shortHash = (hash: string) => shortHex(hash, 8, 6);

function describe(state: TransactionState): string {
  switch (state.status) {
    case "idle":
      return "";
    case "switching":
      return "Switch your wallet to the right network…";
    case "simulating":
      return "Checking the transaction against the current chain state…";
    case "signing":
      return "Confirm in your wallet…";
    case "relaying":
      return "The app's relayer is checking your signature and sending the transaction…";
    case "pending":
      return `Pending: ${shortHash(state.hash)}`;
    case "confirmed":
      return `Confirmed in block ${state.blockNumber} (${shortHash(state.hash)})`;
    case "failed":
      return `${state.error.name}: ${state.error.sentence}`;
  }
}

const TONE: Record<TransactionState["status"], string> = {
  idle: "",
  switching: "border-line bg-surface text-ink",
  simulating: "border-line bg-surface text-ink",
  signing: "border-line bg-surface text-ink",
  relaying: "border-line bg-surface text-ink",
  pending: "border-line bg-surface text-ink",
  confirmed: "border-emerald-300 bg-emerald-50 text-emerald-900",
  failed: "border-red-300 bg-red-50 text-red-900",
};

/**
 * What a write is doing now. The live region stays mounted while idle (empty), so screen readers
 * announce each change of text; a failure is announced assertively.
 */
export function TxStatus({ state, label = "Transaction" }: { state: TransactionState; label?: string }) {
  const idle = state.status === "idle";
  return (
    <p
      role="status"
      aria-live={state.status === "failed" ? "assertive" : "polite"}
      aria-atomic="true"
      data-tx-status={state.status}
      className={idle ? "sr-only" : `mt-2 rounded-md border px-3 py-2 text-sm ${TONE[state.status]}`}
    >
      {idle ? "" : (
        <>
          <span className="font-medium">{label}:</span> {describe(state)}
        </>
      )}
    </p>
  );
}
