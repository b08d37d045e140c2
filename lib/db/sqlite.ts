import { mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { DatabaseSync, type SQLInputValue } from "node:sqlite";

import type { SqlEngine, SqlExecutor, SqlRow, SqlValue } from "./engine.ts";

/**
 * The embedded engine: one SQLite file (node:sqlite, WAL, `synchronous=FULL`, foreign keys on),
 * opened synchronously (creating its folder). Statements run one at a time per file in this
 * process: a transaction holds the file until it ends, so no other call can slip into it — and no
 * second connection of this process blocks the event loop waiting (synchronously) for a lock the
 * first can then never release. Other processes wait for the file's write lock (`BEGIN
 * IMMEDIATE`, 5 s timeout).
 *
 * @example
 * const engine = openSqliteEngine(".devnet/web.sqlite")
 * await engine.query("SELECT 1 AS one") // [{ one: 1 }]
 */
export function openSqliteEngine(path: string): SqlEngine {
  mkdirSync(dirname(path), { recursive: true });
  const db = new DatabaseSync(path, { timeout: 5_000 });
  try {
    const mode = db.prepare("PRAGMA journal_mode = WAL").get()?.["journal_mode"];
    if (mode !== "wal") throw new Error(`journal_mode is ${String(mode)}, not wal`);
    db.exec("PRAGMA synchronous = FULL");
    db.exec("PRAGMA foreign_keys = ON");
  } catch (error) {
    db.close();
    throw error;
  }
  return new SqliteEngine(path, db);
}

/** Per file (resolved path), the tail of the queue of calls waiting for it, shared by every connection of this process. */
const queues = new Map<string, Promise<unknown>>();

class SqliteEngine implements SqlEngine {
  readonly dialect = "sqlite";
  readonly where: string;
  readonly #db: DatabaseSync;
  readonly #file: string;
  readonly #direct: SqlExecutor;

  constructor(path: string, db: DatabaseSync) {
    this.where = path;
    this.#file = resolve(path);
    this.#db = db;
    this.#direct = {
      // Plain objects, as pg returns them (node:sqlite's rows have a null prototype).
      query: async (sql, params = []) => db.prepare(sql).all(...(params as SQLInputValue[])).map((row) => ({ ...row })),
      exec: async (script) => db.exec(script),
    };
  }

  #serial<T>(work: () => Promise<T>): Promise<T> {
    const run = (queues.get(this.#file) ?? Promise.resolve()).then(work, work);
    const tail = run.catch(() => undefined);
    queues.set(this.#file, tail);
    // Forget an idle file's queue, so the map holds only files in use.
    void tail.then(() => queues.get(this.#file) === tail && queues.delete(this.#file));
    return run;
  }

  query(sql: string, params?: readonly SqlValue[]): Promise<SqlRow[]> {
    return this.#serial(() => this.#direct.query(sql, params));
  }

  exec(script: string): Promise<void> {
    return this.#serial(() => this.#direct.exec(script));
  }

  transaction<T>(work: (tx: SqlExecutor) => Promise<T>): Promise<T> {
    return this.#serial(async () => {
      this.#db.exec("BEGIN IMMEDIATE");
      try {
        const result = await work(this.#direct);
        this.#db.exec("COMMIT");
        return result;
      } catch (error) {
        if (this.#db.isTransaction) this.#db.exec("ROLLBACK");
        throw error;
      }
    });
  }

  close(): Promise<void> {
    return this.#serial(async () => {
      if (this.#db.isOpen) this.#db.close();
    });
  }
}
