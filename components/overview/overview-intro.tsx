const roles = [
  {
    name: "Delegates",
    text: "vote on proposals that change the shared sequencer: its parameters, its software release, and which chains it serves. They vote on whichever member chain holds their tokens.",
  },
  {
    name: "Security Council",
    text: "signers of an M-of-N Safe approve every change before it activates, can veto it, and can pause sequencing in an emergency.",
  },
  {
    name: "Chain operators",
    text: "run the shared sequencer. It follows the configuration governed on the hub chain, refuses unapproved releases, and commits each member chain's blocks back to the hub.",
  },
] as const;

/** What the product is for, in a few sentences. */
export function OverviewIntro() {
  return (
    <section className="space-y-4">
      <h1 className="text-3xl font-semibold tracking-tight">Superchain Governance</h1>
      <p className="max-w-3xl text-muted">
        The member chains of a superchain share one sequencer and govern it together, on-chain. Nothing
        about the sequencer changes without both a token vote and a Security Council approval, and
        everyone can see which configuration every chain runs.
      </p>
      <ul className="grid gap-4 sm:grid-cols-3">
        {roles.map((role) => (
          <li key={role.name} className="rounded-lg border border-line bg-surface p-4 text-sm">
            <h2 className="font-semibold">{role.name}</h2>
            <p className="mt-1 text-muted">{role.text}</p>
          </li>
        ))}
      </ul>
    </section>
  );
}
