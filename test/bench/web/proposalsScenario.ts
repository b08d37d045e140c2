/**
 * Many proposals (issue 11's targets): a devnet with 10 and then 1,000 more proposals —
 *   1. LCP of `/proposals` and `/` (median of LOADS loads; target ≤ 1.5 s with 1,000 proposals);
 *   2. RPC calls per page load with 10 vs 1,000 more proposals (target: no growth). As in a real
 *      DAO, the 1,000 are history (their voting has ended) and 10 are open in both measurements,
 *      so the two differ only by history;
 *   3. first-load JavaScript per route, gzip (target ≤ 300 KB).
 */
import { createPublicClient, http } from "viem";

import type { Manifest } from "../../../lib/chains/index.ts";
import { superchainGovernorAbi } from "../../../lib/contracts/index.ts";
import { advanceTime } from "../../../lib/devnet/time.ts";
import { seedManyProposals } from "../../helpers/manyProposals.ts";
import { LOADS, measure, missing, printFirstLoadJs, row, type BenchApp, type Measured } from "./harness.ts";

export const ROUTES = ["/", "/proposals", "/proposals/new", "/delegates", "/council", "/chains", "/chains/901", "/bridge"] as const;
const MEASURED = ["/", "/proposals"] as const;

const methodsOf = (load: Measured) => (load.ok ? Object.entries(load.methods).map(([method, n]) => `${method} ×${n}`).join(", ") : missing(load.status));

export async function proposalsScenario(app: BenchApp, manifest: Manifest): Promise<void> {
  const { total: fewProposals, newestId } = await seedManyProposals(manifest, 10, 0);
  const small: Record<string, Measured> = {};
  for (const path of MEASURED) small[path] = await measure(app, path);
  const routes = [...ROUTES.map((path) => ({ path, label: path })), { path: `/proposals/${newestId}`, label: "/proposals/[id]" }];

  const seedStart = performance.now();
  await seedManyProposals(manifest, 1_000, 10);
  const seedSeconds = (performance.now() - seedStart) / 1000;
  // Every proposal so far becomes history: the hub moves past their voting (unvoted: defeated).
  // Then 10 fresh ones are open, as in the first measurement.
  const hub = createPublicClient({ transport: http(manifest.hub.rpcUrl) });
  const governor = { address: manifest.contracts.governor, abi: superchainGovernorAbi } as const;
  const [delay, period] = await Promise.all([hub.readContract({ ...governor, functionName: "votingDelay" }), hub.readContract({ ...governor, functionName: "votingPeriod" })]);
  await advanceTime([{ name: "hub", rpcUrl: manifest.hub.rpcUrl }], delay + period + 1n);
  const { total: manyProposals } = await seedManyProposals(manifest, 10, 1_010);
  const large: Record<string, Measured> = {};
  for (const path of MEASURED) large[path] = await measure(app, path);

  console.log(`\n== many proposals ==\n(seeded 1,000 more proposals in ${seedSeconds.toFixed(1)} s, then closed their voting; 10 open in both columns; medians of ${LOADS} loads after a warm-up)\n`);
  row(["page", `${fewProposals} proposals`, `${manyProposals} proposals`, "target"]);
  for (const path of MEASURED) {
    const [a, b] = [small[path]!, large[path]!];
    if (!a.ok || !b.ok) {
      row([path, a.ok ? "" : missing(a.status), b.ok ? "" : missing(b.status), "not measured"]);
      continue;
    }
    row([`LCP ${path} (ms)`, a.lcp.toFixed(0), b.lcp.toFixed(0), b.lcp <= 1500 ? "met (≤ 1500)" : "MISSED (≤ 1500)"]);
    row([`RPC calls ${path} (HTTP requests)`, `${a.calls} (${a.http})`, `${b.calls} (${b.http})`, b.calls <= a.calls ? "met (no growth)" : "MISSED (grows)"]);
    console.log(`  ${path} calls by method: ${fewProposals} proposals → ${methodsOf(a)}; ${manyProposals} → ${methodsOf(b)}`);
  }
  await printFirstLoadJs(app, routes);
}
