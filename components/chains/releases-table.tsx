import { formatUtc } from "@/lib/governance/codec/describe.ts";
import { shortHex } from "@/lib/web/format.ts";
import { verdictSentence, type ReleaseOverview } from "@/lib/web/chains/releases.ts";

import { Badge } from "./badge.tsx";
import { ScrollRegion } from "./scroll-region.tsx";

/** Approved releases (newest first) against the release the sequencer runs, with the verdict. */
export function ReleasesTable({ releases }: { releases: ReleaseOverview }) {
  const { approved, running, verdict } = releases;
  return (
    <section aria-labelledby="releases-title" className="space-y-3">
      <h2 id="releases-title" className="text-lg font-semibold">
        Releases
      </h2>
      <div className="card space-y-1 text-sm" data-testid="running-release">
        {running === undefined ? (
          <p className="text-muted">The running release is not known: the sequencer did not answer.</p>
        ) : (
          <>
            <p className="flex flex-wrap items-center gap-2">
              <span>
                Running <span className="font-mono">{running.version}</span>, build{" "}
                <span className="font-mono" title={running.digest}>
                  {shortHex(running.digest)}
                </span>
              </span>
              {verdict !== undefined && <Badge tone={verdict.ok ? "ok" : "bad"}>{verdict.ok ? "acceptable" : "not acceptable"}</Badge>}
            </p>
            {verdict !== undefined && <p className="text-muted">{verdictSentence(verdict)}</p>}
          </>
        )}
      </div>
      {approved.length === 0 ? (
        verdict?.kind !== "noneApproved" && <p className="text-sm text-muted">Governance has approved no sequencer release yet.</p>
      ) : (
        <ScrollRegion labelledBy="releases-title">
          <table className="w-full min-w-[36rem] text-left text-sm" data-testid="approved-releases">
            <thead className="border-b border-line bg-canvas text-xs uppercase tracking-wide text-muted">
              <tr>
                <th scope="col" className="px-3 py-2 font-medium">Version</th>
                <th scope="col" className="px-3 py-2 font-medium">Kind</th>
                <th scope="col" className="px-3 py-2 font-medium">Build digest</th>
                <th scope="col" className="px-3 py-2 font-medium">In force from</th>
                <th scope="col" className="px-3 py-2 font-medium">Running</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-line">
              {approved.map((release) => (
                <tr key={`${release.version}-${release.digest}-${release.activatesAt}`}>
                  <td className="px-3 py-2 font-mono text-xs">{release.version}</td>
                  <td className="px-3 py-2">{release.kind}</td>
                  <td className="px-3 py-2 font-mono text-xs" title={release.digest}>
                    {shortHex(release.digest)}
                  </td>
                  <td className="px-3 py-2">
                    {formatUtc(release.activatesAt)}
                    {!release.active && <span className="ml-2"><Badge tone="info">scheduled</Badge></span>}
                  </td>
                  <td className="px-3 py-2">{release.running ? <Badge tone="ok">this build</Badge> : <span className="text-muted">no</span>}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      )}
    </section>
  );
}
