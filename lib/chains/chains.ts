import { defineChain, type Address, type Chain } from "viem";

import type { GovernanceContracts } from "../governance/codec/types.ts";
import { ManifestNoSpokeError, ManifestUnknownChainError } from "./errors.ts";
import type { ChainEntry, Manifest, SpokeContracts } from "./manifest.ts";

/**
 * Every chain of the manifest, hub first.
 *
 * @example
 * allChains(manifest).map((chain) => chain.chainId) // [900, 901, 902]
 */
export function allChains(manifest: Manifest): readonly ChainEntry[] {
  return [manifest.hub, ...manifest.members];
}

/**
 * The member chains (everything the shared sequencer serves), in manifest order.
 *
 * @example
 * memberChains(manifest).map((chain) => chain.name) // ["base-local", "zora-local"]
 */
export function memberChains(manifest: Manifest): readonly ChainEntry[] {
  return manifest.members;
}

/**
 * The hub or member chain with this id.
 *
 * @throws {ManifestUnknownChainError} when no chain of the manifest has the id; it lists the known ids.
 * @example
 * chainById(manifest, 901).name // "base-local"
 * chainById(manifest, 901n).role // "member"
 */
export function chainById(manifest: Manifest, chainId: number | bigint): ChainEntry {
  const id = Number(chainId);
  const chains = allChains(manifest);
  const found = chains.find((chain) => chain.chainId === id);
  if (found === undefined) throw new ManifestUnknownChainError({ chainId: id, network: manifest.network, known: chains });
  return found;
}

/**
 * The manifest's name for a chain id.
 *
 * @throws {ManifestUnknownChainError} when no chain of the manifest has the id.
 * @example
 * chainName(manifest, 902) // "zora-local"
 */
export function chainName(manifest: Manifest, chainId: number | bigint): string {
  return chainById(manifest, chainId).name;
}

/**
 * The hub contracts a proposal may call, in the shape `lib/governance` encodes and decodes against.
 *
 * @example
 * const actions = decodeProposal(proposal, governanceContracts(manifest))
 */
export function governanceContracts(manifest: Manifest): GovernanceContracts {
  const { governor, timelock, memberChains, sequencerConfig } = manifest.contracts;
  return { governor, timelock, memberChains, sequencerConfig };
}

/** Where Multicall3 lives on every chain (the devnet places it there too). */
export const MULTICALL3_ADDRESS = "0xcA11bde05977b3631167028862bE2a173976CA11" as const;

/**
 * The RPC URL users and wallets should talk to: the shared sequencer's for a member chain that has
 * one, otherwise the chain's own node.
 *
 * @example
 * userRpcUrl(manifest.hub) // manifest.hub.rpcUrl: the hub has no sequencer
 */
export function userRpcUrl(entry: ChainEntry): string {
  return entry.sequencerRpcUrl ?? entry.rpcUrl;
}

/**
 * A viem `Chain` for a manifest chain, whose default RPC is {@link userRpcUrl}: wallets send
 * transactions through the shared sequencer when it exists.
 *
 * @example
 * const client = createPublicClient({ chain: viemChain(manifest.hub), transport: http() })
 */
export function viemChain(entry: ChainEntry): Chain {
  return defineChain({
    id: entry.chainId,
    name: entry.name,
    nativeCurrency: { name: "Ether", symbol: "ETH", decimals: 18 },
    // A replicated sequencer's other replicas follow the primary: a `fallback` transport uses them in turn.
    rpcUrls: { default: { http: [userRpcUrl(entry), ...(entry.sequencerReplicaUrls ?? []).filter((url) => url !== entry.sequencerRpcUrl)] } },
    contracts: { multicall3: { address: MULTICALL3_ADDRESS } },
  });
}

/** A member chain with cross-chain voting, and every address a crossing needs. */
/** The block a manifest contract was deployed at (log scans start there), else 0. */
export function deployBlock(manifest: Manifest, contract: string): bigint {
  return manifest.deployBlocks[contract] ?? 0n;
}

export interface VotingMember {
  chain: ChainEntry;
  /** The chain's contracts: `pool` on the hub; `token`, `aggregator`, `verifier` on the member. */
  spoke: SpokeContracts;
  /** On the member chain: the hub state roots its token and aggregator prove against. */
  hubStateOracle: Address;
  /** On the hub: the member's committed outputs, which the pool proves against. */
  outputOracle: Address;
  /** On the hub: the governor the aggregator learns proposals from and the pool votes on. */
  governor: Address;
  /** Where log scans of the spoke contracts start: the pools' deploy block on the hub, the spoke's on the member. */
  fromBlock: { hub: bigint; member: bigint };
}

function toVotingMember(manifest: Manifest, chain: ChainEntry): VotingMember | undefined {
  const { spoke, hubStateOracle } = chain;
  const { outputOracle, governor } = manifest.contracts;
  if (spoke === undefined || hubStateOracle === undefined || outputOracle === undefined) return undefined;
  return { chain, spoke, hubStateOracle, outputOracle, governor, fromBlock: { hub: deployBlock(manifest, "SpokeVotePool"), member: spoke.deployBlock ?? 0n } };
}

/**
 * The member chains where delegates can vote on hub proposals (those listing `spoke`), in
 * manifest order. Empty for a manifest written before cross-chain voting.
 *
 * @example
 * votingMembers(manifest).map((m) => [m.chain.name, m.spoke.aggregator])
 */
export function votingMembers(manifest: Manifest): readonly VotingMember[] {
  return manifest.members.flatMap((chain) => toVotingMember(manifest, chain) ?? []);
}

/**
 * The cross-chain voting contracts of one member chain.
 *
 * @throws {ManifestUnknownChainError} when the id is neither the hub nor a member.
 * @throws {ManifestNoSpokeError} for the hub, or a member without spoke contracts; it lists those with them.
 * @example
 * votingMember(manifest, 901).spoke.pool // base-local's SpokeVotePool on the hub
 */
export function votingMember(manifest: Manifest, chainId: number | bigint): VotingMember {
  const chain = chainById(manifest, chainId);
  const found = chain.role === "member" ? toVotingMember(manifest, chain) : undefined;
  if (found === undefined) {
    throw new ManifestNoSpokeError({
      chainId: chain.chainId,
      name: chain.name,
      network: manifest.network,
      voting: votingMembers(manifest).map((m) => m.chain),
    });
  }
  return found;
}
