/**
 * The powers a finished deployment must show, derived from its manifest alone (pure, no I/O): who
 * holds every role, admin, guardian, applier, binding and owner of every contract, as
 * docs/DESIGN.md's trust model says. Governance's powers belong to the timelock, the council's to
 * the council Safe, posting rights to each chain's registered operator, and nothing to the deployer
 * or any other account.
 */
import { keccak256, toBytes, zeroAddress, zeroHash, type Address, type Hex } from "viem";

import { deployBlock, type Manifest } from "../../chains/index.ts";

/** A chain of the deployment, as checks and deviations name it. */
export interface ChainRef {
  chainId: number;
  name: string;
}

/** The contracts whose powers are read; each has its ABI in the readers. */
export type VerifiedContract =
  | "SuperchainTimelock"
  | "SuperchainGovernor"
  | "SequencerConfigRegistry"
  | "MemberChainRegistry"
  | "RootSettings"
  | "OutputOracle"
  | "SpokeVotePool"
  | "HubStateOracle"
  | "SpokeToken"
  | "SpokeVoteAggregator"
  | "Safe";

/** How a power's holders are read from the chain. */
export type PowerRead =
  /**
   * AccessControl: every account a RoleGranted/RoleRevoked log names from `fromBlock` (the
   * contract's deploy block) on, kept if `hasRole` says so.
   */
  | { kind: "roleMembers"; role: Hex; fromBlock: bigint }
  /** One account `hasRole` is asked about (the deployer's explicit check). */
  | { kind: "hasRole"; role: Hex; account: Address }
  /** A view function returning an address (or a struct, whose `field` is the address). */
  | { kind: "getter"; functionName: string; args?: readonly unknown[]; field?: string }
  | { kind: "safeOwners" }
  | { kind: "safeThreshold" }
  | { kind: "safeIsOwner"; account: Address }
  /** Enabled Safe modules: each may execute any transaction as the Safe. */
  | { kind: "safeModules" }
  /** The Safe's transaction guard (its storage slot): it may block any transaction. */
  | { kind: "safeGuard" };

/** An address and what it is (`timelock`, `council Safe`, `anyone`), for reports. */
export interface NamedAddress {
  address: Address;
  name: string;
}

/** What the chain must answer. */
export type ExpectedHolders =
  /** Exactly these accounts, in any order (none for `[]`). */
  | { kind: "holders"; holders: readonly NamedAddress[] }
  /** The operator MemberChainRegistry has registered for `chainId` on the hub. */
  | { kind: "registeredOperator"; chainId: number }
  /** One account, neither zero nor the deployer: a chain's operator key in the registry itself. */
  | { kind: "operatorKey"; deployer: Address | undefined }
  /** A plain value (a threshold, a yes/no). */
  | { kind: "value"; value: string };

/** One power of one contract and who must hold it. */
/**
 * Whether the governor's vote sources are checked: `appointed` once governance appointed each
 * member's pool; `pending` right after a deployment, whose first proposal appoints them (only a
 * proposal the governor executes can, so no deployer ever holds that power).
 */
export type VoteSources = "appointed" | "pending";

export interface ExpectedPower {
  chain: ChainRef;
  contract: VerifiedContract;
  address: Address;
  /** What the power is called in reports: `PROPOSER_ROLE`, `proposalGuardian`, `owners`, … */
  power: string;
  read: PowerRead;
  expected: ExpectedHolders;
}

/** An address of the manifest that must hold code on `chain`. */
export interface ExpectedCode {
  chain: ChainRef;
  /** The manifest's name for it: `contracts.timelock`, `safe.multiSend`, `members[0].spoke.token`. */
  name: string;
  address: Address;
}

/** OpenZeppelin TimelockController's roles, by the names it defines them with. */
export const TIMELOCK_ROLES = {
  DEFAULT_ADMIN_ROLE: zeroHash,
  PROPOSER_ROLE: keccak256(toBytes("PROPOSER_ROLE")),
  EXECUTOR_ROLE: keccak256(toBytes("EXECUTOR_ROLE")),
  CANCELLER_ROLE: keccak256(toBytes("CANCELLER_ROLE")),
} as const satisfies Record<string, Hex>;

/** A role's name if it is one of {@link TIMELOCK_ROLES}, else its id. */
export function roleName(role: Hex): string {
  const found = Object.entries(TIMELOCK_ROLES).find(([, id]) => id === role);
  return found ? found[0] : role;
}

const holders = (...accounts: NamedAddress[]): ExpectedHolders => ({ kind: "holders", holders: accounts });
const value = (text: string): ExpectedHolders => ({ kind: "value", value: text });
const getter = (functionName: string, extra: { args?: readonly unknown[]; field?: string } = {}): PowerRead => ({ kind: "getter", functionName, ...extra });

/**
 * Every power of every contract in `manifest` and who must hold it: the timelock's roles (its own
 * admin, the governor as only proposer and canceller, execution open to anyone), the governor's
 * timelock, proposal guardian and vote sources, the registries' governance, council and change
 * applier, each chain's operator, the oracles' and spoke contracts' wiring, the pools' one-shot
 * binding (spent), and the council Safe's owners, threshold, modules and guard on every chain. With
 * a `deployer`, also asks explicitly whether it holds a timelock role or a Safe seat.
 *
 * @example
 * const powers = expectedPowers(manifest, { deployer: manifest.deployer })
 * powers.find((p) => p.power === "PROPOSER_ROLE")?.expected // { kind: "holders", holders: [governor] }
 */
export function expectedPowers(
  manifest: Manifest,
  { deployer, voteSources = "appointed" }: { deployer?: Address | undefined; voteSources?: VoteSources | undefined } = {},
): ExpectedPower[] {
  const { contracts, council } = manifest;
  const name = (n: string, address: Address): NamedAddress => ({ address, name: n });
  const c = {
    timelock: name("timelock", contracts.timelock),
    governor: name("governor", contracts.governor),
    memberChains: name("MemberChainRegistry", contracts.memberChains),
    sequencerConfig: name("SequencerConfigRegistry", contracts.sequencerConfig),
    rootSettings: contracts.rootSettings === undefined ? undefined : name("RootSettings", contracts.rootSettings),
    outputOracle: contracts.outputOracle === undefined ? undefined : name("OutputOracle", contracts.outputOracle),
  };
  const safe = name("council Safe", council.safe);
  const hub: ChainRef = { chainId: manifest.hub.chainId, name: manifest.hub.name };
  const at = (contract: VerifiedContract, address: Address) => (power: string, read: PowerRead, expected: ExpectedHolders): ExpectedPower => ({
    chain: hub,
    contract,
    address,
    power,
    read,
    expected,
  });
  const timelock = at("SuperchainTimelock", c.timelock.address);
  const governor = at("SuperchainGovernor", c.governor.address);
  const registry = at("SequencerConfigRegistry", c.sequencerConfig.address);
  const members = at("MemberChainRegistry", c.memberChains.address);
  const roleHolders: Record<keyof typeof TIMELOCK_ROLES, NamedAddress[]> = {
    DEFAULT_ADMIN_ROLE: [c.timelock],
    PROPOSER_ROLE: [c.governor],
    CANCELLER_ROLE: [c.governor],
    EXECUTOR_ROLE: [name("anyone: address 0", zeroAddress)],
  };
  const powers: ExpectedPower[] = [
    ...Object.entries(TIMELOCK_ROLES).map(([name, role]) => timelock(name, { kind: "roleMembers", role, fromBlock: deployBlock(manifest, "SuperchainTimelock") }, holders(...roleHolders[name as keyof typeof TIMELOCK_ROLES]))),
    governor("timelock", getter("timelock"), holders(c.timelock)),
    governor("proposalGuardian", getter("proposalGuardian"), holders(safe)),
    registry("governance", getter("governance"), holders(c.timelock)),
    registry("council", getter("council"), holders(safe)),
    registry("memberChains", getter("memberChains"), holders(c.memberChains)),
    members("changeApplier", getter("changeApplier"), holders(c.sequencerConfig)),
    ...manifest.members.map((m) => members(`operatorOf(${m.chainId})`, getter("operatorOf", { args: [BigInt(m.chainId)] }), { kind: "operatorKey", deployer })),
  ];
  if (c.rootSettings !== undefined) {
    const settings = at("RootSettings", c.rootSettings.address);
    powers.push(
      settings("governance", getter("governance"), holders(c.timelock)),
      settings("council", getter("council"), holders(safe)),
      settings("memberChains", getter("memberChains"), holders(c.memberChains)),
      settings("configRegistry", getter("configRegistry"), holders(c.sequencerConfig)),
    );
  }
  if (c.outputOracle !== undefined) {
    const oracle = at("OutputOracle", c.outputOracle.address);
    powers.push(
      oracle("memberChains", getter("memberChains"), holders(c.memberChains)),
      oracle("configRegistry", getter("configRegistry"), holders(c.sequencerConfig)),
      ...(c.rootSettings === undefined ? [] : [oracle("rootSettings", getter("rootSettings"), holders(c.rootSettings))]),
    );
  }
  if (deployer !== undefined) {
    powers.push(...Object.entries(TIMELOCK_ROLES).map(([name, role]) => timelock(`${name} of the deployer`, { kind: "hasRole", role, account: deployer }, value("false"))));
  }
  powers.push(...safePowers(hub, manifest, deployer));
  for (const member of manifest.members) {
    const chain: ChainRef = { chainId: member.chainId, name: member.name };
    if (member.spoke !== undefined) {
      const pool = at("SpokeVotePool", member.spoke.pool);
      powers.push(
        ...(voteSources === "appointed"
          ? [governor(`voteSource(${member.chainId})`, getter("voteSource", { args: [BigInt(member.chainId)] }), holders(name(`${member.name} pool`, member.spoke.pool)))]
          : []),
        pool("governor", getter("governor"), holders(c.governor)),
        // bindSpoke is the binder's one shot: a pool bound to the manifest's contracts has spent it.
        pool("spokeToken (binding spent)", getter("spokeToken"), holders(name(`${member.name} SpokeToken`, member.spoke.token))),
        pool("spokeAggregator (binding spent)", getter("spokeAggregator"), holders(name(`${member.name} SpokeVoteAggregator`, member.spoke.aggregator))),
      );
    }
    const on = (contract: VerifiedContract, address: Address) => (power: string, read: PowerRead, expected: ExpectedHolders): ExpectedPower => ({
      chain,
      contract,
      address,
      power,
      read,
      expected,
    });
    if (member.hubStateOracle !== undefined) {
      const oracle = on("HubStateOracle", member.hubStateOracle);
      powers.push(
        oracle("roles.operator", getter("roles", { field: "operator" }), { kind: "registeredOperator", chainId: member.chainId }),
        oracle("roles.council", getter("roles", { field: "council" }), holders(safe)),
        ...(c.rootSettings === undefined ? [] : [oracle("rootSettings", getter("rootSettings"), holders(c.rootSettings))]),
      );
    }
    if (member.spoke !== undefined && member.hubStateOracle !== undefined) {
      const token = on("SpokeToken", member.spoke.token);
      const aggregator = on("SpokeVoteAggregator", member.spoke.aggregator);
      const hubStateOracle = name(`${member.name} HubStateOracle`, member.hubStateOracle);
      powers.push(
        token("hubPool", getter("hubPool"), holders(name(`${member.name} pool`, member.spoke.pool))),
        token("hubStateOracle", getter("hubStateOracle"), holders(hubStateOracle)),
        aggregator("hubGovernor", getter("hubGovernor"), holders(c.governor)),
        aggregator("hubStateOracle", getter("hubStateOracle"), holders(hubStateOracle)),
      );
    }
    powers.push(...safePowers(chain, manifest, deployer));
  }
  return powers;
}

/** The council Safe on `chain` (the same address on every chain): owners, threshold, no module, no guard, no deployer seat. */
function safePowers(chain: ChainRef, manifest: Manifest, deployer: Address | undefined): ExpectedPower[] {
  const { safe, owners, threshold } = manifest.council;
  const power = (name: string, read: PowerRead, expected: ExpectedHolders): ExpectedPower => ({ chain, contract: "Safe", address: safe, power: name, read, expected });
  return [
    power("owners", { kind: "safeOwners" }, holders(...owners.map((address, i) => ({ address, name: `council owner ${i + 1}` })))),
    power("threshold", { kind: "safeThreshold" }, value(String(threshold))),
    power("modules", { kind: "safeModules" }, holders()),
    power("guard", { kind: "safeGuard" }, holders()),
    ...(deployer === undefined ? [] : [power("owner seat of the deployer", { kind: "safeIsOwner", account: deployer }, value("false"))]),
  ];
}

/**
 * Every address of `manifest` that must hold code, on the chain where it lives: the hub's contracts,
 * pools, council Safe and Safe 1.4.1 contracts; each member's HubStateOracle, spoke contracts,
 * council Safe and Safe contracts.
 *
 * @example
 * expectedCode(manifest).map((c) => c.name) // ["contracts.token", …, "members[0].spoke.token", …]
 */
export function expectedCode(manifest: Manifest): ExpectedCode[] {
  const hub: ChainRef = { chainId: manifest.hub.chainId, name: manifest.hub.name };
  const entries = (chain: ChainRef, prefix: string, record: Readonly<Record<string, Address | undefined>>): ExpectedCode[] =>
    Object.entries(record).flatMap(([key, address]) => (address === undefined ? [] : [{ chain, name: `${prefix}.${key}`, address }]));
  const safeEverywhere = (chain: ChainRef) => [...entries(chain, "council", { safe: manifest.council.safe }), ...entries(chain, "safe", manifest.safe)];
  return [
    ...entries(hub, "contracts", manifest.contracts),
    ...safeEverywhere(hub),
    ...manifest.members.flatMap((member, i) => {
      const chain: ChainRef = { chainId: member.chainId, name: member.name };
      const spoke = member.spoke;
      return [
        ...(spoke === undefined ? [] : entries(hub, `members[${i}].spoke`, { pool: spoke.pool })),
        ...entries(chain, `members[${i}]`, { hubStateOracle: member.hubStateOracle }),
        ...(spoke === undefined ? [] : entries(chain, `members[${i}].spoke`, { token: spoke.token, aggregator: spoke.aggregator, verifier: spoke.verifier })),
        ...safeEverywhere(chain),
      ];
    }),
  ];
}
