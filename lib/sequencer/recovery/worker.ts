/**
 * Sender recovery off the event loop: piscina runs this on each of the pool's threads, one batch
 * per task. Each transaction is decoded by the lean decoder, hashed with hash-wasm's keccak
 * (compiled once per thread) and recovered with libsecp256k1.
 */
import { readlinkSync } from "node:fs";
import { setPriority } from "node:os";

import { workerData } from "piscina";
import { bytesToHex } from "viem";

import { createWasmKeccak256, recoverSenderLean } from "../tx/recoverLean.ts";
import { unpackRecoveryTask, type RecoveryOutcome, type RecoveryTask, type RecoveryWorkerData } from "./batch.ts";

export type { RecoveryOutcome };

const keccak256 = await createWasmKeccak256();
lowerThisThreadsPriority((workerData as RecoveryWorkerData | undefined)?.niceness ?? 0);

/**
 * Gives this thread (not the process) a niceness: under a flood, recovery then takes the CPU the
 * sequencing loop and the execution client leave, instead of an equal share of it. Linux only —
 * its threads have their own ids (`/proc/thread-self`); elsewhere the thread keeps the process's.
 */
function lowerThisThreadsPriority(niceness: number): void {
  if (niceness === 0) return;
  try {
    setPriority(Number(readlinkSync("/proc/thread-self").split("/").pop()), niceness);
  } catch {
    // Not Linux, or not permitted: recovery runs at the process's priority.
  }
}

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
