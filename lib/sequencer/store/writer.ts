/**
 * The transaction store's writer thread: it owns the database's write connection, runs each batch
 * it receives as one transaction and answers with the batch's outcome once COMMIT has returned
 * (after the WAL fsync). The event loop that admits transactions so never waits on a disk.
 *
 * After every answer it bumps a shared counter and wakes whoever waits on it: `close()` waits for
 * the last commits synchronously (see SqliteTransactionStore).
 */
import { DatabaseSync } from "node:sqlite";
import { workerData, type MessagePort } from "node:worker_threads";

import { applyWrites, decodeWrites, prepareWriteStatements, type BatchOutcome } from "./writes.ts";

/** What the store hands its writer thread at start. */
export interface WriterData {
  path: string;
  busyTimeoutMs: number;
  /** Both ways: {@link WriterRequest}s in, {@link WriterAnswer}s out. */
  port: MessagePort;
  /** Int32 counter of answers sent, for Atomics.wait. */
  answered: SharedArrayBuffer;
}

/** `writes`: the batch's writes encoded by `encodeWrites`. */
export type WriterRequest = { type: "commit"; id: number; writes: string } | { type: "close" };
export type WriterAnswer = { type: "committed"; id: number; outcome: BatchOutcome } | { type: "closed" } | { type: "failed"; message: string };

const { path, busyTimeoutMs, port, answered } = workerData as WriterData;
const counter = new Int32Array(answered);

const answer = (message: WriterAnswer) => {
  port.postMessage(message);
  Atomics.add(counter, 0, 1);
  Atomics.notify(counter, 0);
};

let db: DatabaseSync;
let sql: ReturnType<typeof prepareWriteStatements>;
try {
  db = new DatabaseSync(path, { timeout: busyTimeoutMs });
  // Per connection: in WAL mode, FULL makes every COMMIT fsync the WAL before it returns.
  db.exec("PRAGMA synchronous = FULL");
  sql = prepareWriteStatements(db);
} catch (error) {
  answer({ type: "failed", message: error instanceof Error ? error.message : String(error) });
  port.close();
  throw error;
}

port.on("message", (request: WriterRequest) => {
  if (request.type === "commit") {
    answer({ type: "committed", id: request.id, outcome: applyWrites(db, sql, decodeWrites(request.writes)) });
    return;
  }
  db.close();
  answer({ type: "closed" });
  port.close();
});
