/**
 * Compile the contracts and regenerate the typed ABIs, printing how long each step took.
 * Both steps are incremental: when no Solidity input changed since the last successful compile
 * (see `scripts/lib/buildFingerprint.ts`), Hardhat is not even started; otherwise its own cache
 * recompiles only what changed. `--force` compiles regardless.
 */
import { spawnSync } from "node:child_process";
import { join, resolve } from "node:path";

import { buildFingerprint, buildStatus, clearBuildStamp, CONTRACTS_BUILD_INPUTS, writeBuildStamp } from "./lib/buildFingerprint.ts";

const root = resolve(import.meta.dirname, "..");
const artifacts = join(root, "artifacts");
// Inside artifacts/, so that `hardhat clean` forgets the compile with its outputs.
const stampFile = join(artifacts, "superchain-build.json");
const force = process.argv.includes("--force");

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
const fingerprint = buildFingerprint({ root, ...CONTRACTS_BUILD_INPUTS });
const status = buildStatus({ stampFile, fingerprint, outputs: ["contracts", "test", "build-info"].map((dir) => join(artifacts, dir)) });
if (status.current && !force) {
  console.log(`compile: contracts unchanged since the last build, Hardhat not run (${((performance.now() - started) / 1000).toFixed(1)}s)`);
} else {
  clearBuildStamp(stampFile);
  step("compile", process.execPath, [resolve(root, "node_modules/hardhat/dist/src/cli.js"), "build", "--quiet", ...(force ? ["--force"] : [])]);
  writeBuildStamp({ stampFile, fingerprint });
}
step("abis", process.execPath, [resolve(root, "scripts/generate-abis.ts")]);
console.log(`build: ${((performance.now() - started) / 1000).toFixed(1)}s`);
