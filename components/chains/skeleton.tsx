/** A grey placeholder block while a page's chain reads are in flight. */
export function SkeletonBlock({ className = "h-24" }: { className?: string }) {
  return <div aria-hidden className={`animate-pulse rounded-lg bg-line/70 ${className}`} />;
}

/** A page-shaped placeholder: a title line and a few blocks, announced once to screen readers. */
export function PageSkeleton({ label, blocks = 3 }: { label: string; blocks?: number }) {
  return (
    <div className="space-y-6" role="status" aria-live="polite" aria-busy="true">
      <span className="sr-only">{label}</span>
      <SkeletonBlock className="h-9 w-64" />
      {Array.from({ length: blocks }, (_, i) => (
        <SkeletonBlock key={i} className={i === 0 ? "h-32" : "h-48"} />
      ))}
    </div>
  );
}
