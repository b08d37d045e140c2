/**
 * Writes lib/contracts/generated from the current build (run `hardhat build` first; `npm run build`
 * does both). Removes modules whose contract no longer exists. `--check` writes nothing and exits
 * 1 when the committed modules differ from what the build would produce.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";

import { GENERATED_DIR, readProductArtifacts, renderAbiModules } from "./abi-codegen.ts";

const root = resolve(import.meta.dirname, "..");
const check = process.argv.includes("--check");
const artifactsDir = join(root, "artifacts");

if (!existsSync(join(artifactsDir, "contracts"))) {
  console.error("No Hardhat build found in artifacts/. Run `npm run build` first.");
  process.exit(1);
}

const wanted = renderAbiModules(readProductArtifacts(artifactsDir));
const outDir = join(root, GENERATED_DIR);
const existing = existsSync(outDir) ? readdirSync(outDir).map((f) => join(GENERATED_DIR, f)) : [];

const stale = [
  ...[...wanted].filter(([path, text]) => !existsSync(join(root, path)) || readFileSync(join(root, path), "utf8") !== text),
  ...existing.filter((path) => !wanted.has(path)).map((path) => [path, null] as const),
];

if (check) {
  if (stale.length > 0) {
    console.error(`ABI modules are stale: ${stale.map(([p]) => p).join(", ")}. Run \`npm run build\`.`);
    process.exit(1);
  }
  console.log(`ABI modules are up to date (${wanted.size} files).`);
} else {
  mkdirSync(outDir, { recursive: true });
  for (const [path, text] of stale) {
    if (text === null) rmSync(join(root, path));
    else writeFileSync(join(root, path), text);
  }
  console.log(`ABI modules: ${stale.length} of ${wanted.size} files written to ${GENERATED_DIR}.`);
}
