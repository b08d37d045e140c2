import { dirname, join } from "node:path";

import { LogCheckpointStoreError } from "../../rpc/errors.ts";
import { LogCheckpointStore } from "../../rpc/logCheckpoints.ts";
import { councilStorePath } from "../council/server.ts";

/**
 * Where the web app keeps its log caches' items and progress: `log-cache.sqlite` beside the
 * signature store (`$SUPERCHAIN_WEB_DB`'s folder, else `.devnet/`). A file of its own, as each
 * store numbers its own schema.
 */
export function webLogStorePath(env: Readonly<Record<string, string | undefined>> = process.env): string {
  return join(dirname(councilStorePath(env)), "log-cache.sqlite");
}

const stores = new Map<string, LogCheckpointStore | undefined>();

/**
 * The app's log store, opened once per path for the life of the server process; undefined
 * when it cannot be opened (a read-only folder), and then the caches work from memory — tried
 * once, not on every page load.
 *
 * @example
 * logCache({ key, fromBlock, fetch, newState, persist: webLogStore })
 */
export function webLogStore(path: string = webLogStorePath()): LogCheckpointStore | undefined {
  if (!stores.has(path)) {
    try {
      stores.set(path, LogCheckpointStore.open(path));
    } catch (error) {
      if (!(error instanceof LogCheckpointStoreError)) throw error;
      stores.set(path, undefined);
    }
  }
  return stores.get(path);
}
