/**
 * The recovery pool's wire format: a batch of raw transactions as two ArrayBuffers — the bytes
 * back to back and where each ends — moved to the worker thread instead of copied, and one answer
 * per transaction back.
 */
import type { Address, Hex } from "viem";

export interface RecoveryTask {
  /** The transactions' bytes back to back. */
  bytes: ArrayBuffer;
  /** Uint32 offsets: transaction i ends at `ends[i]`. */
  ends: ArrayBuffer;
}

/** What each worker thread is started with. */
export interface RecoveryWorkerData {
  /** The thread's niceness (0–19; Linux). */
  niceness: number;
}

/** One transaction's answer: its sender and hash, or why it has no sender (the first line of recovery's error). */
export type RecoveryOutcome = { sender: Address; hash: Hex } | { error: string };

/** The raws of one batch in a {@link RecoveryTask}; hex that is not whole bytes becomes an empty transaction. */
export function packRecoveryTask(raws: readonly Hex[]): RecoveryTask {
  const hex = raws.map((raw) => (HEX.test(raw) ? raw.slice(2) : ""));
  const ends = new Uint32Array(raws.length);
  let length = 0;
  for (const [i, digits] of hex.entries()) ends[i] = length += digits.length / 2;
  const bytes = Buffer.allocUnsafeSlow(length);
  for (const [i, digits] of hex.entries()) bytes.write(digits, i === 0 ? 0 : (ends[i - 1] as number), "hex");
  return { bytes: bytes.buffer as ArrayBuffer, ends: ends.buffer };
}

/** The transactions of a {@link RecoveryTask}, as views into its bytes. */
export function unpackRecoveryTask({ bytes, ends }: RecoveryTask): Uint8Array[] {
  const offsets = new Uint32Array(ends);
  const views: Uint8Array[] = [];
  let start = 0;
  for (const end of offsets) {
    views.push(new Uint8Array(bytes, start, end - start));
    start = end;
  }
  return views;
}

const HEX = /^0x(?:[0-9a-fA-F]{2})*$/;
