import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { DatabaseSync, type StatementSync } from "node:sqlite";

import { getAddress, type Address, type Hash, type Hex } from "viem";

import { migrate, type Migration } from "../../sequencer/store/schema.ts";
import { CouncilStoreDuplicateError, CouncilStoreError } from "./errors.ts";
import type { SafeTxJson } from "./safeTx.ts";

/** One accepted owner signature, as stored and as the API returns it. */
export interface StoredCouncilSignature {
  safeTxHash: Hash;
  owner: Address;
  /** 65 bytes r ‖ s ‖ v, v = 27 or 28 (normalized before storing). */
  signature: Hex;
  /** ISO 8601, when the store acknowledged it. */
  createdAt: string;
}

/** The Safe transaction a signature covers: kept so anyone can rebuild and re-verify it. */
export interface StoredCouncilTransaction {
  safeTxHash: Hash;
  safe: Address;
  chainId: number;
  safeTx: SafeTxJson;
  createdAt: string;
}

/** What `add` stores; the deployment comes from the scoped view it is called on. */
export interface AddCouncilSignatureParameters {
  safe: Address;
  chainId: number;
  safeTxHash: Hash;
  safeTx: SafeTxJson;
  owner: Address;
  signature: Hex;
}

/**
 * Schema, v2. Every row belongs to one deployment (see `councilDeploymentId`), and every read is
 * scoped to one: a signature collected on an earlier devnet never counts on this one. Hashes and
 * addresses are TEXT COLLATE NOCASE (a checksummed and a lower-case spelling are the same key;
 * values come back as written). At most one signature per deployment, owner and safeTxHash
 * (UNIQUE). Rows are never deleted: a signature at an old nonce is history, not junk.
 */
export const COUNCIL_STORE_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    description: "council transactions and signatures",
    sql: `
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
  {
    version: 2,
    description: "scope signatures to a deployment",
    // A restarted devnet deploys the same Safe at the same address with nonce 0 again, so a
    // safeTxHash alone does not name one transaction: every key now starts with the deployment.
    // Rows from v1 cannot be attributed to a deployment; they keep the id '' no deployment has.
    sql: `
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
];

interface Statements {
  insertTransaction: StatementSync;
  insertSignature: StatementSync;
  findSignature: StatementSync;
  signatures: StatementSync;
  transaction: StatementSync;
}

/**
 * The signatures of one deployment: everything the API and the council page read or write goes
 * through this view, so no query can forget the deployment.
 */
export interface CouncilSignatures {
  /** The deployment this view is scoped to (see `councilDeploymentId`). */
  readonly deploymentId: string;
  /**
   * Stores a verified signature (and its transaction, once), committed before it returns.
   * Refuses a second signature by the same owner for the same safeTxHash, atomically: the check
   * and the insert share one write transaction, whatever other process holds the file.
   *
   * @throws {CouncilStoreDuplicateError} the owner already signed this safeTxHash.
   */
  add(parameters: AddCouncilSignatureParameters): StoredCouncilSignature;
  /** The signatures collected for one safeTxHash, in the order they were accepted. */
  signatures(safeTxHash: Hash): StoredCouncilSignature[];
  /** The transaction behind a safeTxHash, if any signature for it was ever stored. */
  transaction(safeTxHash: Hash): StoredCouncilTransaction | undefined;
}

/**
 * The council's off-chain signatures, in one SQLite file (node:sqlite, WAL, `synchronous=FULL`),
 * for any number of deployments; read and write it through {@link forDeployment}. Every write is
 * committed — the WAL fsynced — before the call returns, so whatever the API acknowledged
 * survives a crash or restart. It stores only; the caller verifies (see `submitCouncilSignature`),
 * and readers re-check owners against the chain.
 *
 * @example
 * const store = CouncilSignatureStore.open(".devnet/web.sqlite").forDeployment(deploymentId)
 * store.add({ safe, chainId, safeTxHash, safeTx, owner, signature })
 * store.signatures(safeTxHash) // [{ owner, signature, createdAt, … }]
 */
export class CouncilSignatureStore {
  readonly path: string;
  readonly #db: DatabaseSync;
  readonly #sql: Statements;

  private constructor(path: string, db: DatabaseSync) {
    this.path = path;
    this.#db = db;
    this.#sql = {
      insertTransaction: db.prepare(
        "INSERT OR IGNORE INTO council_transactions (deployment, safe_tx_hash, safe, chain_id, nonce, safe_tx, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
      ),
      insertSignature: db.prepare("INSERT INTO council_signatures (deployment, safe_tx_hash, owner, signature, created_at) VALUES (?, ?, ?, ?, ?)"),
      findSignature: db.prepare("SELECT 1 AS found FROM council_signatures WHERE deployment = ? AND safe_tx_hash = ? AND owner = ?"),
      signatures: db.prepare(
        "SELECT safe_tx_hash, owner, signature, created_at FROM council_signatures WHERE deployment = ? AND safe_tx_hash = ? ORDER BY id",
      ),
      transaction: db.prepare(
        "SELECT safe_tx_hash, safe, chain_id, safe_tx, created_at FROM council_transactions WHERE deployment = ? AND safe_tx_hash = ?",
      ),
    };
  }

  /** Opens (creating the file, its folder and the tables on first use) and migrates the store. */
  static open(path: string): CouncilSignatureStore {
    let db: DatabaseSync;
    try {
      mkdirSync(dirname(path), { recursive: true });
      db = new DatabaseSync(path, { timeout: 5_000 });
    } catch (cause) {
      throw new CouncilStoreError(`Could not open the council signature store at ${path}.`, { cause, details: String(cause) });
    }
    try {
      const mode = db.prepare("PRAGMA journal_mode = WAL").get()?.["journal_mode"];
      if (mode !== "wal") throw new Error(`journal_mode is ${String(mode)}, not wal`);
      db.exec("PRAGMA synchronous = FULL");
      db.exec("PRAGMA foreign_keys = ON");
      migrate(db, COUNCIL_STORE_MIGRATIONS);
      return new CouncilSignatureStore(path, db);
    } catch (cause) {
      db.close();
      throw new CouncilStoreError(`Could not prepare the council signature store at ${path}.`, { cause, details: String(cause) });
    }
  }

  /**
   * The signatures of one deployment only. The same Safe at the same address and nonce on a
   * restarted devnet signs the same safeTxHash for a different decision; scoping keeps an old
   * devnet's signature from counting for the new one's change.
   *
   * @example
   * const signatures = store.forDeployment(await councilDeploymentId(deployment))
   */
  forDeployment(deploymentId: string): CouncilSignatures {
    if (deploymentId === "") throw new CouncilStoreError("A deployment id is required to read or write council signatures.");
    return {
      deploymentId,
      add: (parameters) => this.#add(deploymentId, parameters),
      signatures: (safeTxHash) => this.#signatures(deploymentId, safeTxHash),
      transaction: (safeTxHash) => this.#transaction(deploymentId, safeTxHash),
    };
  }

  #add(deployment: string, { safe, chainId, safeTxHash, safeTx, owner, signature }: AddCouncilSignatureParameters): StoredCouncilSignature {
    const createdAt = new Date().toISOString();
    this.#db.exec("BEGIN IMMEDIATE");
    try {
      if (this.#sql.findSignature.get(deployment, safeTxHash, owner)) throw new CouncilStoreDuplicateError({ owner, safeTxHash });
      this.#sql.insertTransaction.run(deployment, safeTxHash, safe, chainId, safeTx.nonce, JSON.stringify(safeTx), createdAt);
      this.#sql.insertSignature.run(deployment, safeTxHash, owner, signature, createdAt);
      this.#db.exec("COMMIT");
    } catch (error) {
      if (this.#db.isTransaction) this.#db.exec("ROLLBACK");
      if (error instanceof CouncilStoreError) throw error;
      throw new CouncilStoreError("Could not store the signature.", { cause: error, details: String(error) });
    }
    return { safeTxHash, owner, signature, createdAt };
  }

  #signatures(deployment: string, safeTxHash: Hash): StoredCouncilSignature[] {
    return this.#sql.signatures.all(deployment, safeTxHash).map((row) => ({
      safeTxHash: String(row["safe_tx_hash"]) as Hash,
      owner: getAddress(String(row["owner"])),
      signature: String(row["signature"]) as Hex,
      createdAt: String(row["created_at"]),
    }));
  }

  #transaction(deployment: string, safeTxHash: Hash): StoredCouncilTransaction | undefined {
    const row = this.#sql.transaction.get(deployment, safeTxHash);
    if (!row) return undefined;
    return {
      safeTxHash: String(row["safe_tx_hash"]) as Hash,
      safe: getAddress(String(row["safe"])),
      chainId: Number(row["chain_id"]),
      safeTx: JSON.parse(String(row["safe_tx"])) as SafeTxJson,
      createdAt: String(row["created_at"]),
    };
  }

  /** Closes the file; every acknowledged write is already on disk, so this is never required. */
  close(): void {
    if (this.#db.isOpen) this.#db.close();
  }
}
