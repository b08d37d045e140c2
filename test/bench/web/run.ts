/**
 * Web app benchmarks on devnets, in Debian's Chromium, each on its own devnet and app:
 *   - `proposals` (issue 11): 10 then 1,000 more proposals — LCP and RPC calls of `/` and `/proposals`;
 *   - `votes` (issue 17): one proposal with 0, 1,000 then 5,000 votes over three chains and 200
 *     delegates — LCP and RPC calls of `/proposals/[id]` and `/delegates/[address]` (or `--routes`);
 * and both: first-load JavaScript of every route (target ≤ 300 KB gzip). See proposalsScenario.ts
 * and votesScenario.ts for the targets.
 *
 *   npm run bench:web                                   (both; builds the app first)
 *   npm run bench:web -- --scenario=votes --routes=/proposals/{proposal},/delegates/{delegate} --votes=1000,5000
 *   BENCH_SKIP_BUILD=1 reuses the last build; BENCH_LOADS=5 loads per median.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";

import { loadManifest } from "../../../lib/chains/index.ts";
import { devnetDown, devnetUp } from "../../../lib/devnet/devnet.ts";
import { freePort } from "../../../lib/devnet/nodes.ts";
import { buildApp, startBenchApp, type BenchApp } from "./harness.ts";
import { proposalsScenario } from "./proposalsScenario.ts";
import { DEFAULT_VOTE_ROUTES, votesScenario } from "./votesScenario.ts";

const { values } = parseArgs({
  options: {
    scenario: { type: "string", default: "all" },
    routes: { type: "string", default: process.env.BENCH_VOTE_ROUTES ?? DEFAULT_VOTE_ROUTES.join(",") },
    votes: { type: "string", default: "1000,5000" },
    delegates: { type: "string", default: "200" },
  },
});
const scenarios = values.scenario === "all" ? ["proposals", "votes"] : [values.scenario];
for (const scenario of scenarios) if (scenario !== "proposals" && scenario !== "votes") throw new Error(`--scenario must be proposals, votes or all, got ${scenario}`);
const routes = values.routes.split(",").map((route) => route.trim()).filter((route) => route.startsWith("/"));
const votes = values.votes.split(",").map(Number) as [number, number];
const delegates = Number(values.delegates);
if (votes.length !== 2 || !votes.every(Number.isInteger) || !Number.isInteger(delegates) || delegates < 1) throw new Error("--votes takes two whole numbers (e.g. 1000,5000), --delegates one");

/** A devnet (the sequencer on or off) and the app on it, for one scenario; both stopped after. */
async function onDevnet(sequencer: boolean, run: (app: BenchApp, manifest: Awaited<ReturnType<typeof loadManifest>>) => Promise<void>): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), "bench-web-"));
  const paths = { stateFile: join(dir, "state.json"), manifestFile: join(dir, "devnet.json"), logDir: join(dir, "logs") };
  let app: BenchApp | undefined;
  try {
    const ports = { hub: await freePort(), "base-local": await freePort(), "zora-local": await freePort(), sequencer: await freePort() };
    await devnetUp(paths, { ports, sequencer });
    const manifest = await loadManifest({ path: paths.manifestFile });
    app = await startBenchApp(manifest, dir);
    await run(app, manifest);
  } finally {
    await app?.stop();
    await devnetDown(paths);
  }
}

buildApp();
if (scenarios.includes("proposals")) await onDevnet(true, proposalsScenario);
// Member nodes mine the seeding transactions themselves: no sequencer builds their blocks.
if (scenarios.includes("votes")) await onDevnet(false, (app, manifest) => votesScenario(app, manifest, { routes, votes, delegates }));
