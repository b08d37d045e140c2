import {
  createPublicClient,
  createWalletClient,
  http,
  keccak256,
  toBytes,
  type Address,
  type Chain,
  type Hash,
} from "viem";

import { sequencerConfigRegistryAbi, superchainGovernorAbi, superchainTimelockAbi } from "../contracts/index.ts";
import { buildProposal, VoteType, type GovernanceAction, type GovernanceContracts, type ProposalInput } from "../governance/index.ts";
import { writeContractWithHeadroom } from "../rpc/gasHeadroom.ts";
import { devAccount, DEV_ROLES } from "./accounts.ts";
import { councilDecides } from "./councilDecides.ts";
import { DevnetError } from "./errors.ts";

/** The lifecycle states the devnet shows, in the order proposals are assigned to them. */
export const SEEDED_STATES = [
  "pending",
  "active",
  "defeated",
  "succeeded",
  "queued",
  "awaitingCouncil",
  "approved",
  "inForce",
] as const;
export type SeededState = (typeof SEEDED_STATES)[number];

export interface SeededProposal {
  proposalId: bigint;
  state: SeededState;
  description: string;
  /** The registry change the proposal scheduled, once executed. */
  changeId?: bigint;
}

export interface SeedProposalsParameters {
  chain: Chain;
  rpcUrl: string;
  contracts: GovernanceContracts;
  council: Address;
  count: number;
  /** Moves every devnet chain forward together (see `advanceTime`). */
  advance: (seconds: bigint) => Promise<unknown>;
  onProgress?: (message: string) => void;
}

const [PROPOSER, SUPPORTER, , LATE_VOTER] = DEV_ROLES.delegates;

/**
 * Creates `count` proposals spread over every lifecycle state, from "pending" to "in force on
 * the sequencer": proposing, voting, queueing and executing through the real governor and
 * timelock, and approving through the council Safe with its owners' dev keys. It moves time on
 * all chains as the lifecycle needs; the last proposals are created at the end so they stay
 * pending and active.
 */
export async function seedProposals(parameters: SeedProposalsParameters): Promise<SeededProposal[]> {
  const { chain, rpcUrl, contracts, count, advance, onProgress = () => {} } = parameters;
  const transport = http(rpcUrl);
  const publicClient = createPublicClient({ chain, transport });
  const walletOf = (index: number | undefined) => {
    if (index === undefined) throw new DevnetError("The devnet has too few delegates to seed proposals.");
    return createWalletClient({ account: devAccount(index), chain, transport });
  };
  const confirm = async (label: string, hash: Hash) => {
    const receipt = await publicClient.waitForTransactionReceipt({ hash });
    if (receipt.status !== "success") throw new DevnetError(`Seeding failed at: ${label}.`);
  };
  const governor = { address: contracts.governor, abi: superchainGovernorAbi } as const;
  const read = {
    votingDelay: () => publicClient.readContract({ ...governor, functionName: "votingDelay" }),
    votingPeriod: () => publicClient.readContract({ ...governor, functionName: "votingPeriod" }),
    timelockDelay: () =>
      publicClient.readContract({ address: contracts.timelock, abi: superchainTimelockAbi, functionName: "getMinDelay" }),
    activationDelay: () =>
      publicClient.readContract({ address: contracts.sequencerConfig, abi: sequencerConfigRegistryAbi, functionName: "minActivationDelay" }),
    changeCount: () =>
      publicClient.readContract({ address: contracts.sequencerConfig, abi: sequencerConfigRegistryAbi, functionName: "changeCount" }),
  };

  const plan = Array.from({ length: count }, (_, i) => ({ index: i, state: SEEDED_STATES[i % SEEDED_STATES.length] ?? "pending" }));
  const seeded = new Map<number, SeededProposal & { input: ProposalInput }>();
  const now = async () => (await publicClient.getBlock()).timestamp;

  const propose = async (index: number, state: SeededState) => {
    const chainId = state === "approved" ? 902n : 901n;
    const chainName = chainId === 901n ? "base-local" : "zora-local";
    const blockTimeMs = 1_000 + 100 * index;
    // "approved" changes ask to activate in 30 days so they stay approved-but-not-yet-active.
    const requestedActivation = state === "approved" ? (await now()) + 30n * 86_400n : 0n;
    const action: GovernanceAction = { kind: "setParameters", chainId, changes: { blockTimeMs }, requestedActivation };
    const description = `# Set ${chainName} block time to ${blockTimeMs.toLocaleString("en-US")} ms\n\nDevnet sample proposal #${index + 1} (${state}).`;
    const input = buildProposal([action], description, contracts);
    const proposer = walletOf(PROPOSER);
    await confirm(
      `propose #${index + 1}`,
      await writeContractWithHeadroom(proposer, { ...governor, functionName: "propose", args: [input.targets, input.values, input.calldatas, input.description] }),
    );
    const proposalId = await publicClient.readContract({
      ...governor,
      functionName: "hashProposal",
      args: [input.targets, input.values, input.calldatas, keccak256(toBytes(description))],
    });
    seeded.set(index, { proposalId, state, description, input });
    return proposalId;
  };
  const vote = async (index: number | undefined, proposalId: bigint, support: number) =>
    confirm("vote", await writeContractWithHeadroom(walletOf(index), { ...governor, functionName: "castVote", args: [proposalId, support] }));
  const lifecycle = (entry: SeededProposal & { input: ProposalInput }) =>
    [entry.input.targets, entry.input.values, entry.input.calldatas, keccak256(toBytes(entry.description))] as const;
  const inStates = (...states: SeededState[]) => [...seeded.values()].filter((entry) => states.includes(entry.state));

  // 1. Everything that must get past voting is proposed first.
  const late = new Set<SeededState>(["pending", "active"]);
  onProgress(`proposing ${plan.filter((p) => !late.has(p.state)).length} proposals that will go through voting`);
  for (const { index, state } of plan) if (!late.has(state)) await propose(index, state);
  if (seeded.size > 0) {
    await advance((await read.votingDelay()) + 1n);
    for (const entry of seeded.values()) {
      await vote(PROPOSER, entry.proposalId, entry.state === "defeated" ? VoteType.Against : VoteType.For);
      await vote(SUPPORTER, entry.proposalId, VoteType.For);
    }
    await advance((await read.votingPeriod()) + 1n);

    // 2. Queue, wait out the timelock, execute: each execution schedules a registry change.
    for (const entry of inStates("queued", "awaitingCouncil", "approved", "inForce")) {
      await confirm("queue", await writeContractWithHeadroom(walletOf(PROPOSER), { ...governor, functionName: "queue", args: lifecycle(entry) }));
    }
    await advance((await read.timelockDelay()) + 1n);
    for (const entry of inStates("awaitingCouncil", "approved", "inForce")) {
      const changeId = await read.changeCount();
      await confirm("execute", await writeContractWithHeadroom(walletOf(PROPOSER), { ...governor, functionName: "execute", args: lifecycle(entry) }));
      entry.changeId = changeId;
    }

    // 3. The council approves through its Safe: changes meant to be in force first, so later
    //    approvals of the same chain cannot hold them back.
    const toApprove = [...inStates("inForce"), ...inStates("approved")];
    if (toApprove.length > 0) {
      onProgress(`the council Safe approves ${toApprove.length} changes (2 of 3 owners sign)`);
      for (const entry of toApprove) {
        if (entry.changeId === undefined) continue;
        await councilDecides(
          { rpcUrl, safe: parameters.council, registry: contracts.sequencerConfig },
          { kind: "approveChange", changeId: entry.changeId },
        );
      }
      await advance(BigInt(await read.activationDelay()) + 1n);
    }
  }

  // 4. Proposals created last stay active (voting open, one vote cast) and pending.
  const active = plan.filter((p) => p.state === "active");
  for (const { index, state } of active) await propose(index, state);
  if (active.length > 0) {
    await advance((await read.votingDelay()) + 1n);
    for (const { index } of active) {
      const entry = seeded.get(index);
      if (entry) await vote(LATE_VOTER, entry.proposalId, VoteType.For);
    }
  }
  for (const { index, state } of plan.filter((p) => p.state === "pending")) await propose(index, state);

  return [...seeded.entries()]
    .sort(([a], [b]) => a - b)
    .map(([, entry]) => entry)
    .map(({ proposalId, state, description, changeId }) => ({ proposalId, state, description, ...(changeId === undefined ? {} : { changeId }) }));
}

