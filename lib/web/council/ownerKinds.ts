import { getAddress, type Address, type PublicClient } from "viem";

import { councilSafeAbi } from "./safeTx.ts";

/**
 * What kind of account a council owner is, which decides how it approves a council transaction:
 * an EOA signs (EIP-712 here, or `eth_sign`) or calls `approveHash`; a Safe approves with an
 * EIP-1271 contract signature its own owners make (a `SafeMessage` of the council transaction),
 * or by executing `approveHash` as one of its own transactions; any other contract calls
 * `approveHash`, or signs through EIP-1271 if it implements `isValidSignature`.
 */
export type CouncilOwnerKind =
  | { owner: Address; kind: "eoa" }
  | { owner: Address; kind: "safe"; threshold: number; owners: Address[]; version: string }
  | { owner: Address; kind: "contract" };

/**
 * The kind of each owner, read together: one `eth_getCode` per owner, then one multicall of
 * `getThreshold` / `getOwners` / `VERSION` for the owners with code (a Safe answers all three).
 *
 * @example
 * await readCouncilOwnerKinds(hub, state.owners) // [{ owner, kind: "eoa" }, { owner, kind: "safe", threshold: 2, owners, version: "1.4.1" }]
 */
export async function readCouncilOwnerKinds(client: PublicClient, owners: readonly Address[]): Promise<CouncilOwnerKind[]> {
  const codes = await Promise.all(owners.map((owner) => client.getCode({ address: owner })));
  const contracts = owners.filter((_, i) => codes[i] !== undefined && codes[i] !== "0x");
  const reads =
    contracts.length === 0
      ? []
      : await client.multicall({
          contracts: contracts.flatMap((address) => [
            { address, abi: councilSafeAbi, functionName: "getThreshold" } as const,
            { address, abi: councilSafeAbi, functionName: "getOwners" } as const,
            { address, abi: councilSafeAbi, functionName: "VERSION" } as const,
          ]),
        });
  return owners.map((owner): CouncilOwnerKind => {
    const index = contracts.indexOf(owner);
    if (index < 0) return { owner, kind: "eoa" };
    const [threshold, nested, version] = reads.slice(index * 3, index * 3 + 3);
    if (threshold?.status !== "success" || nested?.status !== "success" || version?.status !== "success") return { owner, kind: "contract" };
    return { owner, kind: "safe", threshold: Number(threshold.result), owners: (nested.result as readonly Address[]).map((address) => getAddress(address)), version: String(version.result) };
  });
}
