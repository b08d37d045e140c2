import type { Route } from "next";
import Link from "next/link";

import { formatUtc } from "@/lib/governance/codec/describe.ts";
import { formatRelative } from "@/lib/web/chains/format.ts";
import type { AwaitingChange } from "@/lib/web/overview/readOverview.ts";

/** The council's queue: how many changes wait for its decision, each in words, linking to /council. */
export function AwaitingCouncil({ changes, now }: { changes: readonly AwaitingChange[]; now: bigint }) {
  return (
    <section aria-labelledby="awaiting-title" className="space-y-3" data-testid="awaiting-council">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 id="awaiting-title" className="text-lg font-semibold">
          Awaiting the council <span className="text-muted">({changes.length})</span>
        </h2>
        <Link href={"/council" as Route} className="text-sm font-medium text-accent hover:underline">
          Open the council page
        </Link>
      </div>
      {changes.length === 0 ? (
        <p className="text-sm text-muted">No change is waiting for the Security Council.</p>
      ) : (
        <ul className="space-y-2">
          {changes.map((change) => (
            <li key={change.id.toString()} className="card text-sm">
              <Link href={"/council" as Route} className="font-medium text-accent hover:underline">
                Change #{change.id.toString()}
              </Link>
              <p className="mt-1">{change.sentence}</p>
              <p className="mt-1 text-muted">
                Expires {formatUtc(change.expiresAt)} ({formatRelative(change.expiresAt, now)}) unless the council decides.
              </p>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
