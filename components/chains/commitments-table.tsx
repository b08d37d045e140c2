import { formatUtc } from "@/lib/governance/codec/describe.ts";
import { shortHex } from "@/lib/web/format.ts";
import type { VerifyCommitmentsReturnType } from "@/lib/operator/verifyCommitments.ts";

import { Badge } from "./badge.tsx";
import { ScrollRegion } from "./scroll-region.tsx";

/**
 * The chain's newest output commitments on the hub's OutputOracle: the block, the configuration
 * version the sequencer says it applied, and whether that is the version governance had in force
 * at the block's time.
 */
export function CommitmentsTable({ commitments }: { commitments: VerifyCommitmentsReturnType | undefined }) {
  return (
    <section aria-labelledby="commitments-title" className="space-y-3">
      <h2 id="commitments-title" className="text-lg font-semibold">
        Latest commitments
      </h2>
      {commitments === undefined ? (
        <p className="text-sm text-muted">This deployment has no OutputOracle, so no commitments are posted.</p>
      ) : commitments.verdicts.length === 0 ? (
        <p className="text-sm text-muted">The sequencer has not posted an output for this chain yet.</p>
      ) : (
        <>
          <p className="text-sm text-muted">
            {commitments.outputCount === 1n ? "1 output" : `${commitments.outputCount} outputs`} posted in all
            {commitments.outputCount > BigInt(commitments.verdicts.length) ? `; the newest ${commitments.verdicts.length} shown` : ""}.
          </p>
          <ScrollRegion labelledBy="commitments-title">
            <table className="w-full min-w-[36rem] text-left text-sm" data-testid="commitments">
              <thead className="border-b border-line bg-canvas text-xs uppercase tracking-wide text-muted">
                <tr>
                  <th scope="col" className="px-3 py-2 font-medium">Block</th>
                  <th scope="col" className="px-3 py-2 font-medium">Block time</th>
                  <th scope="col" className="px-3 py-2 font-medium">Config version</th>
                  <th scope="col" className="px-3 py-2 font-medium">Block hash</th>
                  <th scope="col" className="px-3 py-2 font-medium">Check</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-line">
                {commitments.verdicts.map((output) => (
                  <tr key={output.index.toString()}>
                    <td className="px-3 py-2 font-mono text-xs">#{output.blockNumber.toString()}</td>
                    <td className="px-3 py-2">{formatUtc(output.blockTimestamp)}</td>
                    <td className="px-3 py-2 font-mono text-xs">v{output.configVersion.toString()}</td>
                    <td className="px-3 py-2 font-mono text-xs" title={output.blockHash}>
                      {shortHex(output.blockHash)}
                    </td>
                    <td className="px-3 py-2">
                      {output.ok ? (
                        <Badge tone="ok">governed version</Badge>
                      ) : (
                        <Badge tone="bad">{`governance had v${output.governedVersion} in force`}</Badge>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollRegion>
        </>
      )}
    </section>
  );
}
