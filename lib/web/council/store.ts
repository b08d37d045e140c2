import { getAddress, type Address, type Hash, type Hex } from "viem";

import { openMigratedSqliteStore, SqlStore, type SqlEngine, type SqlMigration, type SqlRow, type SqlSchema } from "../../db/index.ts";
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
];

export const COUNCIL_STORE_SCHEMA: SqlSchema = { name: "council", migrations: COUNCIL_STORE_MIGRATIONS };

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
   * and the insert are one statement (`ON CONFLICT DO NOTHING`), whatever other process or app
   * instance writes at the same time.
   *
   * @throws {CouncilStoreDuplicateError} the owner already signed this safeTxHash.
   */
  add(parameters: AddCouncilSignatureParameters): Promise<StoredCouncilSignature>;
  /** The signatures collected for one safeTxHash, in the order they were accepted. */
  signatures(safeTxHash: Hash): Promise<StoredCouncilSignature[]>;
  /** The transaction behind a safeTxHash, if any signature for it was ever stored. */
  transaction(safeTxHash: Hash): Promise<StoredCouncilTransaction | undefined>;
}

const toSignature = (row: SqlRow): StoredCouncilSignature => ({
  safeTxHash: String(row["safe_tx_hash"]).toLowerCase() as Hash,
  owner: getAddress(String(row["owner"])),
  signature: String(row["signature"]) as Hex,
  createdAt: String(row["created_at"]),
});

/**
 * The council's off-chain signatures, for any number of deployments, on a SQL engine (see
 * lib/db): one SQLite file by default (WAL, `synchronous=FULL`), or the PostgreSQL database every
 * app instance shares when `DATABASE_URL` is set. Read and write it through {@link forDeployment}.
 * Every write is committed before the call returns, so whatever the API acknowledged survives a
 * crash or restart. It stores only; the caller verifies (see `submitCouncilSignature`), and
 * readers re-check owners against the chain. The tables are created or migrated before the
 * first statement (retried on the next call if that fails).
 *
 * @example
 * const store = (await CouncilSignatureStore.open(".devnet/web.sqlite")).forDeployment(deploymentId)
 * await store.add({ safe, chainId, safeTxHash, safeTx, owner, signature })
 * await store.signatures(safeTxHash) // [{ owner, signature, createdAt, … }]
 */
export class CouncilSignatureStore extends SqlStore {
  private constructor(engine: SqlEngine) {
    super(engine, { label: "council signature store", schema: COUNCIL_STORE_SCHEMA, error: CouncilStoreError });
  }

  /** The store on an open engine; its tables are migrated before the first statement runs. */
  static on(engine: SqlEngine): CouncilSignatureStore {
    return new CouncilSignatureStore(engine);
  }

  /** Opens (creating the file, its folder and the tables) and migrates a SQLite store. */
  static open(path: string): Promise<CouncilSignatureStore> {
    return openMigratedSqliteStore(path, (engine) => CouncilSignatureStore.on(engine), { label: "council signature store", error: CouncilStoreError });
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

  async #add(deployment: string, { safe, chainId, safeTxHash, safeTx, owner, signature }: AddCouncilSignatureParameters): Promise<StoredCouncilSignature> {
    await this.ready();
    const createdAt = new Date().toISOString();
    const key = safeTxHash.toLowerCase();
    try {
      await this.engine.transaction(async (tx) => {
        await tx.query(
          `INSERT INTO council_transactions (deployment, safe_tx_hash, safe, chain_id, nonce, safe_tx, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)
           ON CONFLICT (deployment, safe_tx_hash) DO NOTHING`,
          [deployment, key, safe.toLowerCase(), chainId, safeTx.nonce, JSON.stringify(safeTx), createdAt],
        );
        const inserted = await tx.query(
          `INSERT INTO council_signatures (deployment, safe_tx_hash, owner, signature, created_at) VALUES (?, ?, ?, ?, ?)
           ON CONFLICT (deployment, safe_tx_hash, owner) DO NOTHING RETURNING id`,
          [deployment, key, owner.toLowerCase(), signature, createdAt],
        );
        // Rolls back the transaction row too, if this call inserted it.
        if (inserted.length === 0) throw new CouncilStoreDuplicateError({ owner, safeTxHash });
      });
    } catch (error) {
      if (error instanceof CouncilStoreError) throw error;
      throw new CouncilStoreError("Could not store the signature.", { cause: error, details: String(error) });
    }
    return { safeTxHash: key as Hash, owner, signature, createdAt };
  }

  async #signatures(deployment: string, safeTxHash: Hash): Promise<StoredCouncilSignature[]> {
    const rows = await this.read(
      "SELECT safe_tx_hash, owner, signature, created_at FROM council_signatures WHERE deployment = ? AND safe_tx_hash = ? ORDER BY id",
      [deployment, safeTxHash.toLowerCase()],
    );
    return rows.map(toSignature);
  }

  async #transaction(deployment: string, safeTxHash: Hash): Promise<StoredCouncilTransaction | undefined> {
    const [row] = await this.read("SELECT safe_tx_hash, safe, chain_id, safe_tx, created_at FROM council_transactions WHERE deployment = ? AND safe_tx_hash = ?", [
      deployment,
      safeTxHash.toLowerCase(),
    ]);
    if (!row) return undefined;
    return {
      safeTxHash: String(row["safe_tx_hash"]).toLowerCase() as Hash,
      safe: getAddress(String(row["safe"])),
      chainId: Number(row["chain_id"]),
      safeTx: JSON.parse(String(row["safe_tx"])) as SafeTxJson,
      createdAt: String(row["created_at"]),
    };
  }
}
