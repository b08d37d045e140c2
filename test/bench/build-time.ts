/**
 * Cold build (clean compile + ABI generation) and no-change rebuild times, against the targets
 * (cold < 60 s, no-change < 10 s on the 2-core reference machine). Leaves a fresh build behind.
 *
 *   node test/bench/build-time.ts
 */
import { spawnSync } from "node:child_process";
import { resolve } from "node:path";

const root = resolve(import.meta.dirname, "../..");
const hardhat = resolve(root, "node_modules/hardhat/dist/src/cli.js");

function timed(args: string[]): number {
  const started = performance.now();
  const result = spawnSync(process.execPath, args, { cwd: root, stdio: ["ignore", "ignore", "inherit"] });
  if (result.status !== 0) throw new Error(`${args.join(" ")} failed`);
  return (performance.now() - started) / 1000;
}

timed([hardhat, "clean"]);
const cold = timed([resolve(root, "scripts/build.ts")]);
const warm = timed([resolve(root, "scripts/build.ts")]);

console.log(`cold build        ${cold.toFixed(1)} s   (target < 60 s: ${cold < 60 ? "met" : "MISSED"})`);
console.log(`no-change rebuild ${warm.toFixed(1)} s   (target < 10 s: ${warm < 10 ? "met" : "MISSED"})`);
console.log(`rebuild / cold    ${(warm / cold).toFixed(3)}×`);
