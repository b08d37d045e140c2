import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe } from "node:test";

import { openPostgresEngine, openSqliteEngine, type SqlDialect, type SqlEngine } from "../../lib/db/index.ts";
import { startTestPostgres, type TestPostgres } from "./postgres.ts";

/** Opens a new connection (engine) onto one database; every call sees the same rows. */
export type EngineOpener = () => SqlEngine;

/** A fresh, empty database on the suite's engine, and how to connect to it again (a "restart", a second instance). */
export interface EngineCase {
  dialect: SqlDialect;
  fresh(): Promise<EngineOpener>;
  /** The URL or file of the last fresh database, for child processes. */
  lastLocation(): string;
}

export const SQL_DIALECTS: readonly SqlDialect[] = ["sqlite", "postgres"];

/**
 * Runs `body` once per engine, in a `describe` named after it: SQLite (a temp file per fresh
 * database) and PostgreSQL (one throwaway server for the block, a new database per fresh one).
 *
 * @example
 * forEachEngine("council store", (engine) => {
 *   it("…", async () => { const open = await engine.fresh(); const db = open(); … })
 * })
 */
export function forEachEngine(title: string, body: (engine: EngineCase) => void): void {
  for (const dialect of SQL_DIALECTS) {
    describe(`${title} (${dialect})`, () => {
      let server: TestPostgres | undefined;
      if (dialect === "postgres") {
        before(async () => {
          server = await startTestPostgres();
        });
      }
      let count = 0;
      let location = "";
      body({
        dialect,
        lastLocation: () => location,
        fresh: async () => {
          count += 1;
          if (dialect === "sqlite") {
            const path = join(mkdtempSync(join(tmpdir(), "sql-engine-")), "nested", "store.sqlite");
            location = path;
            return () => openSqliteEngine(path);
          }
          const url = await server!.createDatabase(`store_${count}`);
          location = url;
          return () => openPostgresEngine(url);
        },
      });
      // After the body's own `after` hooks (they close its connections first).
      if (dialect === "postgres") after(() => server?.stop());
    });
  }
}
