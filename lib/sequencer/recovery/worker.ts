/** Sender recovery off the event loop: piscina runs this on each of the pool's threads, one batch per task. */
import type { Address, Hex, TransactionSerialized } from "viem";

import { recoverSender } from "./recoverSender.ts";

/** One transaction's answer: its sender, or why it has none (the first line of recovery's error). */
export type RecoveryOutcome = { address: Address } | { error: string };

/** Each raw's sender, in order; whatever the bytes, every raw gets an answer. */
export default async function recoverBatch(raws: readonly Hex[]): Promise<RecoveryOutcome[]> {
  return Promise.all(
    raws.map(async (raw) => {
      try {
        return { address: await recoverSender(raw as TransactionSerialized) };
      } catch (error) {
        return { error: error instanceof Error ? (error.message.split("\n")[0] ?? "") : String(error) };
      }
    }),
  );
}
