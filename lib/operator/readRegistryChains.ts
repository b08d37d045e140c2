import { createPublicClient, http, type PublicClient } from "viem";

import { viemChain, type ChainEntry, type Manifest } from "../chains/index.ts";
import { memberChainRegistryAbi, sequencerConfigRegistryAbi } from "../contracts/index.ts";
import { HubReadError, MemberChainReadError } from "./errors.ts";
import { readGovernedConfigs } from "./readGovernedConfigs.ts";
import { registryChainFile, type RegistryChainFile } from "./registryToml.ts";
import { readGovernedReleases } from "./verifyRelease.ts";

type HubClient = Pick<PublicClient, "readContract" | "getBlock">;
type MemberClient = Pick<PublicClient, "getBlock">;

export interface ReadRegistryChainsParameters {
  manifest: Manifest;
  /** The member chains to export, from the manifest. */
  members: readonly ChainEntry[];
  /** A client for a member chain's own node (for its genesis block); default one over `member.rpcUrl`. */
  memberClient?: (member: ChainEntry) => MemberClient;
}
export interface ReadRegistryChainsReturnType {
  /** The hub block every hub value was read at. */
  hubBlock: { number: bigint; timestamp: bigint };
  /** One file per member, in the order of `members`. */
  files: RegistryChainFile[];
}
export type ReadRegistryChainsErrorType = HubReadError | MemberChainReadError;

function nodeClient(member: ChainEntry): MemberClient {
  return createPublicClient({ chain: viemChain(member), transport: http(member.rpcUrl, { retryCount: 0, timeout: 5_000 }) });
}

/**
 * Each member chain's superchain-registry-layout file, read as one snapshot at the hub's latest
 * block: the governed configuration and pause (SequencerConfigRegistry), governance and council
 * (its `governance()`, `council()`), the chain's operator and membership time (MemberChainRegistry's
 * `operatorOf`, `chain().joinedAt`), every approved release; and the chain's genesis block from its
 * own node. Names, URLs and addresses come from the manifest.
 *
 * @throws {HubReadError} when the hub does not answer or a call reverts.
 * @throws {MemberChainReadError} when a member chain's node does not answer.
 * @example
 * const { files, hubBlock } = await readRegistryChains(hub, { manifest, members: manifest.members })
 * files[0].governed_sequencer.block_time_ms // 2000n
 */
export async function readRegistryChains(
  hub: HubClient,
  { manifest, members, memberClient = nodeClient }: ReadRegistryChainsParameters,
): Promise<ReadRegistryChainsReturnType> {
  const registry = manifest.contracts.sequencerConfig;
  let block: { number: bigint; timestamp: bigint };
  try {
    block = await hub.getBlock({ blockTag: "latest" });
  } catch (error) {
    throw new HubReadError({ what: "the latest block", cause: error });
  }
  const at = { blockNumber: block.number } as const;
  const registryContract = { address: registry, abi: sequencerConfigRegistryAbi, ...at } as const;
  const membersContract = { address: manifest.contracts.memberChains, abi: memberChainRegistryAbi, ...at } as const;

  const [governed, { releases }, roles, genesis] = await Promise.all([
    readGovernedConfigs(hub, { registry, chainIds: members.map((m) => m.chainId), ...at }),
    readGovernedReleases(hub, registry, at),
    Promise.all([
      hub.readContract({ ...registryContract, functionName: "governance" }),
      hub.readContract({ ...registryContract, functionName: "council" }),
      Promise.all(
        members.map((m) =>
          Promise.all([
            hub.readContract({ ...membersContract, functionName: "operatorOf", args: [BigInt(m.chainId)] }),
            hub.readContract({ ...membersContract, functionName: "chain", args: [BigInt(m.chainId)] }),
          ]),
        ),
      ),
    ]).catch((error: unknown) => {
      throw new HubReadError({ what: `the roles of the member chains (registry ${registry}, member chains ${manifest.contracts.memberChains})`, cause: error });
    }),
    Promise.all(
      members.map(async (m) => {
        try {
          const zero = await memberClient(m).getBlock({ blockNumber: 0n });
          if (zero.hash === null) throw new Error("block 0 has no hash");
          return { hash: zero.hash, timestamp: zero.timestamp };
        } catch (error) {
          throw new MemberChainReadError({ what: "the genesis block", chain: m, cause: error });
        }
      }),
    ),
  ]);

  const [governance, council, perChain] = roles;
  const files = members.map((member, i): RegistryChainFile => {
    const [operator, record] = perChain[i] ?? [];
    const config = governed[i];
    const zero = genesis[i];
    if (operator === undefined || record === undefined || config === undefined || zero === undefined) throw new Error("unreachable: one read per member");
    return registryChainFile({
      manifest,
      member,
      governed: config,
      roles: { governance, council, operator },
      joinedAt: BigInt(record.joinedAt),
      releases,
      genesis: zero,
    });
  });
  return { hubBlock: { number: block.number, timestamp: block.timestamp }, files };
}
