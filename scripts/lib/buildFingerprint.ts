/**
 * Fingerprints of what a build reads, so that `scripts/start.sh` skips a build whose inputs have
 * not changed since its last success. A fingerprint is a sha256 over the contents of every file
 * git knows under the input paths (tracked, or untracked and not ignored — a new route counts),
 * the chosen environment variables and the Node version. A build is current when the stamp it
 * left after succeeding holds the same fingerprint and its outputs are all there.
 */
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";

/** What one build reads and where it leaves its stamp. */
export type BuildInputs = {
  /** Files and folders, relative to the checkout's root. */
  paths: readonly string[];
  /** Environment variables whose names start with one of these are part of the fingerprint. */
  envPrefixes: readonly string[];
};

/**
 * The Next.js build: the app's sources, everything under `lib/` (the generated ABI modules
 * included), its configuration, the installed packages (through the lockfile), `.env*` files
 * (read by `next build` although git ignores them) and `NEXT_PUBLIC_*`, which are inlined.
 */
export const WEB_BUILD_INPUTS: BuildInputs = {
  paths: ["app", "components", "lib", "public", "instrumentation.ts", "next.config.js", "postcss.config.mjs", "tsconfig.json", "package.json", "package-lock.json", ".env", ".env.local", ".env.production", ".env.production.local"],
  envPrefixes: ["NEXT_PUBLIC_"],
};

/** The Hardhat build: contract sources, the Solidity tests it also compiles, its config and the installed packages (OpenZeppelin, solc). */
export const CONTRACTS_BUILD_INPUTS: BuildInputs = {
  paths: ["contracts", "test/contracts", "hardhat.config.ts", "package.json", "package-lock.json"],
  envPrefixes: [],
};

export type BuildFingerprintParameters = BuildInputs & {
  /** The checkout's root (a git work tree). */
  root: string;
  env?: Readonly<Record<string, string | undefined>>;
};

/** The fingerprint, or null when it cannot be computed (not a git checkout): then always build. */
export type BuildFingerprintReturnType = string | null;

/** The files git sees under `paths`: tracked ones and untracked ones it does not ignore, sorted. */
function listedFiles(root: string, paths: readonly string[]): string[] | null {
  const result = spawnSync("git", ["ls-files", "-z", "--cached", "--others", "--exclude-standard", "--", ...paths], { cwd: root, encoding: "buffer", maxBuffer: 64 * 1024 * 1024 });
  if (result.status !== 0) return null;
  const files = result.stdout.toString("utf8").split("\0").filter((file) => file !== "");
  return [...new Set(files)].sort();
}

/**
 * A sha256 over the build's inputs as they are on disk now (not as committed).
 *
 * @example
 * const fingerprint = buildFingerprint({ root, ...WEB_BUILD_INPUTS, env: process.env });
 */
export function buildFingerprint({ root, paths, envPrefixes, env = {} }: BuildFingerprintParameters): BuildFingerprintReturnType {
  const files = listedFiles(root, paths);
  if (files === null) return null;
  const hash = createHash("sha256");
  hash.update(`node ${process.version}\n`);
  // Input files git does not list but a build reads all the same (ignored `.env` files).
  const listed = new Set(files);
  const ignoredInputs = paths.filter((path) => !listed.has(path) && statSync(join(root, path), { throwIfNoEntry: false })?.isFile() === true);
  for (const file of [...files, ...ignoredInputs].sort()) {
    const full = join(root, file);
    // A tracked file deleted from the work tree is an input too: its absence changes the build.
    const content = existsSync(full) ? createHash("sha256").update(readFileSync(full)).digest("hex") : "deleted";
    hash.update(`${file}\0${content}\n`);
  }
  const variables = Object.keys(env)
    .filter((name) => envPrefixes.some((prefix) => name.startsWith(prefix)))
    .sort();
  for (const name of variables) hash.update(`env ${name}=${env[name] ?? ""}\n`);
  return hash.digest("hex");
}

/** The stamp a successful build leaves next to its outputs. */
type Stamp = { fingerprint: string; buildId: string | null };

export type BuildStatusParameters = {
  /** The stamp file, inside the build's output folder (so that cleaning the outputs removes it). */
  stampFile: string;
  /** The current fingerprint; null (unknown) is never current. */
  fingerprint: BuildFingerprintReturnType;
  /** Outputs that must all exist for the build to be usable. */
  outputs: readonly string[];
  /** A file whose content identifies the build (Next's `BUILD_ID`): a build made by someone else is not ours. */
  buildIdFile?: string;
};

export type BuildStatusReturnType =
  | { current: true }
  | { current: false; reason: "no fingerprint" | "never built" | "changed" | "outputs missing" | "rebuilt elsewhere" };

const readText = (file: string): string | null => (existsSync(file) ? readFileSync(file, "utf8").trim() : null);

function readStamp(stampFile: string): Stamp | null {
  try {
    const parsed: unknown = JSON.parse(readFileSync(stampFile, "utf8"));
    if (typeof parsed !== "object" || parsed === null) return null;
    const { fingerprint, buildId } = parsed as Record<string, unknown>;
    if (typeof fingerprint !== "string") return null;
    return { fingerprint, buildId: typeof buildId === "string" ? buildId : null };
  } catch {
    return null;
  }
}

/**
 * Whether the last successful build is still current: same fingerprint, outputs present.
 *
 * @example
 * const status = buildStatus({ stampFile: ".next/superchain-build.json", fingerprint, outputs: [".next/BUILD_ID"], buildIdFile: ".next/BUILD_ID" });
 * if (!status.current) console.log(`building (${status.reason})`);
 */
export function buildStatus({ stampFile, fingerprint, outputs, buildIdFile }: BuildStatusParameters): BuildStatusReturnType {
  if (fingerprint === null) return { current: false, reason: "no fingerprint" };
  const stamp = readStamp(stampFile);
  if (stamp === null) return { current: false, reason: "never built" };
  if (!outputs.every((output) => existsSync(output))) return { current: false, reason: "outputs missing" };
  if (buildIdFile !== undefined && readText(buildIdFile) !== stamp.buildId) return { current: false, reason: "rebuilt elsewhere" };
  if (stamp.fingerprint !== fingerprint) return { current: false, reason: "changed" };
  return { current: true };
}

/** Forgets the last build, before a new one starts: a build that fails or is interrupted leaves no stamp. */
export function clearBuildStamp(stampFile: string): void {
  rmSync(stampFile, { force: true });
}

/** Records a successful build of `fingerprint` (computed before it started, so a change made during the build is seen next time). */
export function writeBuildStamp({ stampFile, fingerprint, buildIdFile }: { stampFile: string; fingerprint: BuildFingerprintReturnType; buildIdFile?: string }): void {
  if (fingerprint === null) return;
  const stamp: Stamp = { fingerprint, buildId: buildIdFile === undefined ? null : readText(buildIdFile) };
  writeFileSync(stampFile, `${JSON.stringify(stamp)}\n`);
}
