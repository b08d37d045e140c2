/** Skeleton while the form's bounds and current configuration load. */
export default function Loading() {
  return (
    <div role="status" aria-busy="true" aria-label="Loading the proposal form" className="animate-pulse space-y-6">
      <div className="h-9 w-56 rounded bg-line" />
      <div className="h-4 w-full max-w-2xl rounded bg-line" />
      <div className="card space-y-3">
        <div className="h-8 w-full rounded bg-line" />
        <div className="h-24 w-full rounded bg-line" />
      </div>
      <div className="card grid gap-4 sm:grid-cols-2">
        {Array.from({ length: 6 }, (_, i) => (
          <div key={i} className="h-12 rounded bg-line" />
        ))}
      </div>
    </div>
  );
}
