import { createPublicClient, createWalletClient, http, type Address, type Chain, type LocalAccount } from "viem";

import { spokeVoteAggregatorAbi, superchainGovernorAbi } from "../contracts/index.ts";
import { NothingToRelayError, relayTally, RootNotYetPostedError, TallyAlreadyCountedError, UnknownRecordError } from "../crosschain/index.ts";
import { PROPOSAL_STATES } from "../governance/index.ts";
import type { LogCheckpointStore } from "../rpc/logCheckpoints.ts";
import { scanLogs } from "../rpc/logScan.ts";
import { blockHashAt, savedProgress } from "../rpc/savedProgress.ts";
import type { Logger } from "./log.ts";

export interface TallyRelayerOptions {
  chainId: number;
  hub: { chain: Chain; rpcUrl: string; outputOracle: Address; governor: Address };
  /** The member chain's execution node (reads and proofs) and its cross-chain voting contracts. */
  member: { chain: Chain; rpcUrl: string; aggregator: Address; pool: Address; /** The aggregator's deploy block: where the scan for learnt proposals starts. */ fromBlock: bigint };
  /** Pays for relays on the hub: the chain's operator, whose hub transactions are already serialized with its output posts. */
  relayer: LocalAccount;
  /** Where the scan for learnt proposals keeps its progress: a restarted relayer resumes there. None: it rescans from `member.fromBlock`. */
  checkpoints?: LogCheckpointStore;
  log?: Logger;
}

const PROPOSAL_ACTIVE = PROPOSAL_STATES.indexOf("active");

/**
 * Relays a member chain's tallies to the hub by itself. After each output the chain commits, it
 * relays the tally of every proposal the chain learned that is still open on the hub and whose
 * tally grew at the newest usable output (outputs wait out their challenge window first); so every
 * vote reaches the hub within about one commitment interval plus the window, and before the
 * deadline as long as the chain commits in time. Anyone else may relay as well
 * (`superchain relay`): the pool counts only increases, never twice.
 *
 * It learns proposals from the aggregator's `ProposalLearned` logs in bounded ranges
 * (`scanLogs`), saving its progress and the proposals still open after each range when given
 * `checkpoints`; a saved block the member chain no longer has (a reset, a reorg) starts it over.
 */
export function tallyRelayer(options: TallyRelayerOptions) {
  const hubTransport = http(options.hub.rpcUrl);
  const hub = createPublicClient({ chain: options.hub.chain, transport: hubTransport });
  const member = createPublicClient({ chain: options.member.chain, transport: http(options.member.rpcUrl) });
  const wallet = createWalletClient({ account: options.relayer, chain: options.hub.chain, transport: hubTransport });
  const learned = new Set<bigint>();
  let scannedTo = options.member.fromBlock - 1n;
  const scanId = `relayer:${options.chainId}:${options.member.aggregator.toLowerCase()}:ProposalLearned`;
  let resumed = options.checkpoints === undefined;

  /** Once per relayer: where the saved scan got to, if the chain still has that block. */
  async function resume(checkpoints: LogCheckpointStore): Promise<void> {
    const saved = await savedProgress<bigint[]>(checkpoints, scanId, member);
    resumed = true;
    if (saved === undefined) return;
    scannedTo = saved.scannedTo;
    for (const proposalId of saved.state) learned.add(proposalId);
  }

  async function save(to: bigint): Promise<void> {
    if (options.checkpoints === undefined) return;
    const blockHash = await blockHashAt(member, to);
    // Gone already (reorganised away): keep the older checkpoint; the next start checks it.
    if (blockHash !== undefined) options.checkpoints.save(scanId, { scannedTo: to, blockHash, state: [...learned] });
  }

  async function learnNewProposals(): Promise<void> {
    if (!resumed) await resume(options.checkpoints!);
    const head = await member.getBlockNumber();
    if (head <= scannedTo) return;
    const read = (fromBlock: bigint, toBlock: bigint) =>
      member.getContractEvents({ address: options.member.aggregator, abi: spokeVoteAggregatorAbi, eventName: "ProposalLearned", fromBlock, toBlock, strict: true });
    await scanLogs(read, {
      fromBlock: scannedTo + 1n,
      toBlock: head,
      onProgress: async (to, logs) => {
        for (const log of logs) learned.add(log.args.proposalId);
        scannedTo = to;
        await save(to);
      },
    });
  }

  return {
    /** The proposals it watches (learnt on the member chain and not known closed on the hub), for status and tests. */
    learnedProposals: (): bigint[] => [...learned],
    /** Relays every open proposal's grown tally; called after each committed output. */
    async relayOpen(): Promise<void> {
      await learnNewProposals();
      for (const proposalId of [...learned]) {
        const state = await hub.readContract({ address: options.hub.governor, abi: superchainGovernorAbi, functionName: "state", args: [proposalId] });
        if (state !== PROPOSAL_ACTIVE) {
          if (state > PROPOSAL_ACTIVE) learned.delete(proposalId); // closed on the hub: nothing more to count
          continue;
        }
        try {
          const relayed = await relayTally({ hub, member, wallet }, { pool: options.member.pool, aggregator: options.member.aggregator, outputOracle: options.hub.outputOracle, proposalId });
          options.log?.info("tally-relayed", {
            chainId: options.chainId,
            proposalId,
            blockNumber: relayed.blockNumber,
            forVotes: relayed.tally.forVotes,
            againstVotes: relayed.tally.againstVotes,
            abstainVotes: relayed.tally.abstainVotes,
            hubTransaction: relayed.transaction,
          });
        } catch (error) {
          // Nothing new, not usable yet, or someone else was faster: the next output tries again.
          if (error instanceof NothingToRelayError || error instanceof RootNotYetPostedError || error instanceof TallyAlreadyCountedError || error instanceof UnknownRecordError) continue;
          options.log?.warn("tally-relay-failed", { chainId: options.chainId, proposalId, err: error });
        }
      }
    },
  };
}
