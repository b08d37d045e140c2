import { isAbsolute, join, resolve } from "node:path";

import { MANIFEST_ENV, resolveManifestPath } from "../chains/index.ts";
import type { DevnetPaths } from "../devnet/devnet.ts";

/** The repository root, found from this file rather than the working directory. */
export const REPOSITORY_ROOT = resolve(import.meta.dirname, "../..");

/** Relocates the devnet's state file and logs (tests point it at a temporary folder). */
export const DEVNET_DIR_ENV = "SUPERCHAIN_DEVNET_DIR";

/**
 * Where the devnet keeps its state, logs and manifest. By default `.devnet/state.json`,
 * `.logs/devnet/` and `deployments/devnet.json` under the repository root; `SUPERCHAIN_DEVNET_DIR`
 * moves the state file and logs to `<dir>/state.json` and `<dir>/logs/`, and `SUPERCHAIN_MANIFEST`
 * moves the manifest. Relative environment paths resolve against the working directory.
 *
 * @example
 * devnetPaths({ SUPERCHAIN_DEVNET_DIR: "/tmp/d" }).stateFile // "/tmp/d/state.json"
 */
export function devnetPaths(env: Readonly<Record<string, string | undefined>> = process.env): DevnetPaths {
  const dir = nonEmpty(env[DEVNET_DIR_ENV]);
  const base = dir === undefined ? undefined : isAbsolute(dir) ? dir : resolve(dir);
  return {
    stateFile: base === undefined ? join(REPOSITORY_ROOT, ".devnet", "state.json") : join(base, "state.json"),
    logDir: base === undefined ? join(REPOSITORY_ROOT, ".logs", "devnet") : join(base, "logs"),
    // An explicit SUPERCHAIN_MANIFEST resolves against the caller's directory; the default against the repository.
    manifestFile: nonEmpty(env[MANIFEST_ENV]) === undefined ? resolveManifestPath({ env, cwd: REPOSITORY_ROOT }) : resolveManifestPath({ env }),
  };
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === "" ? undefined : value;
}
