import { dirname, join } from "node:path";

import { getAddress, type Address, type Hex } from "viem";

import { openMigratedSqliteStore, openStoreEngine, placeholders, SqlStore, type SqlEngine, type SqlMigration, type SqlRow, type SqlSchema } from "../../db/index.ts";
import { councilStorePath } from "../council/server.ts";
import { StatementStaleError, StatementStoreError } from "../delegates/errors.ts";
import type { SignedDelegateStatement } from "../delegates/statement.ts";

/** A stored statement: the signed one, and when the server accepted it. */
export interface StoredDelegateStatement extends SignedDelegateStatement {
  /** ISO 8601. */
  storedAt: string;
}

/**
 * Schema, v1: one row per deployment and delegate (the newest statement; an older one is
 * history nobody reads, and the signature proves the current one). `delegate` is stored
 * lower-case so both spellings are one key; `topics` is a JSON array.
 */
export const STATEMENT_STORE_MIGRATIONS: readonly SqlMigration[] = [
  {
    version: 1,
    description: "delegate statements",
    // BIGINT on PostgreSQL: its INTEGER is 32 bits (SQLite's holds any unix time).
    sql: Object.fromEntries(
      (["sqlite", "postgres"] as const).map((dialect) => [
        dialect,
        `
      CREATE TABLE delegate_statements (
        deployment TEXT    NOT NULL,
        delegate   TEXT    NOT NULL,
        statement  TEXT    NOT NULL,
        topics     TEXT    NOT NULL,
        issued_at  ${dialect === "sqlite" ? "INTEGER" : "BIGINT "} NOT NULL,
        signature  TEXT    NOT NULL,
        stored_at  TEXT    NOT NULL,
        PRIMARY KEY (deployment, delegate)
      );
    `,
      ]),
    ) as Record<"sqlite" | "postgres", string>,
  },
];

export const STATEMENT_STORE_SCHEMA: SqlSchema = { name: "statements", migrations: STATEMENT_STORE_MIGRATIONS };

/** One deployment's statements; every read and write goes through such a view. */
export interface DelegateStatements {
  readonly deploymentId: string;
  /**
   * Stores a verified statement, committed before it returns, if it is newer than the stored one
   * (check and write are one statement, so two app instances cannot both replace it).
   *
   * @throws {StatementStaleError} the stored statement was issued at the same time or later.
   */
  put(statement: SignedDelegateStatement): Promise<StoredDelegateStatement>;
  get(delegate: Address): Promise<StoredDelegateStatement | undefined>;
  /** The statements of the given delegates that have one, by checksummed address. */
  many(delegates: readonly Address[]): Promise<Map<Address, StoredDelegateStatement>>;
}

/**
 * Where the statements live: `statements.sqlite` beside the council's signature store
 * (`$SUPERCHAIN_WEB_DB`'s folder, else `.devnet/`), a file of its own as each store numbers its
 * own schema.
 */
export function statementStorePath(env: Readonly<Record<string, string | undefined>> = process.env): string {
  return join(dirname(councilStorePath(env)), "statements.sqlite");
}

const toRecord = (row: SqlRow): StoredDelegateStatement => ({
  delegate: getAddress(String(row["delegate"])),
  statement: String(row["statement"]),
  topics: JSON.parse(String(row["topics"])) as string[],
  issuedAt: Number(row["issued_at"]),
  signature: String(row["signature"]) as Hex,
  storedAt: String(row["stored_at"]),
});

/**
 * Delegates' signed statements for any number of deployments, on a SQL engine (see lib/db): one
 * SQLite file by default (WAL, `synchronous=FULL`), or the PostgreSQL database every app instance
 * shares when `DATABASE_URL` is set. Read and write through {@link forDeployment}. It stores
 * only: the caller verifies the signature (see `submitDelegateStatement`). The table is created or
 * migrated before the first statement (retried on the next call if that fails).
 *
 * @example
 * const statements = (await StatementStore.open(".devnet/statements.sqlite")).forDeployment(deploymentId)
 * await statements.put({ delegate, statement, topics, issuedAt, signature })
 */
export class StatementStore extends SqlStore {
  private constructor(engine: SqlEngine) {
    super(engine, { label: "statement store", schema: STATEMENT_STORE_SCHEMA, error: StatementStoreError });
  }

  /** The store on an open engine; its table is migrated before the first statement runs. */
  static on(engine: SqlEngine): StatementStore {
    return new StatementStore(engine);
  }

  /** Opens (creating the file, its folder and the table) and migrates a SQLite store. */
  static open(path: string): Promise<StatementStore> {
    return openMigratedSqliteStore(path, (engine) => StatementStore.on(engine), { label: "statement store", error: StatementStoreError });
  }

  /** The statements of one deployment only: a restarted devnet (same addresses) starts with none. */
  forDeployment(deploymentId: string): DelegateStatements {
    if (deploymentId === "") throw new StatementStoreError("A deployment id is required to read or write statements.");
    return {
      deploymentId,
      put: (statement) => this.#put(deploymentId, statement),
      get: async (delegate) => {
        const [row] = await this.read("SELECT * FROM delegate_statements WHERE deployment = ? AND delegate = ?", [deploymentId, delegate.toLowerCase()]);
        return row ? toRecord(row) : undefined;
      },
      many: async (delegates) => {
        if (delegates.length === 0) return new Map();
        const keys = [...new Set(delegates.map((d) => d.toLowerCase()))];
        const rows = await this.read(`SELECT * FROM delegate_statements WHERE deployment = ? AND delegate IN (${placeholders(keys.length)})`, [deploymentId, ...keys]);
        // In the order asked for, as the callers list them.
        const byKey = new Map(rows.map((row) => [String(row["delegate"]), toRecord(row)]));
        return new Map(keys.flatMap((key) => (byKey.has(key) ? [[getAddress(key), byKey.get(key)!] as const] : [])));
      },
    };
  }

  async #put(deployment: string, { delegate, statement, topics, issuedAt, signature }: SignedDelegateStatement): Promise<StoredDelegateStatement> {
    await this.ready();
    const storedAt = new Date().toISOString();
    const key = delegate.toLowerCase();
    try {
      await this.engine.transaction(async (tx) => {
        // Inserted, or replaced only when newer: the WHERE is evaluated on the row as locked.
        const written = await tx.query(
          `INSERT INTO delegate_statements (deployment, delegate, statement, topics, issued_at, signature, stored_at) VALUES (?, ?, ?, ?, ?, ?, ?)
           ON CONFLICT (deployment, delegate) DO UPDATE SET statement = excluded.statement, topics = excluded.topics,
             issued_at = excluded.issued_at, signature = excluded.signature, stored_at = excluded.stored_at
           WHERE delegate_statements.issued_at < excluded.issued_at
           RETURNING issued_at`,
          [deployment, key, statement, JSON.stringify(topics), issuedAt, signature, storedAt],
        );
        if (written.length > 0) return;
        const [stored] = await tx.query("SELECT issued_at FROM delegate_statements WHERE deployment = ? AND delegate = ?", [deployment, key]);
        throw new StatementStaleError({ delegate, storedIssuedAt: Number(stored?.["issued_at"]), issuedAt });
      });
    } catch (error) {
      if (error instanceof StatementStoreError) throw error;
      throw new StatementStoreError("Could not store the statement.", { cause: error, details: String(error) });
    }
    return { delegate: getAddress(delegate), statement, topics, issuedAt, signature, storedAt };
  }
}

const stores = new Map<string, StatementStore>();

/**
 * The app's statement store, opened once per path and kept open for the life of the server
 * process: the SQLite file at `path`, or the PostgreSQL database at `$DATABASE_URL` when set.
 */
export function getStatementStore(path: string = statementStorePath()): StatementStore {
  let store = stores.get(path);
  if (!store) {
    let engine: SqlEngine;
    try {
      engine = openStoreEngine(path);
    } catch (cause) {
      throw new StatementStoreError(`Could not open the statement store at ${path}.`, { cause, details: String(cause) });
    }
    store = StatementStore.on(engine);
    stores.set(path, store);
  }
  return store;
}
