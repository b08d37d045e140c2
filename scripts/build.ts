/**
 * Compile the contracts and regenerate the typed ABIs, printing how long each step took.
 * Both steps are incremental: an unchanged tree rebuilds in a few seconds.
 */
import { spawnSync } from "node:child_process";
import { resolve } from "node:path";

const root = resolve(import.meta.dirname, "..");

function step(label: string, command: string, args: string[]): void {
  const started = performance.now();
  const result = spawnSync(command, args, { cwd: root, stdio: "inherit" });
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  if (result.status !== 0) {
    console.error(`${label} failed after ${seconds}s`);
    process.exit(result.status ?? 1);
  }
  console.log(`${label}: ${seconds}s`);
}

const started = performance.now();
step("compile", process.execPath, [resolve(root, "node_modules/hardhat/dist/src/cli.js"), "build", "--quiet"]);
step("abis", process.execPath, [resolve(root, "scripts/generate-abis.ts")]);
console.log(`build: ${((performance.now() - started) / 1000).toFixed(1)}s`);
