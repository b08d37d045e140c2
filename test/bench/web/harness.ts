/**
 * What the web benchmarks share: the built app started against a devnet through counting RPC
 * proxies, Debian's Chromium, and the two page measurements (LCP and RPC calls of a load; first-
 * load JavaScript). A route that answers 404 (not built yet on this branch) is measured as such,
 * never as a crash: its figures are `missing`.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { join, resolve } from "node:path";
import { gzipSync } from "node:zlib";

import { chromium, type Browser } from "@playwright/test";

import { writeManifest, type Manifest } from "../../../lib/chains/index.ts";
import { freePort } from "../../../lib/devnet/nodes.ts";
import { startRpcCounter, type RpcCounter } from "./rpcCounter.ts";

export const root = resolve(import.meta.dirname, "../../..");
export const LOADS = Number(process.env.BENCH_LOADS ?? 5);
const CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"];

export const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;

/** A page's figures, or the HTTP status that stopped its measurement (404: the route does not exist on this build). */
export type Measured = { ok: true; lcp: number; calls: number; http: number; methods: Record<string, number> } | { ok: false; status: number };

export function buildApp(): void {
  if (process.env.BENCH_SKIP_BUILD) return;
  const build = spawnSync(process.execPath, [resolve(root, "node_modules/next/dist/bin/next"), "build"], { cwd: root, stdio: "inherit" });
  if (build.status !== 0) throw new Error("next build failed");
}

async function waitForHttp(url: string): Promise<void> {
  for (let i = 0; i < 240; i++) {
    if (await fetch(url).then((r) => r.ok, () => false)) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${url} did not come up`);
}

export interface BenchApp {
  baseURL: string;
  browser: Browser;
  counters: RpcCounter[];
  stop(): Promise<void>;
}

/** `next start` on a copy of the manifest whose chains are read through counting proxies, and Chromium. */
export async function startBenchApp(manifest: Manifest, dir: string): Promise<BenchApp> {
  const counters: RpcCounter[] = [];
  let web: ChildProcess | undefined;
  let browser: Browser | undefined;
  const stop = async () => {
    await browser?.close();
    web?.kill("SIGTERM");
    for (const counter of counters) await counter.close();
  };
  try {
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
    return { baseURL, browser, counters, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** Loads `path` LOADS times after one warm-up; median LCP and RPC calls of a load. */
export async function measure({ browser, baseURL, counters }: BenchApp, path: string): Promise<Measured> {
  const lcps: number[] = [];
  const calls: number[] = [];
  const requests: number[] = [];
  /** The last load's calls by method, every chain together: what a figure is made of. */
  let methods: Record<string, number> = {};
  for (let i = 0; i <= LOADS; i++) {
    const context = await browser.newContext();
    const page = await context.newPage();
    for (const counter of counters) counter.reset();
    const response = await page.goto(`${baseURL}${path}`, { waitUntil: "load" });
    if (!response?.ok()) {
      await context.close();
      return { ok: false, status: response?.status() ?? 0 };
    }
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
  return { ok: true, lcp: median(lcps), calls: median(calls), http: median(requests), methods };
}

/**
 * Gzip size of every script a first visit of `path` downloads before the page's load event —
 * Next's "first load JS": what links prefetch afterwards, while idle, is not counted. A page that
 * does not answer 2xx gives its status instead.
 */
export async function firstLoadJs({ browser, baseURL }: BenchApp, path: string): Promise<{ ok: true; bytes: number } | { ok: false; status: number }> {
  const context = await browser.newContext();
  const page = await context.newPage();
  const scripts = new Map<string, Promise<Buffer>>();
  let loaded = false;
  page.on("response", (response) => {
    if (!loaded && response.request().resourceType() === "script") scripts.set(response.url(), response.body());
  });
  const response = await page.goto(`${baseURL}${path}`, { waitUntil: "load" });
  loaded = true;
  let total = 0;
  for (const body of scripts.values()) total += gzipSync(await body).length;
  await context.close();
  return response?.ok() ? { ok: true, bytes: total } : { ok: false, status: response?.status() ?? 0 };
}

/** Prints one table row: a wide first column, then fixed-width cells. */
export const row = (cells: string[]) => console.log(cells.map((c, i) => c.padEnd(i === 0 ? 52 : 18)).join(""));

/** "404: route not on this build" and the like, for a cell. */
export const missing = (status: number) => (status === 404 ? "404 (no route)" : `HTTP ${status}`);

/** The first-load JS table of `paths` (labels: the route pattern), against the 300 KB target. */
export async function printFirstLoadJs(app: BenchApp, paths: ReadonlyArray<{ path: string; label: string }>): Promise<void> {
  console.log("");
  row(["route", "first-load JS gzip", "", "target"]);
  for (const { path, label } of paths) {
    const js = await firstLoadJs(app, path);
    if (!js.ok) row([label, missing(js.status), "", "not measured"]);
    else row([label, `${(js.bytes / 1024).toFixed(1)} KB`, "", js.bytes <= 300 * 1024 ? "met (≤ 300 KB)" : "MISSED (≤ 300 KB)"]);
  }
}
