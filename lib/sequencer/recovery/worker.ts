/** Sender recovery off the event loop: recovers batches of signed transactions for the pool. */
import { parentPort } from "node:worker_threads";

import type { TransactionSerialized } from "viem";

import { recoverSender } from "./recoverSender.ts";

parentPort?.on("message", async (batch: Array<{ id: number; raw: TransactionSerialized }>) => {
  const results = await Promise.all(
    batch.map(async ({ id, raw }) => {
      try {
        return { id, address: await recoverSender(raw) };
      } catch (error) {
        return { id, error: error instanceof Error ? error.message.split("\n")[0] : String(error) };
      }
    }),
  );
  parentPort?.postMessage(results);
});
