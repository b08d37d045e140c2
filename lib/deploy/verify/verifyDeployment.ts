/**
 * `verifyDeployment`: reads every power of every contract of a deployment from its chains and
 * compares it with what the manifest and docs/DESIGN.md expect (see ./expected.ts). The CLI's
 * `superchain deploy verify` and the end of a deployment both call it.
 */
import { createPublicClient, getAddress, http, isAddressEqual, type Address, type PublicClient } from "viem";

import type { ChainEntry, Manifest } from "../../chains/index.ts";
import { addressLabels, checkPower, noCodeDeviation, type Deviation, type FoundHolders, type PowerCheck } from "./compare.ts";
import { DeploymentChainMismatchError, DeploymentChainUnreachableError, HandoverDeviationError, type VerifyDeploymentErrorType } from "./errors.ts";
import { expectedCode, expectedPowers, roleName, type ExpectedCode, type ExpectedPower, type VoteSources } from "./expected.ts";
import { hasCode, readPower, readRoleMembersAnswer, type RoleMembersAnswer } from "./read.ts";

/** What {@link verifyDeployment} checks: a manifest, and optionally its deployer and clients. */
export interface VerifyDeploymentParameters {
  manifest: Manifest;
  /** The deploying account; default the manifest's `deployer`. Without either it is not asked about. */
  deployer?: Address | undefined;
  /** A read client per chain id; default one over each chain's own node (`rpcUrl`). */
  clients?: Readonly<Record<number, PublicClient>>;
  /** Default `appointed`; `pending` right after a deployment (see {@link VoteSources}). */
  voteSources?: VoteSources | undefined;
}

/** What {@link verifyDeployment} found: every check, every deviation, and where it read. */
export interface VerifyDeploymentReturnType {
  /** Every power checked, in manifest order, with what was found. */
  checks: PowerCheck[];
  /** Every manifest address whose code was checked. */
  code: ExpectedCode[];
  /** Everything that differs; empty when the handover is complete. */
  deviations: Deviation[];
  /** The deployer that was checked, if known. */
  deployer: Address | undefined;
  /** The block each chain was read at, by chain id. */
  blocks: Record<number, bigint>;
}

export type { VerifyDeploymentErrorType };

/**
 * Reads every role holder, owner, admin, guardian, applier, operator and binding of the
 * deployment at each chain's head and compares them with the manifest: the timelock's roles from
 * their grant and revoke logs (each confirmed with `hasRole`), the rest from their getters, the
 * council Safe's owners, threshold, modules and guard on every chain, and that every manifest
 * address holds code.
 *
 * @throws {DeploymentChainUnreachableError} a chain does not answer.
 * @throws {DeploymentChainMismatchError} a chain's URL serves another chain id.
 * @example
 * const { deviations } = await verifyDeployment({ manifest: await loadManifest() })
 * for (const d of deviations) console.log(d.message)
 */
export async function verifyDeployment({ manifest, deployer: given, clients = {}, voteSources }: VerifyDeploymentParameters): Promise<VerifyDeploymentReturnType> {
  const deployer = given === undefined ? manifest.deployer : getAddress(given);
  const chains = [manifest.hub, ...manifest.members];
  const clientOf = new Map(chains.map((entry) => [entry.chainId, clients[entry.chainId] ?? readClient(entry)]));
  const client = (chainId: number): PublicClient => clientOf.get(chainId)!;
  const blocks = Object.fromEntries(await Promise.all(chains.map(async (entry) => [entry.chainId, await headOf(entry, client(entry.chainId))] as const)));

  const code = expectedCode(manifest);
  const present = await Promise.all(code.map((entry) => hasCode(client(entry.chain.chainId), { address: entry.address, blockNumber: blocks[entry.chain.chainId]! })));
  const missing = code.filter((_, i) => !present[i]);
  const empty = (power: ExpectedPower) => missing.some((m) => m.chain.chainId === power.chain.chainId && isAddressEqual(m.address, power.address));

  const declared = expectedPowers(manifest, { deployer, voteSources }).filter((power) => !empty(power));
  const roleContracts = new Map<string, RoleMembersAnswer>();
  for (const power of declared) {
    if (power.read.kind !== "roleMembers" || roleContracts.has(contractKey(power))) continue;
    const range = { address: power.address, fromBlock: power.read.fromBlock, toBlock: blocks[power.chain.chainId]! };
    roleContracts.set(contractKey(power), await readRoleMembersAnswer(client(power.chain.chainId), range));
  }
  const powers = [...declared, ...undeclaredRoles(declared, roleContracts)];
  const answers = await Promise.all(
    powers.map((power) => readPower(client(power.chain.chainId), power, { roles: roleContracts.get(contractKey(power)), blockNumber: blocks[power.chain.chainId]! })),
  );
  const operators = registeredOperators(powers, answers);
  const labels = addressLabels(manifest, { deployer, operators });
  const checks = powers.map((power, i) => checkPower(power, answers[i]!, { operators, labels, deployer }));
  return { checks, code, deviations: [...missing.map(noCodeDeviation), ...checks.flatMap((c) => c.deviations)], deployer, blocks };
}

/**
 * Ends a deployment: verifies it and throws when any power is out of place. Call it last in
 * `devnet up` (or any deploy) so a deployment that leaves a power behind fails loudly.
 *
 * @throws {HandoverDeviationError} listing every deviation.
 * @example
 * await assertHandover({ manifest: await loadManifest({ path: paths.manifestFile }) })
 */
export async function assertHandover(parameters: VerifyDeploymentParameters): Promise<VerifyDeploymentReturnType> {
  const report = await verifyDeployment(parameters);
  if (report.deviations.length > 0) throw new HandoverDeviationError(report.deviations);
  return report;
}

/** Roles the logs show on an AccessControl contract that the expectations do not name: nobody may hold them. */
function undeclaredRoles(declared: readonly ExpectedPower[], roleContracts: ReadonlyMap<string, RoleMembersAnswer>): ExpectedPower[] {
  return [...roleContracts].flatMap(([key, answer]) => {
    const declaredHere = declared.filter((p) => p.read.kind === "roleMembers" && contractKey(p) === key);
    const [template] = declaredHere;
    if (!answer.ok || template === undefined || template.read.kind !== "roleMembers") return [];
    const { fromBlock } = template.read;
    const known = new Set(declaredHere.map((p) => (p.read.kind === "roleMembers" ? p.read.role : undefined)));
    return [...answer.members.keys()]
      .filter((role) => !known.has(role))
      .map((role): ExpectedPower => ({ ...template, power: roleName(role), read: { kind: "roleMembers", role, fromBlock }, expected: { kind: "holders", holders: [] } }));
  });
}

/** One contract on one chain (an address can be different contracts on different chains). */
function contractKey(power: ExpectedPower): string {
  return `${power.chain.chainId}:${power.address}`;
}

/** Each member chain's operator as the hub's MemberChainRegistry answered (`operatorOf(chainId)`). */
function registeredOperators(powers: readonly ExpectedPower[], answers: readonly FoundHolders[]): Map<number, Address> {
  const operators = new Map<number, Address>();
  powers.forEach((power, i) => {
    const answer = answers[i];
    if (power.expected.kind !== "operatorKey" || power.read.kind !== "getter" || answer?.kind !== "holders") return;
    const [operator] = answer.holders;
    if (operator !== undefined) operators.set(Number(power.read.args?.[0]), operator);
  });
  return operators;
}

function readClient(entry: ChainEntry): PublicClient {
  return createPublicClient({ transport: http(entry.rpcUrl, { batch: true, retryCount: 1, timeout: 10_000 }) }) as PublicClient;
}

/** The chain's head, after checking the URL serves the manifest's chain. */
async function headOf(entry: ChainEntry, client: PublicClient): Promise<bigint> {
  let chainId: number;
  let head: bigint;
  try {
    [chainId, head] = await Promise.all([client.getChainId(), client.getBlockNumber({ cacheTime: 0 })]);
  } catch (cause) {
    throw new DeploymentChainUnreachableError({ chain: entry.name, rpcUrl: entry.rpcUrl, cause });
  }
  if (chainId !== entry.chainId) throw new DeploymentChainMismatchError({ chain: entry.name, rpcUrl: entry.rpcUrl, expected: entry.chainId, actual: chainId });
  return head;
}
