import type { BaseErrorOptions } from "../errors.ts";
import type { SqlEngine, SqlRow, SqlValue } from "./engine.ts";
import { migrateSql, type SqlSchema } from "./migrate.ts";
import { openSqliteEngine } from "./sqlite.ts";

/** What a store names itself in errors, and the error type it throws. */
export interface SqlStoreIdentity {
  /** "council signature store", "statement store": read as "Could not read the <label> at …". */
  label: string;
  schema: SqlSchema;
  error: new (message: string, options?: BaseErrorOptions) => Error;
}

/**
 * What every web app store on a SQL engine shares: where it lives, its schema migrated once before
 * the first statement (and tried again on the next call if that failed), reads that fail with the
 * store's own error, and closing. Each store adds its rules on top.
 */
export abstract class SqlStore {
  /** Where the rows live: the SQLite file, or the PostgreSQL server (password removed). */
  readonly path: string;
  protected readonly engine: SqlEngine;
  readonly #identity: SqlStoreIdentity;
  #migrated: Promise<void> | undefined;

  protected constructor(engine: SqlEngine, identity: SqlStoreIdentity) {
    this.path = engine.where;
    this.engine = engine;
    this.#identity = identity;
  }

  /** Resolves once the tables are at this release's version. */
  ready(): Promise<void> {
    this.#migrated ??= migrateSql(this.engine, this.#identity.schema).then(
      () => undefined,
      (cause: unknown) => {
        this.#migrated = undefined;
        throw new this.#identity.error(`Could not prepare the ${this.#identity.label} at ${this.path}.`, { cause, details: String(cause) });
      },
    );
    return this.#migrated;
  }

  /** A read after the migration, failing with the store's error. */
  protected async read(sql: string, params: readonly SqlValue[]): Promise<SqlRow[]> {
    await this.ready();
    try {
      return await this.engine.query(sql, params);
    } catch (cause) {
      throw new this.#identity.error(`Could not read the ${this.#identity.label} at ${this.path}.`, { cause, details: String(cause) });
    }
  }

  /** Closes the engine; every acknowledged write is already durable, so this is never required. */
  close(): Promise<void> {
    return this.engine.close();
  }
}

/**
 * Opens a store on its own SQLite file (creating the file, its folder and the tables) and
 * migrates it; the engine is closed again when that fails.
 *
 * @example
 * const store = await openMigratedSqliteStore(path, (engine) => CouncilSignatureStore.on(engine), COUNCIL_IDENTITY)
 */
export async function openMigratedSqliteStore<store extends SqlStore>(
  path: string,
  on: (engine: SqlEngine) => store,
  { label, error }: Pick<SqlStoreIdentity, "label" | "error">,
): Promise<store> {
  let engine: SqlEngine;
  try {
    engine = openSqliteEngine(path);
  } catch (cause) {
    throw new error(`Could not open the ${label} at ${path}.`, { cause, details: String(cause) });
  }
  const store = on(engine);
  try {
    await store.ready();
  } catch (failure) {
    await engine.close();
    throw failure;
  }
  return store;
}
