import type { DatabaseSync, SQLOutputValue, StatementSync } from "node:sqlite";

import type { Hex } from "viem";

import {
  StoreDuplicateError,
  StoreNonceConflictError,
  StoreNotPendingError,
  StoreReplaceMismatchError,
  StoreWriteError,
  type StoreError,
} from "./errors.ts";
import { TRANSACTION_COLUMNS, type TransactionRecord } from "./records.ts";
import { TRANSACTION_STATUSES, type TransactionStatus } from "./schema.ts";

/** One write, as data: what crosses to the writer thread. */
export type StoreWrite =
  | { kind: "add"; record: TransactionRecord }
  | { kind: "replace"; replacedHash: Hex; record: TransactionRecord }
  | { kind: "markIncluded"; chainId: number; hashes: readonly Hex[]; blockNumber: string }
  | { kind: "drop"; chainId: number; hashes: readonly Hex[]; reason: string };

/** A batch as it crosses to the writer thread. */
export const encodeWrites = (writes: readonly StoreWrite[]): string => JSON.stringify(writes);
export const decodeWrites = (text: string): StoreWrite[] => JSON.parse(text) as StoreWrite[];

/** Why one write of a committed batch was refused on its own (rebuilt as a StoreError by {@link refusalError}). */
export type WriteRefusal =
  | { refusal: "duplicate"; hash: Hex; status: TransactionStatus }
  | { refusal: "nonceConflict"; hash: Hex; pendingHash: Hex; chainId: number; sender: string; nonce: string }
  | { refusal: "notPending"; hash: Hex; status: TransactionStatus | "unknown" }
  | { refusal: "replaceMismatch"; replacedHash: Hex; hash: Hex; field: "chainId" | "sender" | "nonce" }
  | { refusal: "statementFailed"; message: string };

/** A batch's fate: committed (each write's refusal or null), or rolled back whole. */
export type BatchOutcome = { committed: true; refusals: Array<WriteRefusal | null> } | { committed: false; message: string };

/** The error a write's caller receives for its refusal. */
export function refusalError(operation: string, refusal: WriteRefusal): StoreError {
  switch (refusal.refusal) {
    case "duplicate":
      return new StoreDuplicateError(refusal);
    case "nonceConflict":
      return new StoreNonceConflictError({ ...refusal, nonce: BigInt(refusal.nonce) });
    case "notPending":
      return new StoreNotPendingError(refusal);
    case "replaceMismatch":
      return new StoreReplaceMismatchError(refusal);
    case "statementFailed":
      return new StoreWriteError({ operation, reason: "the statement failed", cause: new Error(refusal.message) });
  }
}

/** A refusal carried as an exception inside the batch. */
class Refused extends Error {
  readonly refusal: WriteRefusal;
  constructor(refusal: WriteRefusal) {
    super(refusal.refusal);
    this.refusal = refusal;
  }
}

export type WriteStatements = ReturnType<typeof prepareWriteStatements>;

/** The statements of the write path, prepared once per connection. */
export function prepareWriteStatements(db: DatabaseSync) {
  return {
    begin: db.prepare("BEGIN IMMEDIATE"),
    commit: db.prepare("COMMIT"),
    rollback: db.prepare("ROLLBACK"),
    savepoint: db.prepare("SAVEPOINT write"),
    release: db.prepare("RELEASE write"),
    rollbackToSavepoint: db.prepare("ROLLBACK TO write"),
    insert: db.prepare(
      `INSERT INTO transactions (${TRANSACTION_COLUMNS}) VALUES ($sequence, $hash, $chain_id, $sender, $nonce, $raw, $gas, $value, $max_fee_per_gas, $max_priority_fee_per_gas, $size, $received_at)`,
    ),
    // A resubmitted dropped transaction: the row takes the new admission's fields.
    revive: db.prepare(
      `UPDATE transactions SET sequence = $sequence, chain_id = $chain_id, sender = $sender, nonce = $nonce, raw = $raw, gas = $gas,
         value = $value, max_fee_per_gas = $max_fee_per_gas, max_priority_fee_per_gas = $max_priority_fee_per_gas, size = $size,
         received_at = $received_at, status = 'pending', reason = NULL, replaced_by = NULL
       WHERE hash = $hash AND status = 'dropped'`,
    ),
    byHash: db.prepare("SELECT status, chain_id, sender, nonce FROM transactions WHERE hash = ?"),
    pendingInSlot: db.prepare("SELECT hash FROM transactions WHERE chain_id = ? AND sender = ? AND nonce = ? AND status = 'pending'"),
    markReplaced: db.prepare("UPDATE transactions SET status = 'replaced', replaced_by = ? WHERE hash = ? AND status = 'pending'"),
    // Recorded whatever the row's status: the chain is the truth (a dropped or replaced copy may
    // still have been built). The first inclusion recorded stands.
    markIncluded: db.prepare(
      "UPDATE transactions SET status = 'included', block_number = ? WHERE hash = ? AND chain_id = ? AND status <> 'included'",
    ),
    drop: db.prepare("UPDATE transactions SET status = 'dropped', reason = ? WHERE hash = ? AND chain_id = ? AND status = 'pending'"),
  } satisfies Record<string, StatementSync>;
}

/**
 * Runs `writes` in one `BEGIN IMMEDIATE … COMMIT`. A write refused on its own (a duplicate hash, a
 * taken nonce slot, a failing statement) is rolled back alone — by its savepoint, or by SQLite's
 * statement journal when its only change is its last statement (`add`) — and the rest commit.
 * If the transaction itself fails, it is rolled back and every write with it.
 */
export function applyWrites(db: DatabaseSync, sql: WriteStatements, writes: readonly StoreWrite[]): BatchOutcome {
  const refusals: Array<WriteRefusal | null> = [];
  try {
    sql.begin.run();
    for (const write of writes) {
      // `add` changes the database in its last statement only: a failing statement undoes itself,
      // so it needs no savepoint, which costs about a third of an add.
      const savepoint = write.kind !== "add";
      if (savepoint) sql.savepoint.run();
      try {
        apply(sql, write);
        if (savepoint) sql.release.run();
        refusals.push(null);
      } catch (error) {
        // SQLite rolled the whole transaction back by itself (disk full, I/O error, out of
        // memory): what follows would commit write by write, so the batch fails here, whole.
        if (!db.isTransaction) throw error;
        if (savepoint) {
          sql.rollbackToSavepoint.run();
          sql.release.run();
        }
        refusals.push(error instanceof Refused ? error.refusal : { refusal: "statementFailed", message: error instanceof Error ? error.message : String(error) });
      }
    }
    sql.commit.run();
    return { committed: true, refusals };
  } catch (error) {
    try {
      if (db.isTransaction) sql.rollback.run();
    } catch {
      // The connection is unusable; the next batch will fail and report it.
    }
    return { committed: false, message: error instanceof Error ? error.message : String(error) };
  }
}

function apply(sql: WriteStatements, write: StoreWrite): void {
  switch (write.kind) {
    case "add": {
      const { record } = write;
      const revived = revivable(sql, record.hash as Hex);
      const holder = sql.pendingInSlot.get(record.chain_id, record.sender, record.nonce);
      if (holder) {
        const { hash, chain_id: chainId, sender, nonce } = record;
        throw new Refused({ refusal: "nonceConflict", hash: hash as Hex, pendingHash: holder["hash"] as Hex, chainId, sender, nonce });
      }
      if (revived) sql.revive.run(bindings(record));
      else sql.insert.run(bindings(record));
      return;
    }
    case "replace": {
      const { record, replacedHash } = write;
      const old = sql.byHash.get(replacedHash);
      if (!old) throw new Refused({ refusal: "notPending", hash: replacedHash, status: "unknown" });
      const status = toStatus(old["status"]);
      if (status !== "pending") throw new Refused({ refusal: "notPending", hash: replacedHash, status });
      const mismatch = (field: "chainId" | "sender" | "nonce") => new Refused({ refusal: "replaceMismatch", replacedHash, hash: record.hash as Hex, field });
      if (Number(old["chain_id"]) !== record.chain_id) throw mismatch("chainId");
      if (String(old["sender"]).toLowerCase() !== record.sender.toLowerCase()) throw mismatch("sender");
      if (old["nonce"] !== record.nonce) throw mismatch("nonce");
      const revived = revivable(sql, record.hash as Hex);
      sql.markReplaced.run(record.hash, replacedHash);
      if (revived) sql.revive.run(bindings(record));
      else sql.insert.run(bindings(record));
      return;
    }
    case "markIncluded":
      for (const hash of write.hashes) sql.markIncluded.run(BigInt(write.blockNumber), hash, write.chainId);
      return;
    case "drop":
      for (const hash of write.hashes) sql.drop.run(write.reason, hash, write.chainId);
      return;
  }
}

/** The record's values as the statements bind them: the sequence an integer, the raw bytes a BLOB. */
function bindings(record: TransactionRecord): Record<string, bigint | number | string | Uint8Array> {
  return { ...record, sequence: BigInt(record.sequence), raw: Buffer.from(record.raw.slice(2), "hex") };
}

/**
 * Whether `hash` is stored as dropped (a resubmission, evaluated afresh: its row becomes pending
 * again); refuses it as a duplicate when it is pending, included or replaced; false when it is new.
 */
function revivable(sql: WriteStatements, hash: Hex): boolean {
  const existing = sql.byHash.get(hash);
  if (!existing) return false;
  const status = toStatus(existing["status"]);
  if (status === "dropped") return true;
  throw new Refused({ refusal: "duplicate", hash, status });
}

function toStatus(value: SQLOutputValue | undefined): TransactionStatus {
  const status = TRANSACTION_STATUSES.find((candidate) => candidate === value);
  if (!status) throw new Error(`unexpected status ${String(value)} in the store`);
  return status;
}
