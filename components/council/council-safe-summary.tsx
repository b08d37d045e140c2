import type { CouncilOverview } from "@/lib/web/council/overview.ts";

/** The council Safe as it is on-chain now: address, owners, threshold, nonce. */
export function CouncilSafeSummary({ overview }: { overview: CouncilOverview }) {
  const { safe, chainId, state } = overview;
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
          {state.owners.map((owner) => (
            <li key={owner} className="font-mono break-all">
              {owner}
            </li>
          ))}
        </ul>
      </div>
    </section>
  );
}
