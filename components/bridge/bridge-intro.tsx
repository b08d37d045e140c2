/** The bridge page's heading and what the bridge does, shown in every state of the page. */
export function BridgeIntro() {
  return (
    <section className="space-y-2">
      <h1 className="text-3xl font-semibold tracking-tight">Bridge</h1>
      <p className="max-w-3xl text-muted">
        Move voting tokens between the hub and a member chain to vote there. Nothing is relayed on trust: each transfer is finalized with a storage proof
        against a state root the other chain committed.
      </p>
    </section>
  );
}
