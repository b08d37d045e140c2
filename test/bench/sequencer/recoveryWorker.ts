/** Worker for the raw sender-recovery baseline: recovers every transaction it is given, reports the time. */
import { parentPort, workerData } from "node:worker_threads";

import { recoverTransactionAddress, type TransactionSerialized } from "viem";

const raws = workerData as TransactionSerialized[];
const started = performance.now();
for (const raw of raws) await recoverTransactionAddress({ serializedTransaction: raw });
parentPort?.postMessage(performance.now() - started);
