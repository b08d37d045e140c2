import { mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { DatabaseSync, type StatementSync } from "node:sqlite";

import { getAddress, type Address, type Hex } from "viem";

import { migrate, type Migration } from "../../sequencer/store/schema.ts";
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
export const STATEMENT_STORE_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    description: "delegate statements",
    sql: `
      CREATE TABLE delegate_statements (
        deployment TEXT    NOT NULL,
        delegate   TEXT    NOT NULL,
        statement  TEXT    NOT NULL,
        topics     TEXT    NOT NULL,
        issued_at  INTEGER NOT NULL,
        signature  TEXT    NOT NULL,
        stored_at  TEXT    NOT NULL,
        PRIMARY KEY (deployment, delegate)
      );
    `,
  },
];

/** One deployment's statements; every read and write goes through such a view. */
export interface DelegateStatements {
  readonly deploymentId: string;
  /**
   * Stores a verified statement, committed before it returns, if it is newer than the stored one
   * (check and write in one write transaction).
   *
   * @throws {StatementStaleError} the stored statement was issued at the same time or later.
   */
  put(statement: SignedDelegateStatement): StoredDelegateStatement;
  get(delegate: Address): StoredDelegateStatement | undefined;
  /** The statements of the given delegates that have one, by checksummed address. */
  many(delegates: readonly Address[]): Map<Address, StoredDelegateStatement>;
}

/**
 * Where the statements live: `statements.sqlite` beside the council's signature store
 * (`$SUPERCHAIN_WEB_DB`'s folder, else `.devnet/`), a file of its own as each store numbers its
 * own schema.
 */
export function statementStorePath(env: Readonly<Record<string, string | undefined>> = process.env): string {
  return join(dirname(councilStorePath(env)), "statements.sqlite");
}

const toRecord = (row: Record<string, unknown>): StoredDelegateStatement => ({
  delegate: getAddress(String(row["delegate"])),
  statement: String(row["statement"]),
  topics: JSON.parse(String(row["topics"])) as string[],
  issuedAt: Number(row["issued_at"]),
  signature: String(row["signature"]) as Hex,
  storedAt: String(row["stored_at"]),
});

/**
 * Delegates' signed statements, in one SQLite file (node:sqlite, WAL, `synchronous=FULL`) for any
 * number of deployments; read and write through {@link forDeployment}. It stores only: the caller
 * verifies the signature (see `submitDelegateStatement`).
 *
 * @example
 * const statements = StatementStore.open(".devnet/statements.sqlite").forDeployment(deploymentId)
 * statements.put({ delegate, statement, topics, issuedAt, signature })
 */
export class StatementStore {
  readonly path: string;
  readonly #db: DatabaseSync;
  readonly #sql: { find: StatementSync; upsert: StatementSync; manyOf: StatementSync };

  private constructor(path: string, db: DatabaseSync) {
    this.path = path;
    this.#db = db;
    this.#sql = {
      find: db.prepare("SELECT * FROM delegate_statements WHERE deployment = ? AND delegate = ?"),
      upsert: db.prepare(
        `INSERT INTO delegate_statements (deployment, delegate, statement, topics, issued_at, signature, stored_at) VALUES (?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (deployment, delegate) DO UPDATE SET statement = excluded.statement, topics = excluded.topics,
           issued_at = excluded.issued_at, signature = excluded.signature, stored_at = excluded.stored_at`,
      ),
      manyOf: db.prepare("SELECT * FROM delegate_statements WHERE deployment = ? AND delegate IN (SELECT value FROM json_each(?))"),
    };
  }

  /** Opens (creating the file, its folder and the table on first use) and migrates the store. */
  static open(path: string): StatementStore {
    let db: DatabaseSync;
    try {
      mkdirSync(dirname(path), { recursive: true });
      db = new DatabaseSync(path, { timeout: 5_000 });
    } catch (cause) {
      throw new StatementStoreError(`Could not open the statement store at ${path}.`, { cause, details: String(cause) });
    }
    try {
      const mode = db.prepare("PRAGMA journal_mode = WAL").get()?.["journal_mode"];
      if (mode !== "wal") throw new Error(`journal_mode is ${String(mode)}, not wal`);
      db.exec("PRAGMA synchronous = FULL");
      migrate(db, STATEMENT_STORE_MIGRATIONS);
      return new StatementStore(path, db);
    } catch (cause) {
      db.close();
      throw new StatementStoreError(`Could not prepare the statement store at ${path}.`, { cause, details: String(cause) });
    }
  }

  /** The statements of one deployment only: a restarted devnet (same addresses) starts with none. */
  forDeployment(deploymentId: string): DelegateStatements {
    if (deploymentId === "") throw new StatementStoreError("A deployment id is required to read or write statements.");
    return {
      deploymentId,
      put: (statement) => this.#put(deploymentId, statement),
      get: (delegate) => {
        const row = this.#sql.find.get(deploymentId, delegate.toLowerCase());
        return row ? toRecord(row) : undefined;
      },
      many: (delegates) => {
        if (delegates.length === 0) return new Map();
        const rows = this.#sql.manyOf.all(deploymentId, JSON.stringify(delegates.map((d) => d.toLowerCase())));
        return new Map(rows.map((row) => [getAddress(String(row["delegate"])), toRecord(row)]));
      },
    };
  }

  #put(deployment: string, { delegate, statement, topics, issuedAt, signature }: SignedDelegateStatement): StoredDelegateStatement {
    const storedAt = new Date().toISOString();
    const key = delegate.toLowerCase();
    this.#db.exec("BEGIN IMMEDIATE");
    try {
      const stored = this.#sql.find.get(deployment, key);
      if (stored && Number(stored["issued_at"]) >= issuedAt) {
        throw new StatementStaleError({ delegate, storedIssuedAt: Number(stored["issued_at"]), issuedAt });
      }
      this.#sql.upsert.run(deployment, key, statement, JSON.stringify(topics), issuedAt, signature, storedAt);
      this.#db.exec("COMMIT");
    } catch (error) {
      if (this.#db.isTransaction) this.#db.exec("ROLLBACK");
      if (error instanceof StatementStoreError) throw error;
      throw new StatementStoreError("Could not store the statement.", { cause: error, details: String(error) });
    }
    return { delegate: getAddress(delegate), statement, topics, issuedAt, signature, storedAt };
  }

  close(): void {
    if (this.#db.isOpen) this.#db.close();
  }
}

const stores = new Map<string, StatementStore>();

/** The app's statement store, opened once per path and kept open for the life of the server process. */
export function getStatementStore(path: string = statementStorePath()): StatementStore {
  let store = stores.get(path);
  if (!store) {
    store = StatementStore.open(path);
    stores.set(path, store);
  }
  return store;
}
