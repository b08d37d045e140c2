/**
 * Sender recovery off the event loop: piscina runs this on each of the pool's threads, one batch
 * per task. Each transaction is decoded by the lean decoder, hashed with hash-wasm's keccak
 * (compiled once per thread) and recovered with libsecp256k1.
 */
import { bytesToHex } from "viem";

import { createWasmKeccak256, recoverSenderLean } from "../tx/recoverLean.ts";
import { unpackRecoveryTask, type RecoveryOutcome, type RecoveryTask } from "./batch.ts";

export type { RecoveryOutcome };

const keccak256 = await createWasmKeccak256();

/** Each transaction's sender and hash, in order; whatever the bytes, every one gets an answer. */
export default function recoverBatch(task: RecoveryTask): RecoveryOutcome[] {
  return unpackRecoveryTask(task).map((raw) => {
    try {
      if (raw.length === 0) return { error: "not 0x-prefixed hex of whole bytes" };
      return { sender: recoverSenderLean(raw, { keccak256 }), hash: bytesToHex(keccak256(raw)) };
    } catch (error) {
      return { error: error instanceof Error ? (error.message.split("\n")[0] ?? "") : String(error) };
    }
  });
}
