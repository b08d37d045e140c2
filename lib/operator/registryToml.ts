/**
 * One member chain's configuration in the superchain-registry's layout
 * (`superchain/configs/<superchain>/<chain>.toml`): the registry's own keys where this project has
 * an honest value for them, and the governed sequencer configuration in a table of our own.
 * docs/superchain-registry.md lists every key of the registry this file leaves out, and why.
 */
import { stringify } from "smol-toml";
import type { Address, Hex } from "viem";

import { userRpcUrl, type ChainEntry, type Manifest } from "../chains/index.ts";
import { OrderingPolicy, orderingPolicyOf } from "../governance/parameters.ts";
import { OperatorError } from "./errors.ts";
import type { GovernedConfig } from "./types.ts";
import { RELEASE_KIND_REQUIRED, releaseText, type GovernedRelease } from "./verifyRelease.ts";

/** The roles the registry names that this project has, by the registry's names. */
export interface RegistryRoles {
  /** Governance (the timelock): schedules every change to the chain's sequencer configuration. */
  SystemConfigOwner: Address;
  /** The Security Council Safe: pauses sequencing at once. */
  Guardian: Address;
  /** The Security Council Safe: rejects output commitments in their challenge window (absent without an OutputOracle). */
  Challenger?: Address;
  /** The chain's operator: the only account that posts its output commitments to the hub. */
  Proposer: Address;
}

/**
 * The hub contracts that govern a member chain, PascalCase like the registry's `[addresses]` (which
 * are all on the chain that governs, L1 there, the hub here).
 */
export interface RegistryAddresses {
  SuperchainToken: Address;
  SuperchainGovernor: Address;
  SuperchainTimelock: Address;
  MemberChainRegistry: Address;
  SequencerConfigRegistry: Address;
  OutputOracle?: Address;
  RootSettings?: Address;
  StateProofVerifier?: Address;
  /** This chain's token escrow and tally relay. */
  SpokeVotePool?: Address;
}

/**
 * The contracts on the member chain itself (a table of ours: the registry lists no L2 contracts).
 * Apart from {@link RegistryAddresses} because the same deployer nonces give the same addresses on
 * the hub and on a member chain.
 */
export interface RegistryMemberAddresses {
  HubStateOracle?: Address;
  SpokeToken?: Address;
  SpokeVoteAggregator?: Address;
  StateProofVerifier?: Address;
}

/** One approved release, as `[[governed_sequencer.releases]]`. */
export interface RegistryRelease {
  version: string;
  kind: "required" | "recommended";
  /** sha-256 of the sequencer build. */
  digest: Hex;
  /** Unix seconds from which the approval is in force. */
  activation_time: bigint;
}

/** The governed sequencer configuration in force, as `[governed_sequencer]`. */
export interface RegistryGovernedSequencer {
  config_version: bigint;
  /** Unix seconds at which this configuration took effect. */
  activation_time: bigint;
  paused: boolean;
  /** The exact governed block time; the registry's `block_time` is this in whole seconds. */
  block_time_ms: bigint;
  max_tx_per_block: bigint;
  max_block_gas: bigint;
  ordering_policy: (typeof TOML_ORDERING_POLICY)[OrderingPolicy];
  min_priority_fee_wei: bigint;
  max_tx_bytes: bigint;
  max_pending_per_sender: bigint;
  commitment_interval: bigint;
  /** Every release governance approved, oldest first (empty: any build may run). */
  releases: RegistryRelease[];
}

/**
 * A member chain's registry-layout file as data: exactly what {@link registryChainToml} writes and
 * what smol-toml's `parse(text, { integersAsBigInt: true })` reads back. Every integer is a bigint
 * (TOML integers are 64-bit; every governed value is bounded well below 2^63).
 */
export interface RegistryChainFile {
  name: string;
  chain_id: bigint;
  /** What users and wallets use: the shared sequencer's URL for the chain, else the chain's node. */
  public_rpc: string;
  /** The shared sequencer's URL for the chain; absent when the manifest names none. */
  sequencer_rpc?: string;
  /** 0 (frontier): not an OP Stack standard chain. */
  superchain_level: bigint;
  governed_by_optimism: false;
  /** Unix seconds at which the chain (last) became a member of this superchain. */
  superchain_time: bigint;
  /** `"none"`: member chains post no transaction data to the hub, only output commitments. */
  data_availability_type: "none";
  /** The governed block time in whole seconds, rounded to nearest, at least 1 (see `governed_sequencer.block_time_ms`). */
  block_time: bigint;
  genesis: { l2_time: bigint; l2: { hash: Hex; number: bigint } };
  roles: RegistryRoles;
  addresses: RegistryAddresses;
  member_addresses: RegistryMemberAddresses;
  /** The chain whose contracts govern this one (the registry's `[l1]` of superchain.toml). */
  hub: { name: string; chain_id: bigint; public_rpc: string };
  governed_sequencer: RegistryGovernedSequencer;
}

export interface RegistryChainFileParameters {
  manifest: Manifest;
  member: ChainEntry;
  governed: GovernedConfig;
  /** The registry's governance and council, and the chain's operator, all read from the hub. */
  roles: { governance: Address; council: Address; operator: Address };
  /** Unix seconds: the member chain registry's `joinedAt`. */
  joinedAt: bigint;
  releases: readonly GovernedRelease[];
  /** The member chain's block 0. */
  genesis: { hash: Hex; timestamp: bigint };
}

/**
 * The registry's `block_time` (whole seconds) for a governed block time in milliseconds: rounded to
 * the nearest second, halves up, and never below 1 (the registry and op-node refuse 0). Lossy for
 * sub-second or fractional block times; `governed_sequencer.block_time_ms` keeps the exact value.
 *
 * @example
 * registryBlockTime(2000) // 2n
 * registryBlockTime(250)  // 1n
 * registryBlockTime(1500) // 2n
 */
export function registryBlockTime(blockTimeMs: number | bigint): bigint {
  const seconds = (BigInt(blockTimeMs) + 500n) / 1000n;
  return seconds < 1n ? 1n : seconds;
}

const INT64_MAX = 2n ** 63n - 1n;

/** The registry layout's snake_case name for each policy; keyed by the enum, so a new policy must be named here. */
const TOML_ORDERING_POLICY = {
  [OrderingPolicy.Fifo]: "fifo",
  [OrderingPolicy.PriorityFee]: "priority_fee",
} as const satisfies Record<OrderingPolicy, string>;

/** A TOML integer: smol-toml writes any bigint, so one that a 64-bit TOML integer cannot hold is refused here. */
function int64(name: string, value: number | bigint): bigint {
  const big = BigInt(value);
  if (big > INT64_MAX || big < -INT64_MAX - 1n) throw new OperatorError(`${name} = ${big} does not fit a TOML integer (64-bit)`);
  return big;
}

/** `{ key: value }`, or `{}` when there is no value: an optional key is left out, never written empty. */
function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}

/**
 * A member chain's file in the superchain-registry layout, pure: from the manifest (names, URLs,
 * contract addresses) and what was read from the hub and the chain (see `readRegistryChains`).
 *
 * @example
 * const file = registryChainFile({ manifest, member, governed, roles, joinedAt, releases, genesis })
 * file.block_time // 2n for a 2,000 ms governed block time
 */
export function registryChainFile({ manifest, member, governed, roles, joinedAt, releases, genesis }: RegistryChainFileParameters): RegistryChainFile {
  const { contracts } = manifest;
  const p = governed.parameters;
  return {
    name: member.name,
    chain_id: int64("chain_id", member.chainId),
    public_rpc: userRpcUrl(member),
    ...optional("sequencer_rpc", member.sequencerRpcUrl),
    superchain_level: 0n,
    governed_by_optimism: false,
    superchain_time: int64("superchain_time", joinedAt),
    data_availability_type: "none",
    block_time: registryBlockTime(p.blockTimeMs),
    genesis: { l2_time: int64("genesis.l2_time", genesis.timestamp), l2: { hash: genesis.hash, number: 0n } },
    roles: {
      SystemConfigOwner: roles.governance,
      Guardian: roles.council,
      // OutputOracle's rejecter is RootSettings' council, which is the registry's council.
      ...optional("Challenger", contracts.outputOracle === undefined ? undefined : roles.council),
      Proposer: roles.operator,
    },
    addresses: {
      SuperchainToken: contracts.token,
      SuperchainGovernor: contracts.governor,
      SuperchainTimelock: contracts.timelock,
      MemberChainRegistry: contracts.memberChains,
      SequencerConfigRegistry: contracts.sequencerConfig,
      ...optional("OutputOracle", contracts.outputOracle),
      ...optional("RootSettings", contracts.rootSettings),
      ...optional("StateProofVerifier", contracts.stateProofVerifier),
      ...optional("SpokeVotePool", member.spoke?.pool),
    },
    member_addresses: {
      ...optional("HubStateOracle", member.hubStateOracle),
      ...optional("SpokeToken", member.spoke?.token),
      ...optional("SpokeVoteAggregator", member.spoke?.aggregator),
      ...optional("StateProofVerifier", member.spoke?.verifier),
    },
    hub: { name: manifest.hub.name, chain_id: int64("hub.chain_id", manifest.hub.chainId), public_rpc: manifest.hub.rpcUrl },
    governed_sequencer: {
      config_version: int64("config_version", governed.version),
      activation_time: int64("activation_time", governed.activatedAt),
      paused: governed.paused,
      block_time_ms: int64("block_time_ms", p.blockTimeMs),
      max_tx_per_block: int64("max_tx_per_block", p.maxTxPerBlock),
      max_block_gas: int64("max_block_gas", p.maxBlockGas),
      ordering_policy: TOML_ORDERING_POLICY[orderingPolicyOf(p.orderingPolicy)],
      min_priority_fee_wei: int64("min_priority_fee_wei", p.minPriorityFeeWei),
      max_tx_bytes: int64("max_tx_bytes", p.maxTxBytes),
      max_pending_per_sender: int64("max_pending_per_sender", p.maxPendingPerSender),
      commitment_interval: int64("commitment_interval", p.commitmentInterval),
      releases: releases.map(
        (r): RegistryRelease => ({
          version: releaseText(r),
          kind: r.kind === RELEASE_KIND_REQUIRED ? "required" : "recommended",
          digest: r.digest,
          activation_time: int64("releases.activation_time", r.activatesAt),
        }),
      ),
    },
  };
}

/**
 * The file's TOML text: a comment header naming where and when it was read, then the data, written
 * by smol-toml (so `parse(text, { integersAsBigInt: true })` gives back `file` exactly).
 *
 * @example
 * await writeFile(`${file.name}.toml`, registryChainToml(file, { network: "devnet", hubBlock: { number: 42n, timestamp } }))
 */
export function registryChainToml(file: RegistryChainFile, source: { network: string; hubBlock: { number: bigint; timestamp: bigint } }): string {
  const at = new Date(Number(source.hubBlock.timestamp) * 1000).toISOString().replace(/\.\d{3}Z$/, "Z");
  const header = [
    `# ${file.name} (chain ${file.chain_id}), in the superchain-registry layout.`,
    `# Exported by \`superchain config export\` from the ${source.network} hub (chain ${file.hub.chain_id}) at block ${source.hubBlock.number} (${at}).`,
    "# Keys the registry has and this file lacks, and our own tables: docs/superchain-registry.md.",
  ];
  return `${header.join("\n")}\n\n${stringify(file).trimEnd()}\n`;
}
