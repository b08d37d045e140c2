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

export const ENVIRONMENT_FILE = resolve(import.meta.dirname, "../../../test-results/e2e-environment.json");

export function readEnvironment(): E2eEnvironment {
  return JSON.parse(readFileSync(ENVIRONMENT_FILE, "utf8")) as E2eEnvironment;
}
