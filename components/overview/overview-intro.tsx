/** The dashboard's title and one sentence on what it shows. */
export function OverviewIntro() {
  return (
    <section className="space-y-2">
      <h1 className="text-2xl font-semibold tracking-tight sm:text-3xl">Superchain Governance</h1>
      <p className="max-w-3xl text-sm text-muted">
        The member chains share one sequencer and govern it on-chain: a token vote, then the Security Council&apos;s
        approval. Below: what every chain runs now, and what is on its way.
      </p>
    </section>
  );
}
