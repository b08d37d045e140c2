import type Safe from "@safe-global/protocol-kit";
import { getAddress, type Address, type Hash } from "viem";

import type { CouncilApprovals, CouncilSafeState } from "../types.ts";
import { includesAddress } from "./signatures.ts";

/**
 * Owners, threshold and nonce through protocol-kit, read together.
 *
 * @example
 * const { owners, threshold, nonce } = await readCouncilState(kit)
 */
export async function readCouncilState(kit: Safe): Promise<CouncilSafeState> {
  const [owners, threshold, nonce] = await Promise.all([kit.getOwners(), kit.getThreshold(), kit.getNonce()]);
  return { owners: owners.map((owner) => getAddress(owner)), threshold, nonce: BigInt(nonce) };
}

/** Current owners that approved `safeTxHash` on-chain (`approvedHashes(owner, hash) != 0`). */
export async function readApprovedOnChain(kit: Safe, safeTxHash: Hash): Promise<Address[]> {
  return (await kit.getOwnersWhoApprovedTx(safeTxHash)).map((owner) => getAddress(owner));
}

/** Distinct owners approving by signature or on-chain, against the threshold. */
export function countApprovals(
  threshold: number,
  signed: readonly Address[],
  approvedOnChain: readonly Address[],
): CouncilApprovals {
  const approvers = [...signed];
  for (const owner of approvedOnChain) if (!includesAddress(approvers, owner)) approvers.push(owner);
  return { threshold, signed, approvedOnChain, approvers, missing: Math.max(0, threshold - approvers.length) };
}
