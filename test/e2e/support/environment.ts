import { readFileSync } from "node:fs";
import { resolve } from "node:path";

/** What global setup started, for the specs and the teardown (`test-results/e2e-environment.json`). */
export interface E2eEnvironment {
  baseURL: string;
  manifestFile: string;
  devnetDir: string;
  webPid: number;
  signatureDb: string;
}

/**
 * `E2E_TAG` lets several e2e runs share a checkout (each with its own build, `NEXT_DIST_DIR`):
 * every run file gets the tag in its name.
 */
export const E2E_TAG = process.env.E2E_TAG ? `-${process.env.E2E_TAG.replace(/[^a-z0-9-]/gi, "")}` : "";

export const ENVIRONMENT_FILE = resolve(import.meta.dirname, `../../../test-results/e2e-environment${E2E_TAG}.json`);

export function readEnvironment(): E2eEnvironment {
  return JSON.parse(readFileSync(ENVIRONMENT_FILE, "utf8")) as E2eEnvironment;
}
