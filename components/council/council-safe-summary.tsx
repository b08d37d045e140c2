import { Badge } from "@/components/chains/badge.tsx";
import type { CouncilOwnerKind } from "@/lib/web/council/ownerKinds.ts";
import type { CouncilOverview } from "@/lib/web/council/overview.ts";

/** How an owner of this kind approves a council transaction, in a signer's words. */
function approvalPath(owner: CouncilOwnerKind): { label: string; path: string } {
  switch (owner.kind) {
    case "eoa":
      return { label: "Account", path: "Signs here with its wallet (EIP-712), or approves on-chain with approveHash." };
    case "safe":
      return {
        label: `Safe ${owner.version}, ${owner.threshold} of ${owner.owners.length}`,
        path: `${owner.threshold} of its owners sign the council transaction as a message of that Safe; the result is its EIP-1271 contract signature, added through this app's Safe Transaction Service API (api-kit's confirmTransaction) or Safe{Wallet}. Or that Safe executes approveHash as one of its own transactions.`,
      };
    default:
      return { label: "Contract", path: "Calls approveHash on the council Safe from the contract (or signs through EIP-1271 if it implements isValidSignature)." };
  }
}

/** The council Safe as it is on-chain now: address, owners (and how each approves), threshold, nonce. */
export function CouncilSafeSummary({ overview }: { overview: CouncilOverview }) {
  const { safe, chainId, state, ownerKinds } = overview;
  return (
    <section aria-labelledby="council-safe" className="card space-y-3">
      <h2 id="council-safe" className="text-lg font-semibold">
        Council Safe
      </h2>
      <dl className="grid grid-cols-1 gap-x-6 gap-y-2 text-sm sm:grid-cols-3">
        <div className="sm:col-span-3">
          <dt className="text-muted">Safe (chain {chainId})</dt>
          <dd className="font-mono break-all">{safe}</dd>
        </div>
        <div>
          <dt className="text-muted">Threshold</dt>
          <dd data-testid="council-threshold">
            {state.threshold} of {state.owners.length} owners
          </dd>
        </div>
        <div>
          <dt className="text-muted">Nonce</dt>
          <dd data-testid="council-nonce">{state.nonce.toString()}</dd>
        </div>
      </dl>
      <div className="text-sm">
        <p className="text-muted">Owners</p>
        <ul className="mt-1 space-y-1" data-testid="council-owners">
          {ownerKinds.map((owner) => {
            const { label, path } = approvalPath(owner);
            return (
              <li key={owner.owner} data-testid={`council-owner-${owner.owner}`} data-kind={owner.kind}>
                <span className="font-mono break-all">{owner.owner}</span> <Badge tone={owner.kind === "eoa" ? "neutral" : "info"}>{label}</Badge>
                <p className="text-muted text-xs">{path}</p>
              </li>
            );
          })}
        </ul>
      </div>
    </section>
  );
}
