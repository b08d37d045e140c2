import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { DatabaseSync, type StatementSync } from "node:sqlite";
import { deserialize, serialize } from "node:v8";

import type { Hash } from "viem";

import { migrate, type Migration } from "../sequencer/store/schema.ts";
import { LogCheckpointStoreError } from "./errors.ts";

/** How far a log scan got: every block up to `scannedTo` read, and what its consumer keeps of them. */
export interface LogCheckpoint<state = undefined> {
  scannedTo: bigint;
  /** The hash of block `scannedTo` when it was read: a different one there now means a reset or reorg, and a scan from the start. */
  blockHash: Hash;
  /** What the consumer derived from the logs so far (the relayer's learnt proposals, …). */
  state: state;
}

/**
 * Schema v1: one row per scan (its checkpoint), and the items a scan keeps as chunks, one per
 * save, in order. Values are V8-serialized (bigints, Maps and Sets as they are), so decoded
 * events come back as the consumer stored them. A file of its own: `schema_migrations` numbers
 * one schema per file.
 */
export const LOG_CHECKPOINT_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    description: "log scan checkpoints and kept items",
    sql: `
      CREATE TABLE log_checkpoints (
        scan_id    TEXT    NOT NULL PRIMARY KEY,
        scanned_to TEXT    NOT NULL,
        block_hash TEXT    NOT NULL,
        state      BLOB    NOT NULL,
        updated_at INTEGER NOT NULL
      );
      CREATE TABLE log_chunks (
        id       INTEGER PRIMARY KEY,
        scan_id  TEXT    NOT NULL,
        to_block TEXT    NOT NULL,
        items    BLOB    NOT NULL
      );
      CREATE INDEX log_chunks_scan ON log_chunks (scan_id, id);
    `,
  },
];

interface Statements {
  load: StatementSync;
  save: StatementSync;
  chunks: StatementSync;
  addChunk: StatementSync;
  dropCheckpoint: StatementSync;
  dropChunks: StatementSync;
}

/**
 * Where log scans keep their progress across restarts: one SQLite file (node:sqlite, WAL), one
 * checkpoint per scan id — name the deployment, the contract and the event in it, e.g.
 * `901:0xgenesis…:0xaggregator:ProposalLearned`. A save is committed before it returns, and a
 * checkpoint moves together with the items it covers (one transaction), so a restart never sees
 * items past its checkpoint or a checkpoint past its items.
 *
 * @example
 * const checkpoints = LogCheckpointStore.open(".devnet/log-checkpoints.sqlite")
 * const saved = checkpoints.load<Set<bigint>>(scanId) // then check saved.blockHash against the chain
 * checkpoints.save(scanId, { scannedTo, blockHash, state: learned })
 */
export class LogCheckpointStore {
  readonly path: string;
  readonly #db: DatabaseSync;
  readonly #sql: Statements;

  private constructor(path: string, db: DatabaseSync) {
    this.path = path;
    this.#db = db;
    this.#sql = {
      load: db.prepare("SELECT scanned_to, block_hash, state FROM log_checkpoints WHERE scan_id = ?"),
      save: db.prepare(
        `INSERT INTO log_checkpoints (scan_id, scanned_to, block_hash, state, updated_at) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (scan_id) DO UPDATE SET scanned_to = excluded.scanned_to, block_hash = excluded.block_hash, state = excluded.state, updated_at = excluded.updated_at`,
      ),
      chunks: db.prepare("SELECT items FROM log_chunks WHERE scan_id = ? ORDER BY id"),
      addChunk: db.prepare("INSERT INTO log_chunks (scan_id, to_block, items) VALUES (?, ?, ?)"),
      dropCheckpoint: db.prepare("DELETE FROM log_checkpoints WHERE scan_id = ?"),
      dropChunks: db.prepare("DELETE FROM log_chunks WHERE scan_id = ?"),
    };
  }

  /** Opens (creating the file, its folder and the tables on first use) and migrates the store. */
  static open(path: string): LogCheckpointStore {
    let db: DatabaseSync;
    try {
      mkdirSync(dirname(path), { recursive: true });
      db = new DatabaseSync(path, { timeout: 5_000 });
    } catch (cause) {
      throw new LogCheckpointStoreError(`Could not open the log checkpoint store at ${path}.`, { cause, details: String(cause) });
    }
    try {
      db.exec("PRAGMA journal_mode = WAL");
      db.exec("PRAGMA synchronous = NORMAL"); // a checkpoint lost to a power cut costs a rescan, not data
      migrate(db, LOG_CHECKPOINT_MIGRATIONS);
      return new LogCheckpointStore(path, db);
    } catch (cause) {
      db.close();
      throw new LogCheckpointStoreError(`Could not prepare the log checkpoint store at ${path}.`, { cause, details: String(cause) });
    }
  }

  /** The scan's saved checkpoint, or undefined when it has none (never saved, or reset). */
  load<state = undefined>(scanId: string): LogCheckpoint<state> | undefined {
    const row = this.#read(() => this.#sql.load.get(checkScanId(scanId)));
    if (!row) return undefined;
    return {
      scannedTo: BigInt(String(row["scanned_to"])),
      blockHash: String(row["block_hash"]) as Hash,
      state: deserialize(row["state"] as Uint8Array) as state,
    };
  }

  /** Every item saved with the scan's checkpoints, in the order saved (oldest first when saved so). */
  items<item>(scanId: string): item[] {
    const rows = this.#read(() => this.#sql.chunks.all(checkScanId(scanId)));
    const items: item[] = [];
    for (const row of rows) for (const entry of deserialize(row["items"] as Uint8Array) as item[]) items.push(entry);
    return items;
  }

  /**
   * Moves the scan's checkpoint to `checkpoint`, adding `items` (the blocks read since the last
   * save) to what it keeps, in one transaction.
   *
   * @throws {LogCheckpointStoreError} a bad checkpoint, or the write failed (nothing was changed).
   */
  save<state, item = never>(scanId: string, checkpoint: LogCheckpoint<state>, items: readonly item[] = []): void {
    checkCheckpoint(checkpoint);
    const id = checkScanId(scanId);
    this.#write(() => this.#saveRows(id, checkpoint, items));
  }

  /**
   * Moves the checkpoint and adds `items` only if the saved checkpoint is still `after` (the
   * caller's view of the scan), in one transaction; false, and nothing changed, when another
   * writer moved or reset it meanwhile — then {@link replace} the scan instead. So items are
   * never added on top of a scan they do not continue.
   *
   * @throws {LogCheckpointStoreError} a bad checkpoint, or the write failed (nothing was changed).
   */
  append<state, item>(scanId: string, after: Pick<LogCheckpoint<unknown>, "scannedTo" | "blockHash">, checkpoint: LogCheckpoint<state>, items: readonly item[]): boolean {
    checkCheckpoint(checkpoint);
    const id = checkScanId(scanId);
    let appended = false;
    this.#write(() => {
      const row = this.#sql.load.get(id);
      if (!row || String(row["scanned_to"]) !== after.scannedTo.toString() || String(row["block_hash"]) !== after.blockHash) return;
      this.#saveRows(id, checkpoint, items);
      appended = true;
    });
    return appended;
  }

  /** Replaces the scan's checkpoint and items with these, in one transaction. */
  replace<state, item>(scanId: string, checkpoint: LogCheckpoint<state>, items: readonly item[]): void {
    checkCheckpoint(checkpoint);
    const id = checkScanId(scanId);
    this.#write(() => {
      this.#sql.dropChunks.run(id);
      this.#saveRows(id, checkpoint, items);
    });
  }

  /** Forgets the scan's checkpoint and items: the next scan starts from the beginning. */
  reset(scanId: string): void {
    const id = checkScanId(scanId);
    this.#write(() => {
      this.#sql.dropCheckpoint.run(id);
      this.#sql.dropChunks.run(id);
    });
  }

  /** Closes the file; every save is already committed. */
  close(): void {
    if (this.#db.isOpen) this.#db.close();
  }

  #saveRows(id: string, checkpoint: LogCheckpoint<unknown>, items: readonly unknown[]): void {
    this.#sql.save.run(id, checkpoint.scannedTo.toString(), checkpoint.blockHash, serialize(checkpoint.state), Date.now());
    if (items.length > 0) this.#sql.addChunk.run(id, checkpoint.scannedTo.toString(), serialize(items));
  }

  #read<result>(read: () => result): result {
    try {
      return read();
    } catch (cause) {
      throw new LogCheckpointStoreError("Could not read a log checkpoint.", { cause, details: String(cause) });
    }
  }

  #write(write: () => void): void {
    try {
      this.#db.exec("BEGIN IMMEDIATE");
      write();
      this.#db.exec("COMMIT");
    } catch (cause) {
      if (this.#db.isOpen && this.#db.isTransaction) this.#db.exec("ROLLBACK");
      throw new LogCheckpointStoreError("Could not save a log checkpoint.", { cause, details: String(cause) });
    }
  }
}

function checkScanId(scanId: string): string {
  if (typeof scanId !== "string" || scanId.trim() === "") throw new LogCheckpointStoreError("A log scan needs a non-empty id.");
  return scanId;
}

function checkCheckpoint({ scannedTo, blockHash }: LogCheckpoint<unknown>): void {
  if (typeof scannedTo !== "bigint" || scannedTo < 0n) throw new LogCheckpointStoreError(`A checkpoint's scannedTo must be a block number, got ${String(scannedTo)}.`);
  if (typeof blockHash !== "string" || !/^0x[0-9a-fA-F]{64}$/.test(blockHash)) throw new LogCheckpointStoreError(`A checkpoint's blockHash must be a 32-byte hash, got ${String(blockHash)}.`);
}
