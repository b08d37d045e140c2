/** Worker for the raw sender-recovery baseline: the sequencer's own recovery (libsecp256k1), nothing else. */
import { parentPort, workerData } from "node:worker_threads";

import type { TransactionSerialized } from "viem";

import { recoverSender } from "./legacyRecoverSender.ts";

const raws = workerData as TransactionSerialized[];
const started = performance.now();
for (const raw of raws) await recoverSender(raw);
parentPort?.postMessage(performance.now() - started);
