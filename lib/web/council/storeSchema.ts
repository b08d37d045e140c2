import type { SqlMigration, SqlSchema } from "../../db/index.ts";

/**
 * Schema, v3. Every row belongs to one deployment (see `councilDeploymentId`), and every read is
 * scoped to one: a signature collected on an earlier devnet never counts on this one. Hashes and
 * addresses are written and looked up lower-case on both engines (a checksummed and a lower-case
 * spelling are one key); SQLite's columns also keep COLLATE NOCASE, which rows written before
 * that rule still need. At most one signature per deployment, owner and safeTxHash (UNIQUE).
 * Rows are never deleted: a signature at an old nonce is history, not junk. PostgreSQL starts at
 * the v2 shape (it never held v1 rows); its v2 step only records the version.
 */
export const COUNCIL_STORE_MIGRATIONS: readonly SqlMigration[] = [
  {
    version: 1,
    description: "council transactions and signatures",
    sql: {
      postgres: `
      CREATE TABLE council_transactions (
        deployment   TEXT    NOT NULL,
        safe_tx_hash TEXT    NOT NULL,
        safe         TEXT    NOT NULL,
        chain_id     INTEGER NOT NULL,
        nonce        TEXT    NOT NULL,
        safe_tx      TEXT    NOT NULL,
        created_at   TEXT    NOT NULL,
        PRIMARY KEY (deployment, safe_tx_hash)
      );
      CREATE TABLE council_signatures (
        id           BIGINT  GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        deployment   TEXT    NOT NULL,
        safe_tx_hash TEXT    NOT NULL,
        owner        TEXT    NOT NULL,
        signature    TEXT    NOT NULL,
        created_at   TEXT    NOT NULL,
        UNIQUE (deployment, safe_tx_hash, owner),
        FOREIGN KEY (deployment, safe_tx_hash) REFERENCES council_transactions (deployment, safe_tx_hash)
      );
    `,
      sqlite: `
      CREATE TABLE council_transactions (
        safe_tx_hash TEXT    NOT NULL COLLATE NOCASE PRIMARY KEY,
        safe         TEXT    NOT NULL COLLATE NOCASE,
        chain_id     INTEGER NOT NULL,
        nonce        TEXT    NOT NULL,
        safe_tx      TEXT    NOT NULL,
        created_at   TEXT    NOT NULL
      );
      CREATE TABLE council_signatures (
        id           INTEGER PRIMARY KEY,
        safe_tx_hash TEXT    NOT NULL COLLATE NOCASE REFERENCES council_transactions (safe_tx_hash),
        owner        TEXT    NOT NULL COLLATE NOCASE,
        signature    TEXT    NOT NULL,
        created_at   TEXT    NOT NULL,
        UNIQUE (safe_tx_hash, owner)
      );
    `,
    },
  },
  {
    version: 2,
    description: "scope signatures to a deployment",
    // A restarted devnet deploys the same Safe at the same address with nonce 0 again, so a
    // safeTxHash alone does not name one transaction: every key now starts with the deployment.
    // Rows from v1 cannot be attributed to a deployment; they keep the id '' no deployment has.
    sql: {
      postgres: "SELECT 1;",
      sqlite: `
      ALTER TABLE council_signatures RENAME TO council_signatures_v1;
      ALTER TABLE council_transactions RENAME TO council_transactions_v1;
      CREATE TABLE council_transactions (
        deployment   TEXT    NOT NULL,
        safe_tx_hash TEXT    NOT NULL COLLATE NOCASE,
        safe         TEXT    NOT NULL COLLATE NOCASE,
        chain_id     INTEGER NOT NULL,
        nonce        TEXT    NOT NULL,
        safe_tx      TEXT    NOT NULL,
        created_at   TEXT    NOT NULL,
        PRIMARY KEY (deployment, safe_tx_hash)
      );
      CREATE TABLE council_signatures (
        id           INTEGER PRIMARY KEY,
        deployment   TEXT    NOT NULL,
        safe_tx_hash TEXT    NOT NULL COLLATE NOCASE,
        owner        TEXT    NOT NULL COLLATE NOCASE,
        signature    TEXT    NOT NULL,
        created_at   TEXT    NOT NULL,
        UNIQUE (deployment, safe_tx_hash, owner),
        FOREIGN KEY (deployment, safe_tx_hash) REFERENCES council_transactions (deployment, safe_tx_hash)
      );
      INSERT INTO council_transactions (deployment, safe_tx_hash, safe, chain_id, nonce, safe_tx, created_at)
        SELECT '', safe_tx_hash, safe, chain_id, nonce, safe_tx, created_at FROM council_transactions_v1;
      INSERT INTO council_signatures (id, deployment, safe_tx_hash, owner, signature, created_at)
        SELECT id, '', safe_tx_hash, owner, signature, created_at FROM council_signatures_v1;
      DROP TABLE council_signatures_v1;
      DROP TABLE council_transactions_v1;
    `,
    },
  },
  {
    version: 3,
    description: "a queue of Safe transactions: proposer, origin, nonce order and signature kinds",
    // The store now holds what the Safe Transaction Service holds: transactions at any nonce from
    // the Safe's current one on (alternatives share a nonce), who proposed each with which tool,
    // and owners of every kind (an EOA's ECDSA or eth_sign signature, an EIP-1271 contract
    // signature, an on-chain approveHash). `nonce_order` is the nonce as a number, for the
    // queue's filters and order; nonces the API accepts stay far below 2^63.
    sql: {
      postgres: `
      ALTER TABLE council_transactions ADD COLUMN proposer TEXT;
      ALTER TABLE council_transactions ADD COLUMN origin TEXT;
      ALTER TABLE council_transactions ADD COLUMN nonce_order BIGINT NOT NULL DEFAULT 0;
      UPDATE council_transactions SET nonce_order = CAST(nonce AS BIGINT);
      ALTER TABLE council_signatures ADD COLUMN kind TEXT NOT NULL DEFAULT 'ecdsa';
      CREATE INDEX council_transactions_queue ON council_transactions (deployment, safe, chain_id, nonce_order);
    `,
      sqlite: `
      ALTER TABLE council_transactions ADD COLUMN proposer TEXT;
      ALTER TABLE council_transactions ADD COLUMN origin TEXT;
      ALTER TABLE council_transactions ADD COLUMN nonce_order INTEGER NOT NULL DEFAULT 0;
      UPDATE council_transactions SET nonce_order = CAST(nonce AS INTEGER);
      ALTER TABLE council_signatures ADD COLUMN kind TEXT NOT NULL DEFAULT 'ecdsa';
      CREATE INDEX council_transactions_queue ON council_transactions (deployment, safe, chain_id, nonce_order);
    `,
    },
  },
];

export const COUNCIL_STORE_SCHEMA: SqlSchema = { name: "council", migrations: COUNCIL_STORE_MIGRATIONS };
