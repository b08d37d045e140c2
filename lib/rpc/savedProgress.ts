import { BlockNotFoundError, type Hash, type PublicClient } from "viem";

import type { LogCheckpoint, LogCheckpointStore } from "./logCheckpoints.ts";

type BlockReader = Pick<PublicClient, "getBlock">;

/** The hash of block `blockNumber` now, or undefined when the chain has no such block (it was reset to a lower height). */
export async function blockHashAt(client: BlockReader, blockNumber: bigint): Promise<Hash | undefined> {
  try {
    return (await client.getBlock({ blockNumber })).hash;
  } catch (error) {
    if (error instanceof BlockNotFoundError) return undefined;
    throw error;
  }
}

/**
 * The scan's saved checkpoint if the chain still has it: block `scannedTo` with the same hash.
 * Otherwise — a reset devnet, a reorg past the checkpoint — the checkpoint and its items are
 * forgotten and the answer is undefined: scan from the beginning. A node that does not answer
 * rejects, and nothing is forgotten.
 *
 * @example
 * const saved = await savedProgress<bigint[]>(checkpoints, scanId, member)
 * let from = saved ? saved.scannedTo + 1n : deployBlock
 */
export async function savedProgress<state>(store: LogCheckpointStore, scanId: string, client: BlockReader): Promise<LogCheckpoint<state> | undefined> {
  const saved = store.load<state>(scanId);
  if (saved === undefined) return undefined;
  if ((await blockHashAt(client, saved.scannedTo)) === saved.blockHash) return saved;
  store.reset(scanId);
  return undefined;
}
