/** Skeleton while proposals load (the list and each proposal page). */
export default function Loading() {
  return (
    <div aria-busy="true" aria-live="polite" className="space-y-4">
      <p className="sr-only">Loading proposals…</p>
      <div className="h-8 w-48 animate-pulse rounded-md bg-line" />
      <div className="h-4 w-2/3 animate-pulse rounded bg-line" />
      {[0, 1, 2].map((i) => (
        <div key={i} className="card space-y-3">
          <div className="h-5 w-3/4 animate-pulse rounded bg-line" />
          <div className="h-2 w-full animate-pulse rounded-full bg-line" />
          <div className="h-2 w-5/6 animate-pulse rounded-full bg-line" />
        </div>
      ))}
    </div>
  );
}
