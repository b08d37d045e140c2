/** Skeleton while a delegate's record loads. */
export default function Loading() {
  return (
    <div role="status" aria-busy="true" aria-label="Loading the delegate" className="animate-pulse space-y-6">
      <div className="h-4 w-24 rounded bg-line" />
      <div className="h-8 w-full max-w-xl rounded bg-line" />
      <div className="card h-24" />
      <div className="card h-48" />
      <div className="card h-40" />
    </div>
  );
}
