/**
 * Time from `scripts/start.sh` starting to "Superchain Governance is up": once cold (after
 * `rm -rf .next`, so the web app is built) and then warm on the unchanged checkout (builds
 * skipped), with the ratio. Each run is stopped as Ctrl-C would (SIGINT to its process group) and
 * its devnet checked down. Target: warm ≤ 12 s on the 2-core reference machine.
 *
 * The devnet runs on start.sh's fixed default ports (8545, 9545, 10545, 7545): nothing else may
 * hold them. Removes `.next` and leaves a fresh build behind.
 *
 *   node test/bench/warm-start.ts          (BENCH_WARM_RUNS=3 for more warm runs; default 2)
 */
import { spawn, spawnSync } from "node:child_process";
import { rmSync } from "node:fs";
import { resolve } from "node:path";

import { freePort } from "../../lib/devnet/nodes.ts";

const root = resolve(import.meta.dirname, "../..");
const superchain = resolve(root, "bin/superchain");
const WARM_RUNS = Number(process.env.BENCH_WARM_RUNS ?? 2);
const UP = "Superchain Governance is up";
const TIMEOUT_MS = 10 * 60_000;

type Run = { seconds: number; builtWeb: boolean; compiled: boolean };

const devnetRunning = () => spawnSync(superchain, ["devnet", "status"], { cwd: root, stdio: "ignore" }).status === 0;

/** Runs start.sh until it says the app is up, then stops it like Ctrl-C and waits for it to exit. */
async function start(): Promise<Run> {
  const port = await freePort();
  const started = performance.now();
  const child = spawn("bash", [resolve(root, "scripts/start.sh")], { cwd: root, env: { ...process.env, WEB_PORT: String(port) }, detached: true, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  const exited = new Promise<number | null>((done) => child.once("exit", (code) => done(code)));
  const up = new Promise<number>((done, fail) => {
    const timer = setTimeout(() => fail(new Error(`start.sh did not say "${UP}" within ${TIMEOUT_MS / 1000} s`)), TIMEOUT_MS);
    const collect = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes(UP)) {
        clearTimeout(timer);
        done(performance.now());
      }
    };
    child.stdout.on("data", collect);
    child.stderr.on("data", collect);
    void exited.then((code) => {
      clearTimeout(timer);
      fail(new Error(`start.sh exited (${code}) before it was up:\n${output.split("\n").slice(-30).join("\n")}`));
    });
  });
  try {
    const at = await up;
    return { seconds: (at - started) / 1000, builtWeb: output.includes("building the web app"), compiled: !output.includes("Hardhat not run") };
  } finally {
    // Ctrl-C reaches the whole foreground process group; start.sh's trap then stops the web app and the devnet.
    if (child.exitCode === null && child.pid !== undefined) process.kill(-child.pid, "SIGINT");
    await exited;
    if (devnetRunning()) spawnSync(superchain, ["devnet", "down"], { cwd: root, stdio: "inherit" });
  }
}

if (devnetRunning()) {
  console.error("A devnet is already running from this checkout; stop it first (bin/superchain devnet down).");
  process.exit(1);
}

rmSync(resolve(root, ".next"), { recursive: true, force: true });
const cold = await start();
console.log(`cold  ${cold.seconds.toFixed(1)} s   (web app built: ${cold.builtWeb ? "yes" : "NO"}, contracts compiled: ${cold.compiled ? "yes" : "no"})`);
const warm: Run[] = [];
for (let i = 0; i < WARM_RUNS; i++) {
  const run = await start();
  warm.push(run);
  console.log(`warm  ${run.seconds.toFixed(1)} s   (web app built: ${run.builtWeb ? "YES" : "no"}, contracts compiled: ${run.compiled ? "YES" : "no"})`);
}
const best = Math.min(...warm.map((run) => run.seconds));
const worst = Math.max(...warm.map((run) => run.seconds));
console.log(`warm / cold  ${(best / cold.seconds).toFixed(2)}×–${(worst / cold.seconds).toFixed(2)}×   (warm target ≤ 12 s: ${worst <= 12 ? "met" : best <= 12 ? "met once" : "MISSED"})`);
if (warm.some((run) => run.builtWeb)) {
  console.error("a warm start rebuilt the web app: the fingerprint changed between runs");
  process.exit(1);
}
