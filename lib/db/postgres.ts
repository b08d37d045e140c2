import pg from "pg";

import { toNumberedPlaceholders, type SqlEngine, type SqlExecutor, type SqlRow, type SqlValue } from "./engine.ts";

/** `postgres://user:secret@host/db` → `postgres://user@host/db`: a URL fit for logs and errors. */
export function redactDatabaseUrl(url: string): string {
  try {
    const parsed = new URL(url);
    parsed.password = "";
    return parsed.toString();
  } catch {
    return "(an unparsable DATABASE_URL)";
  }
}

/**
 * The shared engine: a PostgreSQL connection pool (`pg`), connecting lazily on the first query.
 * Statements use `?` placeholders like SQLite's (translated here); a transaction runs on one
 * pooled client between `BEGIN` and `COMMIT` (READ COMMITTED: stores make each rule one atomic
 * statement, e.g. `INSERT … ON CONFLICT`, rather than a read followed by a write).
 *
 * @example
 * const engine = openPostgresEngine(process.env.DATABASE_URL!)
 */
export function openPostgresEngine(url: string, options: { max?: number } = {}): SqlEngine {
  const pool = new pg.Pool({ connectionString: url, max: options.max ?? 4, connectionTimeoutMillis: 10_000 });
  // An idle client whose server went away emits on the pool; without a listener the process dies.
  pool.on("error", (error) => console.error("PostgreSQL pool: an idle connection failed", error));
  return new PostgresEngine(redactDatabaseUrl(url), pool);
}

const executor = (client: pg.Pool | pg.PoolClient): SqlExecutor => ({
  query: async (sql, params = []) => (await client.query(toNumberedPlaceholders(sql), params as SqlValue[])).rows as SqlRow[],
  exec: async (script) => {
    await client.query(script);
  },
});

class PostgresEngine implements SqlEngine {
  readonly dialect = "postgres";
  readonly where: string;
  readonly #pool: pg.Pool;
  readonly #direct: SqlExecutor;

  constructor(where: string, pool: pg.Pool) {
    this.where = where;
    this.#pool = pool;
    this.#direct = executor(pool);
  }

  query(sql: string, params?: readonly SqlValue[]): Promise<SqlRow[]> {
    return this.#direct.query(sql, params);
  }

  exec(script: string): Promise<void> {
    return this.#direct.exec(script);
  }

  async transaction<T>(work: (tx: SqlExecutor) => Promise<T>): Promise<T> {
    const client = await this.#pool.connect();
    let broken: unknown;
    try {
      await client.query("BEGIN");
      const result = await work(executor(client));
      await client.query("COMMIT");
      return result;
    } catch (error) {
      await client.query("ROLLBACK").catch((rollbackError: unknown) => (broken = rollbackError));
      throw error;
    } finally {
      // A client that could not roll back is discarded, not handed to the next caller mid-transaction.
      client.release(broken instanceof Error ? broken : undefined);
    }
  }

  close(): Promise<void> {
    return this.#pool.end();
  }
}
