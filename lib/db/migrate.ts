import type { SqlDialect, SqlEngine } from "./engine.ts";

/**
 * One schema step, as lib/sequencer/store/schema.ts numbers them: versions consecutive from 1, a
 * released step never edited, only followed. `sql` is one portable script, or one per dialect
 * where the DDL must differ.
 */
export interface SqlMigration {
  version: number;
  description: string;
  sql: string | Readonly<Record<SqlDialect, string>>;
}

/** A store's schema: its name (which keeps its version count apart in a shared database) and its steps. */
export interface SqlSchema {
  name: string;
  migrations: readonly SqlMigration[];
}

/**
 * The table that records a schema's applied steps. A SQLite file holds one store, so it is
 * `schema_migrations` (as the files written before PostgreSQL support have it); one PostgreSQL
 * database holds every store, so each numbers its steps in a table of its own.
 */
export const migrationsTable = (dialect: SqlDialect, schema: Pick<SqlSchema, "name">): string =>
  dialect === "sqlite" ? "schema_migrations" : `schema_migrations_${schema.name}`;

/** A constant key for PostgreSQL's transaction-scoped advisory lock (any app instance migrating holds it). */
const MIGRATION_LOCK = 0x5c_6d_16;

/**
 * Brings the store's tables to its latest version in one transaction, recording each step; two
 * instances starting together cannot both migrate (SQLite: `BEGIN IMMEDIATE`; PostgreSQL: an
 * advisory lock, and DDL is transactional there too). Returns the version found before
 * migrating. Throws — nothing changed — when the database is newer than this code or a step fails.
 *
 * @example
 * await migrateSql(engine, { name: "council", migrations: COUNCIL_STORE_MIGRATIONS })
 */
export function migrateSql(engine: SqlEngine, schema: SqlSchema): Promise<number> {
  const table = migrationsTable(engine.dialect, schema);
  return engine.transaction(async (tx) => {
    if (engine.dialect === "postgres") await tx.query(`SELECT pg_advisory_xact_lock(${MIGRATION_LOCK})`);
    await tx.exec(`CREATE TABLE IF NOT EXISTS ${table} (version INTEGER PRIMARY KEY, description TEXT NOT NULL, applied_at BIGINT NOT NULL)`);
    const [row] = await tx.query(`SELECT coalesce(max(version), 0) AS version FROM ${table}`);
    const found = Number(row?.["version"] ?? 0);
    const latest = schema.migrations.at(-1)?.version ?? 0;
    if (found > latest) {
      throw new Error(`the ${schema.name} tables are at schema version ${found}, newer than this release's ${latest}; run a newer release`);
    }
    for (const migration of schema.migrations) {
      if (migration.version <= found) continue;
      const sql = typeof migration.sql === "string" ? migration.sql : migration.sql[engine.dialect];
      try {
        await tx.exec(sql);
      } catch (error) {
        throw new Error(`migration ${migration.version} (${migration.description}) of the ${schema.name} tables failed`, { cause: error });
      }
      await tx.query(`INSERT INTO ${table} (version, description, applied_at) VALUES (?, ?, ?)`, [migration.version, migration.description, Date.now()]);
    }
    return found;
  });
}
