/**
 * `superchain sequencer status`: who leads what. Reads `/healthz` from every replica the manifest
 * lists (or the URLs given) and prints each replica's lease and the chains it leads, then each
 * chain's leader. Exit 1 when no sequencer answers, a chain has no leader, or the replicas disagree on one.
 *
 *   superchain sequencer status
 *   superchain sequencer status --url http://127.0.0.1:7545,http://127.0.0.1:7546
 */
import { z } from "zod";

import { loadManifest } from "../../chains/index.ts";
import { readHealthReports, sequencerReplicaOrigins, sequencerStatus, OperatorError, type SequencerStatus } from "../../operator/index.ts";
import { defineCommand } from "../command.ts";

const statusOptions = z.strictObject({
  url: z
    .string()
    .regex(/^https?:\/\/[^\s,]+(,https?:\/\/[^\s,]+)*$/, "comma-separated sequencer URLs, e.g. http://127.0.0.1:7545")
    .optional()
    .meta({ description: "Sequencer or replica URLs to ask (comma-separated); default every replica the manifest lists", placeholder: "urls" }),
});

export const sequencerStatusCommand = defineCommand({
  name: "sequencer status",
  summary: "Show which replica leads each member chain (exit 1 when none answers or a chain has no leader)",
  options: statusOptions,
  run: async ({ url }, { paths, print }) => {
    const urls = url ? url.split(",").map((u) => new URL(u).origin) : sequencerReplicaOrigins((await loadManifest({ path: paths.manifestFile })).members);
    if (urls.length === 0) throw new OperatorError("the manifest names no sequencer URL for any member chain", { details: "Pass --url, or add members[].sequencerRpcUrl to the manifest." });
    const answers = await readHealthReports(urls);
    const status = sequencerStatus(answers);
    for (const line of statusLines(status)) print(line);
    const answered = answers.some((answer) => answer.report !== undefined);
    return !answered || status.chains.some((chain) => chain.leader === undefined) ? 1 : 0;
  },
});

function statusLines({ replicated, replicas, chains }: SequencerStatus): string[] {
  const lines: string[] = [];
  const names = new Map(chains.map((chain) => [chain.chainId, `${chain.name} (${chain.chainId})`]));
  if (!replicated) {
    const [only] = replicas;
    lines.push(only?.error ? `sequencer at ${only.url}: ${only.error}` : `single sequencer at ${only?.url} (not replicated): it builds every chain`);
  } else {
    lines.push(`replicated sequencer: ${replicas.length} replicas`);
    for (const replica of replicas) {
      const state = replica.error
        ? `unreachable (${replica.error})`
        : replica.leaseValidForMs === undefined
          ? "not asked"
          : `${replica.etcdReachable ? "etcd ok" : "etcd UNREACHABLE"}, lease ${(replica.leaseValidForMs / 1000).toFixed(1)} s${replica.paused ? ", PAUSED" : ""}; leads ${replica.leads.map((id) => names.get(id) ?? id).join(", ") || "nothing"}`;
      lines.push(`  ${(replica.id ?? "?").padEnd(10)} ${replica.url.padEnd(24)} ${state}`);
    }
  }
  lines.push("");
  const width = Math.max(5, ...[...names.values()].map((name) => name.length));
  lines.push(`  ${"chain".padEnd(width)}  leader      last block`);
  for (const chain of chains) {
    const leader = chain.leader ?? (chain.disagreement ? `DISAGREE: ${chain.disagreement.join(" vs ")}` : "NONE");
    lines.push(`  ${names.get(chain.chainId)!.padEnd(width)}  ${leader.padEnd(10)}  ${chain.lastBlock ?? "-"}`.trimEnd());
  }
  return lines;
}
