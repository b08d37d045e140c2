/** Said once, near the top, when the sequencer's side of a page cannot be shown. */
export function SequencerUnreachable({ url, reason }: { url: string | undefined; reason: string }) {
  return (
    <div role="status" data-testid="sequencer-unreachable" className="rounded-lg border border-amber-300 bg-amber-50 p-4 text-sm text-amber-900">
      <p className="font-semibold">Sequencer unreachable</p>
      <p className="mt-1">
        {reason} The governed configuration below is read from the hub; what the sequencer runs cannot be shown
        {url === undefined ? "" : ` until ${url} answers`}.
      </p>
    </div>
  );
}
