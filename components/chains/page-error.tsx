/**
 * What a page says when its chain reads failed. Server errors reach the browser without their
 * message (Next.js hides it in production), so the text names the usual causes and the digest
 * matches the server's log line.
 */
export function PageError({ title, digest, onRetry }: { title: string; digest: string | undefined; onRetry: () => void }) {
  return (
    <section role="alert" className="card space-y-3 border-red-300 bg-red-50 text-red-900">
      <h1 className="text-xl font-semibold">{title}</h1>
      <p className="text-sm">
        The hub&apos;s node did not answer, or answered with an error. Check that the devnet (or the deployment&apos;s RPC
        endpoints) is running, then try again.
      </p>
      {digest !== undefined && <p className="text-xs">Error reference: <code className="font-mono">{digest}</code></p>}
      <button type="button" className="btn-secondary" onClick={onRetry}>
        Try again
      </button>
    </section>
  );
}
