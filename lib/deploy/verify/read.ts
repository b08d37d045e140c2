/**
 * Reading who holds a power from the chain: AccessControl members from their grant and revoke
 * logs (each confirmed with `hasRole`), getters, the Safe's owners, threshold, modules and guard,
 * and whether an address holds code. A read that fails becomes `unreadable`, never a throw: one
 * wrong address must not hide the other deviations.
 */
import { safe_1_4_1_ContractArtifacts } from "@safe-global/types-kit";
import { getAbiItem, getAddress, isAddress, isAddressEqual, slice, zeroAddress, type Abi, type Address, type Hex, type PublicClient } from "viem";

import {
  hubStateOracleAbi,
  memberChainRegistryAbi,
  outputOracleAbi,
  rootSettingsAbi,
  sequencerConfigRegistryAbi,
  spokeTokenAbi,
  spokeVoteAggregatorAbi,
  spokeVotePoolAbi,
  superchainGovernorAbi,
  superchainTimelockAbi,
} from "../../contracts/index.ts";
import { BaseError } from "../../errors.ts";
import { scanLogs } from "../../rpc/logScan.ts";
import type { FoundHolders } from "./compare.ts";
import type { ExpectedPower, VerifiedContract } from "./expected.ts";

const ABIS: Record<VerifiedContract, Abi> = {
  SuperchainTimelock: superchainTimelockAbi,
  SuperchainGovernor: superchainGovernorAbi,
  SequencerConfigRegistry: sequencerConfigRegistryAbi,
  MemberChainRegistry: memberChainRegistryAbi,
  RootSettings: rootSettingsAbi,
  OutputOracle: outputOracleAbi,
  SpokeVotePool: spokeVotePoolAbi,
  HubStateOracle: hubStateOracleAbi,
  SpokeToken: spokeTokenAbi,
  SpokeVoteAggregator: spokeVoteAggregatorAbi,
  Safe: safe_1_4_1_ContractArtifacts.abi as Abi,
};

/** Safe 1.4.1's sentinel: the start of its linked lists of owners and modules. */
const SAFE_SENTINEL: Address = "0x0000000000000000000000000000000000000001";
/** `keccak256("guard_manager.guard.address")`: where Safe 1.4.1 keeps its transaction guard. */
const SAFE_GUARD_SLOT: Hex = "0x4a204f620c8c5ccdca3fd54d003badd85ba500436a431f0cbda4f558c93c34c8";
/** More modules than any Safe should have: a page this long that is full reads as a deviation anyway. */
const MODULES_PAGE = 100n;

/** Current members of every role an AccessControl contract ever granted, by role id. */
export type RoleMembers = ReadonlyMap<Hex, readonly Address[]>;

/** An AccessControl contract's role members, or why its logs could not be read. */
export type RoleMembersAnswer = { ok: true; members: RoleMembers } | { ok: false; reason: string };

/**
 * Every account that holds a role of the AccessControl contract at `address` now: the accounts
 * its `RoleGranted` / `RoleRevoked` logs name from `fromBlock` on, each kept only if `hasRole`
 * still says so. Roles that were granted and fully revoked map to `[]`.
 *
 * @example
 * const members = await readRoleMembers(hub, { address: timelock, fromBlock: 5n, toBlock: head })
 * members.get(PROPOSER_ROLE) // [governor]
 */
export async function readRoleMembers(client: PublicClient, { address, fromBlock, toBlock }: { address: Address; fromBlock: bigint; toBlock: bigint }): Promise<RoleMembers> {
  const events = [getAbiItem({ abi: superchainTimelockAbi, name: "RoleGranted" }), getAbiItem({ abi: superchainTimelockAbi, name: "RoleRevoked" })] as const;
  const logs = await scanLogs((from, to) => client.getLogs({ address, events, fromBlock: from, toBlock: to, strict: true }), { fromBlock, toBlock });
  const candidates = new Map<Hex, Set<Address>>();
  for (const log of logs) {
    const accounts = candidates.get(log.args.role) ?? new Set<Address>();
    accounts.add(getAddress(log.args.account));
    candidates.set(log.args.role, accounts);
  }
  const entries = await Promise.all(
    [...candidates].map(async ([role, accounts]) => {
      const held = await Promise.all(
        [...accounts].map((account) => client.readContract({ address, abi: superchainTimelockAbi, functionName: "hasRole", args: [role, account], blockNumber: toBlock })),
      );
      return [role, [...accounts].filter((_, i) => held[i])] as const;
    }),
  );
  return new Map(entries);
}

/**
 * What the chain answers for one power at `blockNumber`. `roleMembers` powers are answered from
 * `roles` (see {@link readRoleMembers}); every other read is one call.
 */
export async function readPower(client: PublicClient, power: ExpectedPower, { roles, blockNumber }: { roles: RoleMembersAnswer | undefined; blockNumber: bigint }): Promise<FoundHolders> {
  const read = power.read;
  const call = (functionName: string, args: readonly unknown[] = []) =>
    client.readContract({ address: power.address, abi: ABIS[power.contract], functionName, args, blockNumber }) as Promise<unknown>;
  try {
    switch (read.kind) {
      case "roleMembers":
        if (roles === undefined) throw new BaseError("the role logs were not read");
        if (!roles.ok) throw new BaseError(`the role logs could not be read: ${roles.reason}`);
        return { kind: "holders", holders: roles.members.get(read.role) ?? [] };
      case "hasRole":
        return { kind: "value", value: String(await call("hasRole", [read.role, read.account])) };
      case "getter": {
        const answer = await call(read.functionName, read.args);
        return { kind: "holders", holders: nonZero(asAddress(read.field === undefined ? answer : (answer as Record<string, unknown>)[read.field])) };
      }
      case "safeOwners":
        return { kind: "holders", holders: (await call("getOwners")) as Address[] };
      case "safeThreshold":
        return { kind: "value", value: String(await call("getThreshold")) };
      case "safeIsOwner":
        return { kind: "value", value: String(await call("isOwner", [read.account])) };
      case "safeModules": {
        const [modules] = (await call("getModulesPaginated", [SAFE_SENTINEL, MODULES_PAGE])) as readonly [Address[], Address];
        return { kind: "holders", holders: modules };
      }
      case "safeGuard": {
        const word = await client.getStorageAt({ address: power.address, slot: SAFE_GUARD_SLOT, blockNumber });
        return { kind: "holders", holders: nonZero(word === undefined ? zeroAddress : getAddress(slice(word, 12))) };
      }
    }
  } catch (error) {
    return { kind: "unreadable", reason: failure(error) };
  }
}

/**
 * {@link readRoleMembers}, with a failure as its reason instead of a throw.
 *
 * @example
 * const answer = await readRoleMembersAnswer(hub, { address: timelock, fromBlock: 5n, toBlock: head })
 */
export async function readRoleMembersAnswer(client: PublicClient, parameters: { address: Address; fromBlock: bigint; toBlock: bigint }): Promise<RoleMembersAnswer> {
  try {
    return { ok: true, members: await readRoleMembers(client, parameters) };
  } catch (error) {
    return { ok: false, reason: failure(error) };
  }
}

/** An error's short message (ours and viem's both have one). */
function failure(error: unknown): string {
  if (error instanceof Error) return (error as { shortMessage?: string }).shortMessage ?? error.message;
  return String(error);
}

/** Whether `address` holds code at `blockNumber`. */
export async function hasCode(client: PublicClient, { address, blockNumber }: { address: Address; blockNumber: bigint }): Promise<boolean> {
  const code = await client.getCode({ address, blockNumber });
  return code !== undefined && code !== "0x";
}

function asAddress(value: unknown): Address {
  if (typeof value !== "string" || !isAddress(value, { strict: false })) throw new BaseError(`the answer is not an address: ${String(value)}`);
  return getAddress(value);
}

/** A getter's zero address means nobody holds the power. */
function nonZero(address: Address): Address[] {
  return isAddressEqual(address, zeroAddress) ? [] : [address];
}
