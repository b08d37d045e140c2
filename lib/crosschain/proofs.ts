import { hexToBigInt, type Address, type Hex, type PublicClient } from "viem";

import { ProofRootMismatchError } from "./errors.ts";

/** One storage slot proven at one block: what the contracts' `accountProof`/`storageProof` take. */
export interface StorageProof {
  blockNumber: bigint;
  stateRoot: Hex;
  accountProof: Hex[];
  storageProof: Hex[];
  /** The slot's value at that block (0n when empty: such a slot cannot be proven). */
  value: bigint;
}

/**
 * `eth_getProof` for one slot at one block, checked against that block's state root, so a proof
 * the contracts will refuse is caught here with a clear error instead of a revert.
 *
 * @example
 * const proof = await getStorageProof(hub, { address: pool, slot: depositSlot(0n), blockNumber: 120n })
 */
export async function getStorageProof(
  client: Pick<PublicClient, "getProof" | "getBlock">,
  { address, slot, blockNumber }: { address: Address; slot: Hex; blockNumber: bigint },
): Promise<StorageProof> {
  const [block, proof] = await Promise.all([client.getBlock({ blockNumber }), client.getProof({ address, storageKeys: [slot], blockNumber })]);
  const entry = proof.storageProof[0];
  if (!entry) throw new ProofRootMismatchError(`The node returned no storage proof for slot ${slot} of ${address}.`);
  return {
    blockNumber,
    stateRoot: block.stateRoot,
    accountProof: proof.accountProof,
    storageProof: entry.proof,
    value: typeof entry.value === "bigint" ? entry.value : hexToBigInt(entry.value as Hex),
  };
}
