/**
 * The web app's SQL engines: one small async interface over the embedded `node:sqlite` file (the
 * default) and a PostgreSQL pool (when `DATABASE_URL` is set, so several app instances share one
 * store). Stores write one portable SQL text for both:
 *
 * - placeholders are `?`, translated to `$1, $2, …` for PostgreSQL in one place ({@link toNumberedPlaceholders});
 * - case-insensitive keys (addresses, hashes) are lower-cased by the store on write and on read:
 *   SQLite's `COLLATE NOCASE` has no PostgreSQL twin;
 * - conflicts are handled with `INSERT … ON CONFLICT (…) DO NOTHING / DO UPDATE … WHERE` and
 *   `RETURNING`, which both engines run atomically (no read-then-write races between instances);
 * - where the DDL must differ (auto-numbered ids, 64-bit integers) a migration spells it per dialect.
 */

/** A value a statement binds. Integers beyond 2^53 go as decimal text or bigint. */
export type SqlValue = string | number | bigint | null;

/** A row as the driver returns it: column name → value (read each column with `String`/`Number`). */
export type SqlRow = Record<string, unknown>;

export type SqlDialect = "sqlite" | "postgres";

/** What runs statements: the engine itself, or the connection of one open transaction. */
export interface SqlExecutor {
  /** Runs one statement with positional `?` parameters; the rows it returns (none for most writes without RETURNING). */
  query(sql: string, params?: readonly SqlValue[]): Promise<SqlRow[]>;
  /** Runs a script of statements without parameters (migrations). */
  exec(script: string): Promise<void>;
}

export interface SqlEngine extends SqlExecutor {
  readonly dialect: SqlDialect;
  /** Where the data lives, for messages: the file, or the server with its password removed. */
  readonly where: string;
  /**
   * Runs `work` in one write transaction, committed before the promise resolves, rolled back if
   * `work` throws. Do not call the engine itself (or nest transactions) inside `work`: use `tx`.
   */
  transaction<T>(work: (tx: SqlExecutor) => Promise<T>): Promise<T>;
  /** Ends the connection(s); every committed write is already durable, so this is never required. */
  close(): Promise<void>;
}

/**
 * `?` placeholders as PostgreSQL's `$1, $2, …`, leaving quoted text and identifiers alone.
 *
 * @example
 * toNumberedPlaceholders("SELECT * FROM t WHERE a = ? AND b = '?'") // "SELECT * FROM t WHERE a = $1 AND b = '?'"
 */
export function toNumberedPlaceholders(sql: string): string {
  let n = 0;
  let quote: string | undefined;
  let out = "";
  for (const char of sql) {
    if (quote) {
      if (char === quote) quote = undefined;
    } else if (char === "'" || char === '"') {
      quote = char;
    } else if (char === "?") {
      out += `$${++n}`;
      continue;
    }
    out += char;
  }
  return out;
}

/** `?, ?, ?` for an `IN (…)` list of `count` values (at least one). */
export const placeholders = (count: number): string => Array.from({ length: count }, () => "?").join(", ");
