/** Sender recovery off the event loop: recovers batches of signed transactions for the pool. */
import { parentPort } from "node:worker_threads";

import { recoverTransactionAddress, type TransactionSerialized } from "viem";

parentPort?.on("message", async (batch: Array<{ id: number; raw: TransactionSerialized }>) => {
  const results = await Promise.all(
    batch.map(async ({ id, raw }) => {
      try {
        return { id, address: await recoverTransactionAddress({ serializedTransaction: raw }) };
      } catch (error) {
        return { id, error: error instanceof Error ? error.message.split("\n")[0] : String(error) };
      }
    }),
  );
  parentPort?.postMessage(results);
});
