import { existsSync } from "node:fs";
import { join } from "node:path";

import { devnetDown } from "../../../lib/devnet/devnet.ts";
import { ENVIRONMENT_FILE, readEnvironment } from "./environment.ts";

/** Stops exactly what global setup started: the web app by its pid, the devnet by its state file. */
export default async function globalTeardown(): Promise<void> {
  if (!existsSync(ENVIRONMENT_FILE)) return;
  const environment = readEnvironment();
  try {
    process.kill(-environment.webPid, "SIGTERM");
  } catch {
    // already gone
  }
  const dir = environment.devnetDir;
  await devnetDown({ stateFile: join(dir, "state.json"), manifestFile: environment.manifestFile, logDir: join(dir, "logs") });
}
