import type { Address, Hex, PublicClient } from "viem";

import { spokeTokenAbi, spokeVoteAggregatorAbi, spokeVotePoolAbi } from "../contracts/index.ts";
import type { VoteTally } from "../governance/votes.ts";
import { scanLogsToLatest } from "../rpc/logScan.ts";
import { NothingToRelayError, ProofRootMismatchError, RootNotYetPostedError, UnknownRecordError } from "./errors.ts";
import { getStorageProof, type StorageProof } from "./proofs.ts";
import { newestUsableHubState, newestUsableOutput } from "./roots.ts";
import { depositSlot, governorProposalSlot, tallySlot, withdrawalSlot } from "./slots.ts";

type Reader = Pick<PublicClient, "readContract" | "getProof" | "getBlock" | "getBlockNumber" | "getContractEvents" | "getChainId">;

/**
 * A contract call ready to send: viem's `writeContract` / `simulateContract` parameters plus the
 * chain it must go to. The CLI, the sequencer and the web app's `useTransaction` all take it.
 */
export interface PreparedCall<abi extends readonly unknown[] = readonly unknown[]> {
  chainId: number;
  address: Address;
  abi: abi;
  functionName: string;
  args: readonly unknown[];
}

function checkRoot(proof: StorageProof, posted: Hex, what: string): void {
  if (proof.stateRoot !== posted) {
    throw new ProofRootMismatchError(`The node's state root at block ${proof.blockNumber} is not the one committed for ${what}.`, {
      details: `committed ${posted}, node ${proof.stateRoot}`,
    });
  }
}

/** A transfer's record on its source chain, proven at a root the destination holds: the finalize call's arguments. */
async function proveTransfer(
  source: Reader,
  { address, slot, initiated, root, notYet }: {
    address: Address;
    slot: Hex;
    initiated: { blockNumber: bigint; args: { recipient: Address; amount: bigint } };
    root: { blockNumber: bigint; stateRoot: Hex; what: string };
    notYet: string;
  },
): Promise<readonly [Address, bigint, bigint, Hex[], Hex[]]> {
  if (root.blockNumber < initiated.blockNumber) throw new RootNotYetPostedError(notYet);
  const proof = await getStorageProof(source, { address, slot, blockNumber: root.blockNumber });
  checkRoot(proof, root.stateRoot, root.what);
  return [initiated.args.recipient, initiated.args.amount, root.blockNumber, proof.accountProof, proof.storageProof];
}

/**
 * `SpokeToken.finalizeDeposit` for hub deposit `depositId`: the deposit's record proven at the
 * newest usable hub state the member chain holds. Anyone may send it.
 *
 * @throws {UnknownRecordError} when the pool has no such deposit.
 * @throws {RootNotYetPostedError} when the member chain's newest hub state predates the deposit.
 */
export async function prepareFinalizeDeposit(
  { hub, member }: { hub: Reader; member: Reader },
  {
    pool,
    token,
    hubStateOracle,
    depositId,
    fromBlock = 0n,
  }: { pool: Address; token: Address; hubStateOracle: Address; depositId: bigint; /** Where the hub log search starts: the pool's deploy block. */ fromBlock?: bigint },
): Promise<PreparedCall<typeof spokeTokenAbi>> {
  const [initiated] = await scanLogsToLatest(
    hub,
    (from, to) => hub.getContractEvents({ address: pool, abi: spokeVotePoolAbi, eventName: "DepositInitiated", args: { depositId }, fromBlock: from, toBlock: to, strict: true }),
    fromBlock,
  );
  if (!initiated) throw new UnknownRecordError(`The hub pool ${pool} has no deposit ${depositId}.`);
  const posted = await newestUsableHubState(member, hubStateOracle);
  const proven = await proveTransfer(hub, {
    address: pool,
    slot: depositSlot(depositId),
    initiated,
    root: { blockNumber: posted.blockNumber, stateRoot: posted.stateRoot, what: `hub block ${posted.blockNumber}` },
    notYet: `Deposit ${depositId} is in hub block ${initiated.blockNumber}; the member chain's newest usable hub state is block ${posted.blockNumber}. Wait for a newer hub state to be posted and to pass its challenge window.`,
  });
  return { chainId: await member.getChainId(), address: token, abi: spokeTokenAbi, functionName: "finalizeDeposit", args: [depositId, ...proven] };
}

/**
 * `SpokeVotePool.finalizeWithdrawal` for member-chain withdrawal `withdrawalId`: the withdrawal's
 * record proven at the newest usable output the hub holds for the chain. Anyone may send it.
 *
 * @throws {UnknownRecordError} when the spoke token has no such withdrawal.
 * @throws {RootNotYetPostedError} when the hub's newest output of the chain predates the withdrawal.
 */
export async function prepareFinalizeWithdrawal(
  { hub, member }: { hub: Reader; member: Reader },
  {
    pool,
    token,
    outputOracle,
    withdrawalId,
    fromBlock = 0n,
  }: { pool: Address; token: Address; outputOracle: Address; withdrawalId: bigint; /** Where the member chain's log search starts: the token's deploy block. */ fromBlock?: bigint },
): Promise<PreparedCall<typeof spokeVotePoolAbi>> {
  const chainId = await member.getChainId();
  const [initiated] = await scanLogsToLatest(
    member,
    (from, to) => member.getContractEvents({ address: token, abi: spokeTokenAbi, eventName: "WithdrawalInitiated", args: { withdrawalId }, fromBlock: from, toBlock: to, strict: true }),
    fromBlock,
  );
  if (!initiated) throw new UnknownRecordError(`The spoke token ${token} on chain ${chainId} has no withdrawal ${withdrawalId}.`);
  const output = await newestUsableOutput(hub, outputOracle, chainId);
  const proven = await proveTransfer(member, {
    address: token,
    slot: withdrawalSlot(withdrawalId),
    initiated,
    root: { blockNumber: output.blockNumber, stateRoot: output.stateRoot, what: `chain ${chainId} block ${output.blockNumber}` },
    notYet: `Withdrawal ${withdrawalId} is in block ${initiated.blockNumber} of chain ${chainId}; the hub's newest usable output of it is block ${output.blockNumber}. Wait for a newer commitment to pass its challenge window.`,
  });
  return { chainId: await hub.getChainId(), address: pool, abi: spokeVotePoolAbi, functionName: "finalizeWithdrawal", args: [withdrawalId, ...proven] };
}

/**
 * `SpokeVoteAggregator.learnProposal`: the hub governor's record of the proposal proven at the
 * newest usable hub state the member chain holds, so the chain's delegates can vote on it there.
 */
export async function prepareLearnProposal(
  { hub, member }: { hub: Reader; member: Reader },
  { governor, aggregator, hubStateOracle, proposalId }: { governor: Address; aggregator: Address; hubStateOracle: Address; proposalId: bigint },
): Promise<PreparedCall<typeof spokeVoteAggregatorAbi>> {
  const posted = await newestUsableHubState(member, hubStateOracle);
  const proof = await getStorageProof(hub, { address: governor, slot: governorProposalSlot(proposalId), blockNumber: posted.blockNumber });
  if (proof.value === 0n) {
    throw new RootNotYetPostedError(`Proposal ${proposalId} is not in the newest usable hub state the member chain holds (hub block ${posted.blockNumber}): it is newer, or does not exist.`);
  }
  checkRoot(proof, posted.stateRoot, `hub block ${posted.blockNumber}`);
  return {
    chainId: await member.getChainId(),
    address: aggregator,
    abi: spokeVoteAggregatorAbi,
    functionName: "learnProposal",
    args: [proposalId, posted.blockNumber, proof.accountProof, proof.storageProof],
  };
}

/** A member chain's tally for a proposal, in OpenZeppelin's order. */
export type SpokeTally = VoteTally;

/**
 * `SpokeVotePool.relayTally`: the member chain's tally at its newest usable output, proven
 * against that output. Anyone may send it; the pool casts only what grew since the last relay.
 *
 * @throws {NothingToRelayError} when the committed tally is what the hub already counted.
 */
export async function prepareRelayTally(
  { hub, member }: { hub: Reader; member: Reader },
  { pool, aggregator, outputOracle, proposalId }: { pool: Address; aggregator: Address; outputOracle: Address; proposalId: bigint },
): Promise<PreparedCall<typeof spokeVotePoolAbi> & { committed: { tally: SpokeTally; blockNumber: bigint } }> {
  const chainId = await member.getChainId();
  const output = await newestUsableOutput(hub, outputOracle, chainId);
  const [[againstVotes, forVotes, abstainVotes], [relayed]] = await Promise.all([
    member.readContract({ address: aggregator, abi: spokeVoteAggregatorAbi, functionName: "proposalVotes", args: [proposalId], blockNumber: output.blockNumber }),
    hub.readContract({ address: pool, abi: spokeVotePoolAbi, functionName: "relayedTally", args: [proposalId] }),
  ]);
  const tally = { againstVotes, forVotes, abstainVotes };
  if (againstVotes + forVotes + abstainVotes === 0n) throw new NothingToRelayError(`Chain ${chainId} has no votes on proposal ${proposalId} at its committed block ${output.blockNumber}.`);
  if (relayed.againstVotes === againstVotes && relayed.forVotes === forVotes && relayed.abstainVotes === abstainVotes) {
    throw new NothingToRelayError(`The hub already counted chain ${chainId}'s tally on proposal ${proposalId} as committed at block ${output.blockNumber}.`);
  }
  const proof = await getStorageProof(member, { address: aggregator, slot: tallySlot(proposalId), blockNumber: output.blockNumber });
  checkRoot(proof, output.stateRoot, `chain ${chainId} block ${output.blockNumber}`);
  return {
    chainId: await hub.getChainId(),
    address: pool,
    abi: spokeVotePoolAbi,
    functionName: "relayTally",
    args: [proposalId, output.blockNumber, tally, proof.accountProof, proof.storageProof],
    // Kept apart from the call's own fields: spread into simulateContract, a top-level
    // `blockNumber` would simulate the relay at the member chain's block number on the hub.
    committed: { tally, blockNumber: output.blockNumber },
  };
}
