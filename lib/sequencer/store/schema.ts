import type { DatabaseSync } from "node:sqlite";

/**
 * Lifecycle of a stored transaction. Rows are never deleted: the table is also the audit trail. A
 * `dropped` row whose raw transaction is submitted again goes back to `pending` (admission
 * evaluated it afresh), keeping its hash as the key.
 */
export type TransactionStatus = "pending" | "included" | "dropped" | "replaced";

export const TRANSACTION_STATUSES: readonly TransactionStatus[] = ["pending", "included", "dropped", "replaced"];

/** One schema step. Versions are consecutive from 1; a released migration is never edited, only followed. */
export interface Migration {
  version: number;
  description: string;
  sql: string;
}

/**
 * The schema, as the list of steps that build it. Encoding choices (v1):
 *
 * - `sequence` is the INTEGER PRIMARY KEY (the rowid): admission order is the table's physical
 *   order, inserts append, and `loadPending` scans an index in rowid order. `hash` is UNIQUE (the
 *   logical key). Sequences must fit a signed 64-bit integer.
 * - `nonce`, `gas` and both fees are unsigned decimal TEXT: they are uint256 on the wire and may
 *   exceed 2^63 (SQLite's INTEGER is signed 64-bit). They are compared for equality only (the
 *   nonce slot); fee ordering happens in memory.
 * - `hash` and `sender` use COLLATE NOCASE so a checksummed and a lower-case spelling are the
 *   same key, while each value is returned exactly as it was written.
 * - `raw` is a BLOB (half the bytes of hex); it is read back as lower-case hex.
 * - The partial indexes cover pending rows only, which is all the hot paths read. The
 *   (chain_id, sender, nonce) one is UNIQUE: at most one pending transaction per nonce slot, a
 *   replacement marks the old row `replaced` first.
 */
export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    description: "transactions",
    sql: `
      CREATE TABLE transactions (
        sequence                 INTEGER PRIMARY KEY,
        hash                     TEXT    NOT NULL COLLATE NOCASE UNIQUE,
        chain_id                 INTEGER NOT NULL,
        sender                   TEXT    NOT NULL COLLATE NOCASE,
        nonce                    TEXT    NOT NULL,
        raw                      BLOB    NOT NULL,
        gas                      TEXT    NOT NULL,
        max_fee_per_gas          TEXT    NOT NULL,
        max_priority_fee_per_gas TEXT    NOT NULL,
        size                     INTEGER NOT NULL,
        received_at              INTEGER NOT NULL,
        status                   TEXT    NOT NULL DEFAULT 'pending'
                                 CHECK (status IN ('pending', 'included', 'dropped', 'replaced')),
        block_number             INTEGER,
        reason                   TEXT,
        replaced_by              TEXT,
        CHECK ((status = 'included') = (block_number IS NOT NULL))
      );
      CREATE INDEX transactions_pending_by_chain ON transactions (chain_id, sequence) WHERE status = 'pending';
      CREATE UNIQUE INDEX transactions_pending_nonce ON transactions (chain_id, sender, nonce) WHERE status = 'pending';
    `,
  },
  {
    version: 2,
    description: "transaction value (for the cumulative balance check); a dropped row can be admitted again",
    // Rows written before v2 read as value 0: re-validation against the chain drops what cannot pay.
    sql: "ALTER TABLE transactions ADD COLUMN value TEXT NOT NULL DEFAULT '0';",
  },
];

export const SCHEMA_VERSION: number = MIGRATIONS.at(-1)?.version ?? 0;

/**
 * Brings the database to {@link SCHEMA_VERSION} in one transaction (taken with BEGIN IMMEDIATE, so
 * two processes opening the same file cannot both migrate), recording each step in
 * `schema_migrations`. Returns the version found before migrating. Throws (a plain Error, wrapped
 * by the caller) when the database is newer than this code or a step fails; nothing is then changed.
 */
export function migrate(db: DatabaseSync, migrations: readonly Migration[] = MIGRATIONS): number {
  db.exec("BEGIN IMMEDIATE");
  try {
    db.exec(`
      CREATE TABLE IF NOT EXISTS schema_migrations (
        version     INTEGER PRIMARY KEY,
        description TEXT    NOT NULL,
        applied_at  INTEGER NOT NULL
      )
    `);
    const row = db.prepare("SELECT coalesce(max(version), 0) AS version FROM schema_migrations").get();
    const found = Number(row?.["version"] ?? 0);
    const latest = migrations.at(-1)?.version ?? 0;
    if (found > latest) {
      throw new Error(`the database is at schema version ${found}, newer than this sequencer's ${latest}; run a newer release`);
    }
    const record = db.prepare("INSERT INTO schema_migrations (version, description, applied_at) VALUES (?, ?, ?)");
    for (const migration of migrations) {
      if (migration.version <= found) continue;
      try {
        db.exec(migration.sql);
      } catch (error) {
        throw new Error(`migration ${migration.version} (${migration.description}) failed`, { cause: error });
      }
      record.run(migration.version, migration.description, Date.now());
    }
    db.exec("COMMIT");
    return found;
  } catch (error) {
    if (db.isTransaction) db.exec("ROLLBACK");
    throw error;
  }
}
