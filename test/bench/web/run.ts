/**
 * Web app benchmarks on a devnet with 10 and then 1,000 more proposals, in Debian's Chromium:
 *   1. LCP of `/proposals` and `/` (median of 5 loads; target ≤ 1.5 s with 1,000 proposals);
 *   2. RPC calls per page load, counted by a proxy between the app and the nodes, with 10 vs 1,000
 *      more proposals (target: no growth). As in a real DAO, the 1,000 are history (their voting
 *      has ended) and 10 are open in both measurements, so the two differ only by history;
 *   3. first-load JavaScript per route, gzip (target ≤ 300 KB).
 *
 *   npm run bench:web        (builds the app first; BENCH_SKIP_BUILD=1 reuses the last build)
 */
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { gzipSync } from "node:zlib";

import { chromium, type Browser } from "@playwright/test";
import { createPublicClient, http } from "viem";

import { loadManifest, writeManifest } from "../../../lib/chains/index.ts";
import { superchainGovernorAbi } from "../../../lib/contracts/index.ts";
import { devnetDown, devnetUp } from "../../../lib/devnet/devnet.ts";
import { freePort } from "../../../lib/devnet/nodes.ts";
import { advanceTime } from "../../../lib/devnet/time.ts";
import { startRpcCounter, type RpcCounter } from "./rpcCounter.ts";
import { seedManyProposals } from "../../helpers/manyProposals.ts";

const root = resolve(import.meta.dirname, "../../..");
const LOADS = 5;
const ROUTES = ["/", "/proposals", "/proposals/new", "/delegates", "/council", "/chains", "/chains/901", "/bridge"] as const;
const MEASURED = ["/", "/proposals"] as const;
const CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"];

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;

async function waitForHttp(url: string): Promise<void> {
  for (let i = 0; i < 240; i++) {
    if (await fetch(url).then((r) => r.ok, () => false)) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${url} did not come up`);
}

/** Loads `path` LOADS times after one warm-up; median LCP and RPC calls of a load. */
async function measure(browser: Browser, baseURL: string, path: string, counters: RpcCounter[]) {
  const lcps: number[] = [];
  const calls: number[] = [];
  const requests: number[] = [];
  /** The last load's calls by method, every chain together: what a figure is made of. */
  let methods: Record<string, number> = {};
  for (let i = 0; i <= LOADS; i++) {
    const context = await browser.newContext();
    const page = await context.newPage();
    for (const counter of counters) counter.reset();
    await page.goto(`${baseURL}${path}`, { waitUntil: "load" });
    // Client-side reads (through the app's RPC proxy) settle shortly after load.
    await page.waitForTimeout(1_000);
    const lcp = await page.evaluate(
      () =>
        new Promise<number>((done) => {
          new PerformanceObserver((list) => {
            const entries = list.getEntries();
            done(entries.at(-1)?.startTime ?? Number.NaN);
          }).observe({ type: "largest-contentful-paint", buffered: true });
          setTimeout(() => done(Number.NaN), 3_000);
        }),
    );
    const counted = counters.map((c) => c.snapshot());
    await context.close();
    if (i === 0) continue; // warm-up: first compile of caches
    lcps.push(lcp);
    calls.push(counted.reduce((sum, c) => sum + c.calls, 0));
    requests.push(counted.reduce((sum, c) => sum + c.httpRequests, 0));
    methods = {};
    for (const { byMethod } of counted) for (const [method, n] of Object.entries(byMethod)) methods[method] = (methods[method] ?? 0) + n;
  }
  return { lcp: median(lcps), calls: median(calls), http: median(requests), methods };
}

/**
 * Gzip size of every script a first visit of `path` downloads before the page's load event —
 * Next's "first load JS": what links prefetch afterwards, while idle, is not counted.
 */
async function firstLoadJs(browser: Browser, baseURL: string, path: string): Promise<number> {
  const context = await browser.newContext();
  const page = await context.newPage();
  const scripts = new Map<string, Promise<Buffer>>();
  let loaded = false;
  page.on("response", (response) => {
    if (!loaded && response.request().resourceType() === "script") scripts.set(response.url(), response.body());
  });
  await page.goto(`${baseURL}${path}`, { waitUntil: "load" });
  loaded = true;
  let total = 0;
  for (const body of scripts.values()) total += gzipSync(await body).length;
  await context.close();
  return total;
}

const dir = mkdtempSync(join(tmpdir(), "bench-web-"));
const paths = { stateFile: join(dir, "state.json"), manifestFile: join(dir, "devnet.json"), logDir: join(dir, "logs") };
const counters: RpcCounter[] = [];
let web: ReturnType<typeof spawn> | undefined;
let browser: Browser | undefined;
try {
  if (!process.env.BENCH_SKIP_BUILD) {
    const build = spawnSync(process.execPath, [resolve(root, "node_modules/next/dist/bin/next"), "build"], { cwd: root, stdio: "inherit" });
    if (build.status !== 0) throw new Error("next build failed");
  }
  const ports = { hub: await freePort(), "base-local": await freePort(), "zora-local": await freePort(), sequencer: await freePort() };
  await devnetUp(paths, { ports });
  const manifest = await loadManifest({ path: paths.manifestFile });

  // The app reads every chain through a counting proxy.
  const proxied = structuredClone(manifest);
  for (const chain of [proxied.hub, ...proxied.members]) {
    const counter = await startRpcCounter(chain.rpcUrl);
    counters.push(counter);
    chain.rpcUrl = counter.url;
  }
  const proxiedFile = join(dir, "devnet-counted.json");
  await writeManifest(proxiedFile, proxied);

  const port = await freePort();
  web = spawn(process.execPath, [resolve(root, "node_modules/next/dist/bin/next"), "start", "--hostname", "127.0.0.1", "--port", String(port)], {
    cwd: root,
    env: { ...process.env, SUPERCHAIN_MANIFEST: proxiedFile, SUPERCHAIN_WEB_DB: join(dir, "web.sqlite"), NODE_ENV: "production" },
    stdio: "ignore",
  });
  const baseURL = `http://127.0.0.1:${port}`;
  await waitForHttp(`${baseURL}/api/health`);
  browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", args: CHROMIUM_ARGS });

  const { total: fewProposals, newestId } = await seedManyProposals(manifest, 10, 0);
  const small: Record<string, Awaited<ReturnType<typeof measure>>> = {};
  for (const path of MEASURED) small[path] = await measure(browser, baseURL, path, counters);
  const js: Record<string, number> = {};
  for (const path of [...ROUTES, `/proposals/${newestId}`]) js[path] = await firstLoadJs(browser, baseURL, path);

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
  const large: Record<string, Awaited<ReturnType<typeof measure>>> = {};
  for (const path of MEASURED) large[path] = await measure(browser, baseURL, path, counters);

  const row = (cells: string[]) => console.log(cells.map((c, i) => c.padEnd(i === 0 ? 40 : 20)).join(""));
  console.log(`\n(seeded 1,000 more proposals in ${seedSeconds.toFixed(1)} s, then closed their voting; 10 open in both columns; medians of ${LOADS} loads after a warm-up)\n`);
  row(["page", `${fewProposals} proposals`, `${manyProposals} proposals`, "target"]);
  for (const path of MEASURED) {
    row([`LCP ${path} (ms)`, small[path]!.lcp.toFixed(0), large[path]!.lcp.toFixed(0), large[path]!.lcp <= 1500 ? "met (≤ 1500)" : "MISSED (≤ 1500)"]);
    row([`RPC calls ${path} (HTTP requests)`, `${small[path]!.calls} (${small[path]!.http})`, `${large[path]!.calls} (${large[path]!.http})`, large[path]!.calls <= small[path]!.calls ? "met (no growth)" : "MISSED (grows)"]);
    const methods = (load: { methods: Record<string, number> }) => Object.entries(load.methods).map(([method, n]) => `${method} ×${n}`).join(", ");
    console.log(`  ${path} calls by method: ${fewProposals} proposals → ${methods(small[path]!)}; ${manyProposals} → ${methods(large[path]!)}`);
  }
  console.log("");
  row(["route", "first-load JS gzip", "", "target"]);
  for (const path of Object.keys(js)) row([path.replace(/\/proposals\/\d+/, "/proposals/[id]"), `${(js[path]! / 1024).toFixed(1)} KB`, "", js[path]! <= 300 * 1024 ? "met (≤ 300 KB)" : "MISSED (≤ 300 KB)"]);
} finally {
  await browser?.close();
  web?.kill("SIGTERM");
  for (const counter of counters) await counter.close();
  await devnetDown(paths);
}
