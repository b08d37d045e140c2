import { getAddress, type Address, type Hash, type Hex } from "viem";

import { openMigratedSqliteStore, SqlStore, type SqlEngine, type SqlRow, type SqlValue } from "../../db/index.ts";
import type { SafeSignatureKind } from "../../safe/signatures.ts";
import { CouncilStoreDuplicateError, CouncilStoreError } from "./errors.ts";
import type { SafeTxJson } from "./safeTx.ts";
import { COUNCIL_STORE_SCHEMA } from "./storeSchema.ts";

export { COUNCIL_STORE_MIGRATIONS, COUNCIL_STORE_SCHEMA } from "./storeSchema.ts";

/** One accepted owner signature, as stored and as the API returns it. */
export interface StoredCouncilSignature {
  safeTxHash: Hash;
  owner: Address;
  /**
   * The owner's standalone Safe signature: 65 bytes r ‖ s ‖ v (ECDSA with v = 27/28, eth_sign
   * with v = 31/32, an approved hash with v = 1), or for a contract owner r = owner, s = 65,
   * v = 0 followed by its EIP-1271 data (length ‖ bytes).
   */
  signature: Hex;
  /** How the Safe checks it. */
  kind: SafeSignatureKind;
  /** ISO 8601, when the store acknowledged it. */
  createdAt: string;
}

/** The Safe transaction a signature covers: kept so anyone can rebuild and re-verify it. */
export interface StoredCouncilTransaction {
  safeTxHash: Hash;
  safe: Address;
  chainId: number;
  safeTx: SafeTxJson;
  /** The owner whose signature came with the first proposal (absent on rows older than v3). */
  proposer?: Address;
  /** What the proposer said it was sent from (api-kit's `origin`), as given. */
  origin?: string;
  createdAt: string;
}

/** A stored transaction with every signature collected for it, in the order they arrived. */
export interface StoredCouncilQueueEntry extends StoredCouncilTransaction {
  signatures: StoredCouncilSignature[];
}

/** What `add` stores; the deployment comes from the scoped view it is called on. */
export interface AddCouncilSignatureParameters {
  safe: Address;
  chainId: number;
  safeTxHash: Hash;
  safeTx: SafeTxJson;
  owner: Address;
  signature: Hex;
  /** `ecdsa` unless said otherwise. */
  kind?: SafeSignatureKind;
  proposer?: Address;
  origin?: string;
}

/** Which transactions of the Safe on one chain `transactions` returns. */
export interface CouncilTransactionQuery {
  safe: Address;
  chainId: number;
  /** Only this nonce (`nonce`), or from this nonce on (`nonce__gte`), or up to it (`nonce__lte`). */
  nonce?: bigint;
  nonceAtLeast?: bigint;
  nonceAtMost?: bigint;
}

/** At most this many transactions are read for one query: a council's queue is a handful. */
export const TRANSACTION_QUERY_LIMIT = 1_000;


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
  /**
   * Stores several owners' verified signatures of one transaction at once, all or none: one
   * duplicate owner refuses them all (see {@link add}).
   *
   * @throws {CouncilStoreDuplicateError} one of the owners already signed this safeTxHash.
   */
  addAll(transaction: Omit<AddCouncilSignatureParameters, "owner" | "signature" | "kind">, signatures: ReadonlyArray<Pick<StoredCouncilSignature, "owner" | "signature" | "kind">>): Promise<StoredCouncilSignature[]>;
  /**
   * The Safe's stored transactions on one chain (highest nonce first, then newest first), each
   * with its signatures; at most {@link TRANSACTION_QUERY_LIMIT}.
   */
  transactions(query: CouncilTransactionQuery): Promise<StoredCouncilQueueEntry[]>;
}

const toSignature = (row: SqlRow): StoredCouncilSignature => ({
  safeTxHash: String(row["safe_tx_hash"]).toLowerCase() as Hash,
  owner: getAddress(String(row["owner"])),
  signature: String(row["signature"]) as Hex,
  kind: String(row["kind"] ?? "ecdsa") as SafeSignatureKind,
  createdAt: String(row["created_at"]),
});

const toTransaction = (row: SqlRow): StoredCouncilTransaction => ({
  safeTxHash: String(row["safe_tx_hash"]).toLowerCase() as Hash,
  safe: getAddress(String(row["safe"])),
  chainId: Number(row["chain_id"]),
  safeTx: JSON.parse(String(row["safe_tx"])) as SafeTxJson,
  ...(row["proposer"] ? { proposer: getAddress(String(row["proposer"])) } : {}),
  ...(row["origin"] !== null && row["origin"] !== undefined ? { origin: String(row["origin"]) } : {}),
  createdAt: String(row["created_at"]),
});

const TRANSACTION_COLUMNS = "safe_tx_hash, safe, chain_id, safe_tx, proposer, origin, created_at";
const SIGNATURE_COLUMNS = "safe_tx_hash, owner, signature, kind, created_at";

/**
 * The council's off-chain signatures, for any number of deployments, on a SQL engine (see
 * lib/db): one SQLite file by default (WAL, `synchronous=FULL`), or the PostgreSQL database every
 * app instance shares when `DATABASE_URL` is set. Read and write it through {@link forDeployment}.
 * Every write is committed before the call returns, so whatever the API acknowledged survives a
 * crash or restart. It stores only; the caller verifies (see `acceptConfirmations` in transactionService/accept.ts), and
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
      add: async ({ owner, signature, kind = "ecdsa", ...transaction }) => (await this.#add(deploymentId, transaction, [{ owner, signature, kind }]))[0]!,
      addAll: (transaction, signatures) => this.#add(deploymentId, transaction, signatures),
      signatures: (safeTxHash) => this.#signatures(deploymentId, safeTxHash),
      transaction: (safeTxHash) => this.#transaction(deploymentId, safeTxHash),
      transactions: (query) => this.#transactions(deploymentId, query),
    };
  }

  async #add(
    deployment: string,
    { safe, chainId, safeTxHash, safeTx, proposer, origin }: Omit<AddCouncilSignatureParameters, "owner" | "signature" | "kind">,
    signatures: ReadonlyArray<Pick<StoredCouncilSignature, "owner" | "signature" | "kind">>,
  ): Promise<StoredCouncilSignature[]> {
    await this.ready();
    const createdAt = new Date().toISOString();
    const key = safeTxHash.toLowerCase();
    try {
      await this.engine.transaction(async (tx) => {
        await tx.query(
          `INSERT INTO council_transactions (deployment, safe_tx_hash, safe, chain_id, nonce, nonce_order, safe_tx, proposer, origin, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
           ON CONFLICT (deployment, safe_tx_hash) DO NOTHING`,
          [deployment, key, safe.toLowerCase(), chainId, safeTx.nonce, safeTx.nonce, JSON.stringify(safeTx), proposer?.toLowerCase() ?? null, origin ?? null, createdAt],
        );
        for (const { owner, signature, kind } of signatures) {
          const inserted = await tx.query(
            `INSERT INTO council_signatures (deployment, safe_tx_hash, owner, signature, kind, created_at) VALUES (?, ?, ?, ?, ?, ?)
             ON CONFLICT (deployment, safe_tx_hash, owner) DO NOTHING RETURNING id`,
            [deployment, key, owner.toLowerCase(), signature, kind, createdAt],
          );
          // Rolls back every row of this call, the transaction's too if this call inserted it.
          if (inserted.length === 0) throw new CouncilStoreDuplicateError({ owner, safeTxHash });
        }
      });
    } catch (error) {
      if (error instanceof CouncilStoreError) throw error;
      throw new CouncilStoreError("Could not store the signature.", { cause: error, details: String(error) });
    }
    return signatures.map(({ owner, signature, kind }) => ({ safeTxHash: key as Hash, owner, signature, kind, createdAt }));
  }

  async #signatures(deployment: string, safeTxHash: Hash): Promise<StoredCouncilSignature[]> {
    const rows = await this.read(`SELECT ${SIGNATURE_COLUMNS} FROM council_signatures WHERE deployment = ? AND safe_tx_hash = ? ORDER BY id`, [
      deployment,
      safeTxHash.toLowerCase(),
    ]);
    return rows.map(toSignature);
  }

  async #transaction(deployment: string, safeTxHash: Hash): Promise<StoredCouncilTransaction | undefined> {
    const [row] = await this.read(`SELECT ${TRANSACTION_COLUMNS} FROM council_transactions WHERE deployment = ? AND safe_tx_hash = ?`, [deployment, safeTxHash.toLowerCase()]);
    return row && toTransaction(row);
  }

  async #transactions(deployment: string, { safe, chainId, nonce, nonceAtLeast, nonceAtMost }: CouncilTransactionQuery): Promise<StoredCouncilQueueEntry[]> {
    const where = ["deployment = ?", "safe = ?", "chain_id = ?"];
    const params: SqlValue[] = [deployment, safe.toLowerCase(), chainId];
    const bound = (condition: string, value: bigint | undefined) => {
      if (value === undefined) return;
      where.push(condition);
      params.push(value.toString());
    };
    bound("nonce_order = ?", nonce);
    bound("nonce_order >= ?", nonceAtLeast);
    bound("nonce_order <= ?", nonceAtMost);
    const rows = await this.read(
      `SELECT ${TRANSACTION_COLUMNS} FROM council_transactions WHERE ${where.join(" AND ")} ORDER BY nonce_order DESC, created_at DESC, safe_tx_hash LIMIT ${TRANSACTION_QUERY_LIMIT}`,
      params,
    );
    if (rows.length === 0) return [];
    const transactions = rows.map(toTransaction);
    const signatureRows = await this.read(
      `SELECT ${SIGNATURE_COLUMNS} FROM council_signatures WHERE deployment = ? AND safe_tx_hash IN (${transactions.map(() => "?").join(", ")}) ORDER BY id`,
      [deployment, ...transactions.map(({ safeTxHash }) => safeTxHash)],
    );
    const byHash = new Map<string, StoredCouncilSignature[]>(transactions.map(({ safeTxHash }) => [safeTxHash, []]));
    for (const row of signatureRows) {
      const signature = toSignature(row);
      byHash.get(signature.safeTxHash)?.push(signature);
    }
    return transactions.map((transaction) => ({ ...transaction, signatures: byHash.get(transaction.safeTxHash) ?? [] }));
  }
}
