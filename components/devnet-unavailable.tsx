/** Shown instead of chain data when the app has no deployment to read. */
export function DevnetUnavailable({ reason, path }: { reason: string; path: string }) {
  return (
    <section role="status" className="card border-amber-300 bg-amber-50 text-sm text-amber-900">
      <h2 className="font-semibold">No deployment to show</h2>
      <p className="mt-1">{reason}</p>
      <p className="mt-1 text-amber-800">
        Manifest looked for at <code className="font-mono">{path}</code>.
      </p>
    </section>
  );
}
