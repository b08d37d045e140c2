import { randomUUID } from "node:crypto";
import { mkdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { dirname, isAbsolute, resolve } from "node:path";

import type { z } from "zod";

import { ManifestError, ManifestInvalidError, ManifestNotFoundError, type ManifestIssue } from "./errors.ts";
import { manifestSchema, type Manifest, type ManifestInput } from "./manifest.ts";

/** The environment variable that points every part at a manifest file, overriding the network default. */
export const MANIFEST_ENV = "SUPERCHAIN_MANIFEST";

/** The environment variable that names the deployment (`deployments/<name>.json`) when no network or path is given. */
export const DEPLOYMENT_ENV = "SUPERCHAIN_DEPLOYMENT";

/** The folder, relative to the project root, that holds one `<network>.json` per network. */
export const DEPLOYMENTS_DIR = "deployments";

export interface ResolveManifestPathParameters {
  /** Which `deployments/<network>.json` to read when no path is given. Default `SUPERCHAIN_DEPLOYMENT`, else `"devnet"`. */
  network?: string;
  /** An explicit manifest path (for example a `--manifest` flag); wins over the environment. */
  path?: string;
  /** Where to read `SUPERCHAIN_MANIFEST` from. Default `process.env`. */
  env?: Readonly<Record<string, string | undefined>>;
  /** What relative paths resolve against. Default `process.cwd()`. */
  cwd?: string;
}

/**
 * Where the manifest is: an explicit `path`, else `SUPERCHAIN_MANIFEST`, else
 * `<cwd>/deployments/<network>.json` (the network given, else `SUPERCHAIN_DEPLOYMENT`, else
 * `devnet`). Always absolute.
 *
 * @example
 * resolveManifestPath({ cwd: "/repo" }) // "/repo/deployments/devnet.json"
 * resolveManifestPath({ env: { SUPERCHAIN_MANIFEST: "/etc/superchain/mainnet.json" } })
 * // "/etc/superchain/mainnet.json"
 */
export function resolveManifestPath({
  network: givenNetwork,
  path,
  env = process.env,
  cwd = process.cwd(),
}: ResolveManifestPathParameters = {}): string {
  const network = givenNetwork ?? nonEmpty(env[DEPLOYMENT_ENV]) ?? "devnet";
  const chosen = path ?? nonEmpty(env[MANIFEST_ENV]);
  if (chosen !== undefined) return isAbsolute(chosen) ? chosen : resolve(cwd, chosen);
  if (!/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(network)) {
    throw new ManifestError(`Invalid network name ${JSON.stringify(network)}.`, {
      details: "A network name is kebab-case (e.g. devnet); it names deployments/<network>.json.",
    });
  }
  return resolve(cwd, DEPLOYMENTS_DIR, `${network}.json`);
}

/**
 * Validates an already-decoded manifest. Pure: no I/O. `source` names where it came from in
 * error messages.
 *
 * @throws {ManifestInvalidError} listing every problem, one `path.to.field: message` line each.
 * @example
 * const manifest = parseManifest(JSON.parse(text), "deployments/devnet.json")
 * manifest.hub.chainId // 900
 */
export function parseManifest(json: unknown, source: string): Manifest {
  const result = manifestSchema.safeParse(json);
  if (result.success) return result.data;
  throw new ManifestInvalidError({ source, issues: formatIssues(result.error.issues), cause: result.error });
}

export type LoadManifestParameters = ResolveManifestPathParameters;

/**
 * Finds, reads and validates the deployment manifest (see {@link resolveManifestPath} for where
 * it is looked for).
 *
 * @throws {ManifestNotFoundError} when the file does not exist (the message says how to create it).
 * @throws {ManifestInvalidError} when it is not JSON or does not match the schema.
 * @example
 * const manifest = await loadManifest() // deployments/devnet.json, or $SUPERCHAIN_MANIFEST
 * const testnet = await loadManifest({ network: "testnet" })
 */
export async function loadManifest(parameters: LoadManifestParameters = {}): Promise<Manifest> {
  const path = resolveManifestPath(parameters);
  let text: string;
  try {
    text = await readFile(/* turbopackIgnore: true */ path, "utf8");
  } catch (error) {
    if (isErrnoCode(error, "ENOENT")) throw new ManifestNotFoundError({ path, cause: error });
    throw new ManifestError(`Could not read the deployment manifest ${path}.`, {
      details: error instanceof Error ? error.message : String(error),
      cause: error,
    });
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new ManifestInvalidError({
      source: path,
      issues: [{ path: "(manifest)", message: `not valid JSON: ${error instanceof Error ? error.message : String(error)}` }],
      cause: error,
    });
  }
  return parseManifest(json, path);
}

/**
 * Validates a manifest and writes it as stable JSON (schema key order, 2-space indent, block
 * numbers as decimal strings, trailing newline). Creates the folder; writes a temporary file next
 * to the target and renames it over, so readers never see a half-written manifest.
 *
 * @throws {ManifestInvalidError} when `manifest` does not match the schema; nothing is written.
 * @example
 * await writeManifest(resolveManifestPath({ network: "devnet" }), manifest)
 */
export async function writeManifest(path: string, manifest: Manifest | ManifestInput): Promise<void> {
  const valid = parseManifest(manifest, path);
  const text = `${JSON.stringify(valid, (_key, value: unknown) => (typeof value === "bigint" ? value.toString() : value), 2)}\n`;
  await mkdir(dirname(path), { recursive: true });
  const temporary = `${path}.${process.pid}.${randomUUID()}.tmp`;
  try {
    await writeFile(temporary, text, { encoding: "utf8", flush: true });
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}

/** zod issues → `path.to.field: message`, one per problem; an unknown key becomes its own line. */
function formatIssues(issues: readonly z.core.$ZodIssue[]): ManifestIssue[] {
  return issues.flatMap((issue): ManifestIssue[] => {
    if (issue.code === "unrecognized_keys") {
      return issue.keys.map((key) => ({
        path: formatPath([...issue.path, key]),
        message: "unknown key (a typo? the manifest schema is strict)",
      }));
    }
    return [{ path: formatPath(issue.path), message: issue.message }];
  });
}

function formatPath(path: readonly PropertyKey[]): string {
  if (path.length === 0) return "(manifest)";
  return path
    .map((segment, index) => {
      if (typeof segment === "number") return `[${segment}]`;
      const name = String(segment);
      return index === 0 ? name : `.${name}`;
    })
    .join("");
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === "" ? undefined : value;
}

function isErrnoCode(error: unknown, code: string): boolean {
  return typeof error === "object" && error !== null && "code" in error && (error as { code: unknown }).code === code;
}
