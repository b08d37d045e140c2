import { createPublicClient, createWalletClient, http, keccak256, toBytes, type Chain, type Hash } from "viem";

import { sequencerConfigRegistryAbi, superchainGovernorAbi, superchainTimelockAbi } from "../contracts/index.ts";
import { buildProposal, VoteType, type GovernanceAction, type GovernanceContracts } from "../governance/index.ts";
import { governanceContracts, viemChain, type Manifest } from "../chains/index.ts";
import { writeContractWithHeadroom } from "../rpc/gasHeadroom.ts";
import { devAccount, DEV_ROLES } from "./accounts.ts";
import { councilDecides } from "./councilDecides.ts";
import { DevnetError } from "./errors.ts";

export interface PassProposalParameters {
  chain: Chain;
  rpcUrl: string;
  contracts: GovernanceContracts;
  actions: GovernanceAction[];
  description: string;
  /** Moves every devnet chain forward together (see `advanceTime`). */
  advance: (seconds: bigint) => Promise<unknown>;
}

/**
 * Takes one proposal through the whole governor lifecycle on the devnet — propose, vote (the two
 * largest delegates, enough for quorum), queue, wait out the timelock, execute — moving devnet
 * time as it goes. Returns the ids of the registry changes its execution scheduled.
 *
 * @example
 * const { changeIds } = await passProposal({ chain, rpcUrl, contracts, actions, description, advance })
 */
export async function passProposal(parameters: PassProposalParameters): Promise<{ proposalId: bigint; changeIds: bigint[] }> {
  const { chain, rpcUrl, contracts, actions, description, advance } = parameters;
  const transport = http(rpcUrl);
  const client = createPublicClient({ chain, transport });
  const [proposerIndex, supporterIndex] = DEV_ROLES.delegates;
  const proposer = createWalletClient({ account: devAccount(proposerIndex), chain, transport });
  const supporter = createWalletClient({ account: devAccount(supporterIndex), chain, transport });
  const governor = { address: contracts.governor, abi: superchainGovernorAbi } as const;
  const confirm = async (label: string, hash: Hash) => {
    const receipt = await client.waitForTransactionReceipt({ hash });
    if (receipt.status !== "success") throw new DevnetError(`The proposal "${description}" failed at ${label}.`);
  };

  const input = buildProposal(actions, description, contracts);
  const args = [input.targets, input.values, input.calldatas, keccak256(toBytes(description))] as const;
  await confirm("propose", await writeContractWithHeadroom(proposer, { ...governor, functionName: "propose", args: [input.targets, input.values, input.calldatas, description] }));
  const proposalId = await client.readContract({ ...governor, functionName: "hashProposal", args });
  await advance((await client.readContract({ ...governor, functionName: "votingDelay" })) + 1n);
  for (const voter of [proposer, supporter]) {
    await confirm("vote", await writeContractWithHeadroom(voter, { ...governor, functionName: "castVote", args: [proposalId, VoteType.For] }));
  }
  await advance((await client.readContract({ ...governor, functionName: "votingPeriod" })) + 1n);
  await confirm("queue", await writeContractWithHeadroom(proposer, { ...governor, functionName: "queue", args }));
  await advance(
    (await client.readContract({ address: contracts.timelock, abi: superchainTimelockAbi, functionName: "getMinDelay" })) + 1n,
  );
  const registry = { address: contracts.sequencerConfig, abi: sequencerConfigRegistryAbi } as const;
  const before = await client.readContract({ ...registry, functionName: "changeCount" });
  await confirm("execute", await writeContractWithHeadroom(proposer, { ...governor, functionName: "execute", args }));
  const after = await client.readContract({ ...registry, functionName: "changeCount" });
  return { proposalId, changeIds: Array.from({ length: Number(after - before) }, (_, i) => before + BigInt(i)) };
}

/**
 * A sequencer change with both approvals on the devnet: the proposal passes governance, then the
 * council Safe approves the registry change it scheduled. Returns the change's activation time.
 *
 * @example
 * const activatesAt = await enactChange(manifest, [{ kind: "setParameters", chainId: 901n, changes: { blockTimeMs: 1000 }, requestedActivation: 0n }], "Faster blocks", advance)
 */
export async function enactChange(
  manifest: Manifest,
  actions: GovernanceAction[],
  description: string,
  advance: (seconds: bigint) => Promise<unknown>,
): Promise<bigint> {
  const chain = viemChain(manifest.hub);
  const rpcUrl = manifest.hub.rpcUrl;
  const { changeIds } = await passProposal({ chain, rpcUrl, contracts: governanceContracts(manifest), actions, description, advance });
  const [changeId] = changeIds;
  if (changeId === undefined) throw new DevnetError(`"${description}" scheduled no sequencer change.`);
  await councilDecides({ rpcUrl, safe: manifest.council.safe, registry: manifest.contracts.sequencerConfig }, { kind: "approveChange", changeId });
  const change = await createPublicClient({ chain, transport: http(rpcUrl) }).readContract({
    address: manifest.contracts.sequencerConfig,
    abi: sequencerConfigRegistryAbi,
    functionName: "getChange",
    args: [changeId],
  });
  return BigInt(change.activatesAt);
}
