/**
 * Many votes (issue 17's targets): 200 hub delegates (with 400 holders delegating to them) and
 * one proposal whose votes grow from 0 to 1,000 to 5,000, spread over the hub and both member
 * chains (the 200 delegates on the hub, the rest split between the members' aggregators) —
 *   1. LCP of the routes given (default `/proposals/[id]` and `/delegates/[address]`; median of
 *      LOADS loads; target ≤ 1.5 s at 5,000 votes);
 *   2. RPC calls per load at 0, 1,000 and 5,000 votes (target: constant in the number of votes);
 *   3. first-load JavaScript of every route, gzip (target ≤ 300 KB).
 * Every figure is also given as a ratio to the same page with 0 votes, measured in the same run.
 */
import type { Manifest } from "../../../lib/chains/index.ts";
import { LOADS, measure, missing, printFirstLoadJs, row, type BenchApp, type Measured } from "./harness.ts";
import { ROUTES } from "./proposalsScenario.ts";
import { seedVotes } from "./seedVotes.ts";

/** The routes measured, `{proposal}` and `{delegate}` filled in: `--routes=/a/{proposal},/b` or `BENCH_VOTE_ROUTES`. */
export const DEFAULT_VOTE_ROUTES = ["/proposals/{proposal}", "/delegates/{delegate}"];

export interface VotesScenarioOptions {
  routes: readonly string[];
  /** Votes at the middle and the last measurement (default 1,000 and 5,000). */
  votes: readonly [number, number];
  delegates: number;
}

const ratio = (value: number, base: number) => (base > 0 ? `${(value / base).toFixed(2)}×` : "—");

function printVotesTable(results: ReadonlyArray<{ label: string; runs: Measured[] }>, columns: readonly string[]): void {
  row(["page", ...columns, "last / baseline", "target"]);
  for (const { label, runs } of results) {
    const [base, middle, last] = runs;
    if (!base?.ok || !middle?.ok || !last?.ok) {
      row([label, ...runs.map((run) => (run.ok ? "measured" : missing(run.status))), "", "not measured"]);
      continue;
    }
    row([`LCP ${label} (ms)`, base.lcp.toFixed(0), middle.lcp.toFixed(0), last.lcp.toFixed(0), ratio(last.lcp, base.lcp), last.lcp <= 1500 ? "met (≤ 1500)" : "MISSED (≤ 1500)"]);
    row([
      `RPC calls ${label} (HTTP requests)`,
      `${base.calls} (${base.http})`,
      `${middle.calls} (${middle.http})`,
      `${last.calls} (${last.http})`,
      ratio(last.calls, base.calls),
      last.calls <= middle.calls ? "met (constant)" : "MISSED (grows)",
    ]);
    const methods = (run: Measured) => (run.ok ? Object.entries(run.methods).map(([method, n]) => `${method} ×${n}`).join(", ") : "");
    console.log(`  ${label} calls by method: ${columns.map((column, i) => `${column} → ${methods(runs[i]!)}`).join("; ")}`);
  }
}

export async function votesScenario(app: BenchApp, manifest: Manifest, options: VotesScenarioOptions): Promise<void> {
  const [middle, last] = options.votes;
  const spokeMiddle = Math.floor((middle - options.delegates) / 2);
  const spokeLast = Math.floor((last - options.delegates) / 2);
  if (spokeMiddle < 0 || spokeLast < spokeMiddle) throw new Error(`votes ${middle} and ${last} must be at least the ${options.delegates} hub delegates and increasing`);

  const seedStart = performance.now();
  const seeded = await seedVotes(manifest, { delegates: options.delegates, holders: 2 * options.delegates, spokeVoters: spokeLast }, (message) => console.log(`seeding: ${message}`));
  const seedAccounts = (performance.now() - seedStart) / 1000;
  const paths = options.routes.map((route) => ({
    label: route.replaceAll("{proposal}", "[id]").replaceAll("{delegate}", "[address]"),
    path: route.replaceAll("{proposal}", seeded.proposalId.toString()).replaceAll("{delegate}", seeded.delegates[0]!),
  }));
  const measureAll = async () => {
    const runs: Measured[] = [];
    for (const { path } of paths) runs.push(await measure(app, path));
    return runs;
  };
  const counts: number[] = [];
  const phases: Measured[][] = [await measureAll()];
  counts.push(await seeded.countVotes());

  const voteStart = performance.now();
  await seeded.castVotes({ hub: [0, options.delegates], spoke: [0, spokeMiddle] });
  counts.push(await seeded.countVotes());
  phases.push(await measureAll());
  await seeded.castVotes({ hub: [options.delegates, options.delegates], spoke: [spokeMiddle, spokeLast] });
  counts.push(await seeded.countVotes());
  const voteSeconds = (performance.now() - voteStart) / 1000;
  phases.push(await measureAll());

  const columns = counts.map((n, i) => `${n.toLocaleString("en")} votes${i === 0 ? " (base)" : ""}`);
  console.log(
    `\n== many votes ==\n(${options.delegates} hub delegates with ${2 * options.delegates} holders delegating to them and ${2 * spokeLast} spoke voters seeded in ${seedAccounts.toFixed(1)} s; ` +
      `${counts.at(-1)} votes cast in ${voteSeconds.toFixed(1)} s: ${options.delegates} on the hub, the rest split over ${manifest.members.map((m) => m.name).join(" and ")}; ` +
      `proposal ${seeded.proposalId}, delegate ${seeded.delegates[0]}; medians of ${LOADS} loads after a warm-up)\n`,
  );
  if (counts[1] !== spokeMiddle * 2 + options.delegates || counts[2] !== spokeLast * 2 + options.delegates) {
    console.log(`WARNING: expected ${spokeMiddle * 2 + options.delegates} and ${spokeLast * 2 + options.delegates} VoteCast logs, found ${counts[1]} and ${counts[2]}`);
  }
  printVotesTable(
    paths.map(({ label }, i) => ({ label, runs: phases.map((phase) => phase[i]!) })),
    columns,
  );
  await printFirstLoadJs(app, [
    ...ROUTES.map((path) => ({ path, label: path })),
    ...paths,
  ]);
}
