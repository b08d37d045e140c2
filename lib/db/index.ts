import { openPostgresEngine } from "./postgres.ts";
import { openSqliteEngine } from "./sqlite.ts";
import type { SqlEngine } from "./engine.ts";

export type { SqlDialect, SqlEngine, SqlExecutor, SqlRow, SqlValue } from "./engine.ts";
export { placeholders, toNumberedPlaceholders } from "./engine.ts";
export { migrateSql, migrationsTable, type SqlMigration, type SqlSchema } from "./migrate.ts";
export { openPostgresEngine, redactDatabaseUrl } from "./postgres.ts";
export { openSqliteEngine } from "./sqlite.ts";
export { openMigratedSqliteStore, SqlStore, type SqlStoreIdentity } from "./store.ts";

/** The environment variable that moves the web app's shared stores to PostgreSQL. */
export const DATABASE_URL_ENV = "DATABASE_URL";

/** `$DATABASE_URL` when set (trimmed), else undefined: the stores then stay in their SQLite files. */
export function databaseUrl(env: Readonly<Record<string, string | undefined>> = process.env): string | undefined {
  return env[DATABASE_URL_ENV]?.trim() || undefined;
}

/**
 * The engine for one of the web app's shared stores: PostgreSQL when `DATABASE_URL` is set (every
 * instance of the app then sees the same rows), else the store's own SQLite file.
 *
 * @example
 * const engine = openStoreEngine(".devnet/web.sqlite") // sqlite, unless DATABASE_URL is set
 */
export function openStoreEngine(file: string, env: Readonly<Record<string, string | undefined>> = process.env): SqlEngine {
  const url = databaseUrl(env);
  return url ? openPostgresEngine(url) : openSqliteEngine(file);
}
