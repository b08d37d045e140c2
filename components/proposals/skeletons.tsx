/** Placeholder while a page of proposals loads: a few cards with their tally bars. */
export function ProposalListSkeleton() {
  return (
    <div aria-busy="true" role="status" aria-live="polite" className="space-y-3" data-testid="proposals-loading">
      <p className="sr-only">Loading proposals…</p>
      <div aria-hidden className="h-4 w-40 animate-pulse rounded bg-line" />
      {[0, 1, 2].map((i) => (
        <div key={i} aria-hidden className="card space-y-3">
          <div className="h-5 w-3/4 animate-pulse rounded bg-line" />
          <div className="h-2 w-full animate-pulse rounded-full bg-line" />
          <div className="h-2 w-5/6 animate-pulse rounded-full bg-line" />
        </div>
      ))}
    </div>
  );
}

/** Placeholder while a proposal's votes, actions and timeline load. */
export function ProposalDetailSkeleton() {
  return (
    <div aria-busy="true" role="status" aria-live="polite" className="space-y-6" data-testid="proposal-loading">
      <p className="sr-only">Loading the proposal…</p>
      <div aria-hidden className="h-8 w-2/3 animate-pulse rounded-md bg-line" />
      <div aria-hidden className="grid gap-6 lg:grid-cols-[3fr_2fr]">
        <div className="space-y-3">
          {[0, 1, 2].map((i) => (
            <div key={i} className="card h-24 animate-pulse" />
          ))}
        </div>
        <div className="card h-64 animate-pulse" />
      </div>
    </div>
  );
}
