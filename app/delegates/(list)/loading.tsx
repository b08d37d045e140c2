/** Skeleton while the delegates' ranking loads. */
export default function Loading() {
  return (
    <div role="status" aria-busy="true" aria-label="Loading delegates" className="animate-pulse space-y-6">
      <div className="h-9 w-40 rounded bg-line" />
      <div className="h-4 w-full max-w-2xl rounded bg-line" />
      <div className="card h-28" />
      <div className="card space-y-2">
        {Array.from({ length: 8 }, (_, i) => (
          <div key={i} className="h-6 rounded bg-line" />
        ))}
      </div>
    </div>
  );
}
