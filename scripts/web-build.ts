/**
 * Builds the web app (`next build`) unless nothing it reads changed since its last successful
 * build; first refuses any client module that imports server-only code (`scripts/lib/clientImports.ts`) (see `scripts/lib/buildFingerprint.ts`); the build's output goes to `.logs/web-build.log`.
 * `NEXT_DIST_DIR` moves the build as it does for `next.config.js`. The standalone server
 * (`<distDir>/standalone/server.js`) gets the static assets beside it, so that folder runs alone.
 *
 *   node scripts/web-build.ts
 */
import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, openSync, readFileSync } from "node:fs";
import { join, relative, resolve } from "node:path";

import { buildFingerprint, buildStatus, clearBuildStamp, WEB_BUILD_INPUTS, writeBuildStamp } from "./lib/buildFingerprint.ts";
import { findServerImportsFromClient, SERVER_ONLY_DIRS } from "./lib/clientImports.ts";

const root = resolve(import.meta.dirname, "..");
const distDir = resolve(root, process.env.NEXT_DIST_DIR || ".next");
const logFile = join(root, ".logs/web-build.log");
const stampFile = join(distDir, "superchain-build.json");
const buildIdFile = join(distDir, "BUILD_ID");
/** What `next start` needs besides the build id. */
const outputs = [buildIdFile, ...["required-server-files.json", "routes-manifest.json", "prerender-manifest.json", "build-manifest.json", "server/app-paths-manifest.json"].map((file) => join(distDir, file))];

const started = performance.now();
const fingerprint = buildFingerprint({ root, ...WEB_BUILD_INPUTS, env: process.env });
const status = buildStatus({ stampFile, fingerprint, outputs, buildIdFile });
if (status.current) {
  assembleStandalone();
  console.log(`web app: unchanged since its last build, not rebuilt (${((performance.now() - started) / 1000).toFixed(1)}s)`);
  process.exit(0);
}

// Before Next bundles anything: a client module reaching server-only code fails here, by name.
const violations = findServerImportsFromClient(root);
if (violations.length > 0) {
  for (const { chain, forbidden } of violations) console.error(`client code imports server-only code: ${chain.join(" → ")} → ${forbidden}`);
  console.error(`the web app was not built: move the import behind a server component, or the code out of ${SERVER_ONLY_DIRS.join(", ")}`);
  process.exit(1);
}

console.log(`building the web app (${status.reason})… (log: .logs/web-build.log)`);
clearBuildStamp(stampFile);
mkdirSync(join(root, ".logs"), { recursive: true });
const log = openSync(logFile, "w");
const result = spawnSync(process.execPath, [join(root, "node_modules/next/dist/bin/next"), "build"], { cwd: root, stdio: ["ignore", log, log] });
if (result.status !== 0) {
  console.error(readFileSync(logFile, "utf8").split("\n").slice(-40).join("\n"));
  console.error("the web app failed to build; full log in .logs/web-build.log");
  process.exit(1);
}
assembleStandalone();
writeBuildStamp({ stampFile, fingerprint, buildIdFile });
console.log(`web app built: ${((performance.now() - started) / 1000).toFixed(1)}s`);

/**
 * The standalone server (next.config.js `output`) serves the static assets from beside itself;
 * Next leaves copying them there to the build.
 */
function assembleStandalone(): void {
  const standalone = join(distDir, "standalone");
  if (!existsSync(standalone)) return;
  cpSync(join(distDir, "static"), join(standalone, relative(root, distDir), "static"), { recursive: true });
  if (existsSync(join(root, "public"))) cpSync(join(root, "public"), join(standalone, "public"), { recursive: true });
}
