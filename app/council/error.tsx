"use client";

/** Shown when reading the council failed (a chain unreachable, the store unavailable). */
export default function CouncilError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <section className="space-y-3">
      <h1 className="text-2xl font-semibold tracking-tight">Security Council</h1>
      <div role="alert" className="card border-red-300 bg-red-50 text-sm text-red-900">
        <p className="font-medium">The council could not be read.</p>
        <p className="mt-1">{error.digest ? `The server logged the cause (digest ${error.digest}).` : error.message}</p>
      </div>
      <button type="button" className="btn-secondary" onClick={reset}>
        Try again
      </button>
    </section>
  );
}
