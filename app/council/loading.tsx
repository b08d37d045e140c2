/** Skeleton while the council Safe and the registry are read. */
export default function CouncilLoading() {
  return (
    <div role="status" aria-live="polite" aria-busy="true" className="space-y-6">
      <span className="sr-only">Loading the council…</span>
      <div className="h-8 w-64 animate-pulse rounded bg-line" />
      <div className="h-4 w-full max-w-xl animate-pulse rounded bg-line" />
      {[0, 1, 2].map((i) => (
        <div key={i} className="card space-y-3">
          <div className="h-5 w-48 animate-pulse rounded bg-line" />
          <div className="h-4 w-full animate-pulse rounded bg-line" />
          <div className="h-4 w-2/3 animate-pulse rounded bg-line" />
        </div>
      ))}
    </div>
  );
}
