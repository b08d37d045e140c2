import { createPublicClient, createWalletClient, http, type Address, type Chain, type LocalAccount } from "viem";

import { spokeVoteAggregatorAbi, superchainGovernorAbi } from "../contracts/index.ts";
import { NothingToRelayError, relayTally, RootNotYetPostedError, TallyAlreadyCountedError, UnknownRecordError } from "../crosschain/index.ts";
import { PROPOSAL_STATES } from "../governance/index.ts";
import type { Logger } from "./log.ts";

export interface TallyRelayerOptions {
  chainId: number;
  hub: { chain: Chain; rpcUrl: string; outputOracle: Address; governor: Address };
  /** The member chain's execution node (reads and proofs) and its cross-chain voting contracts. */
  member: { chain: Chain; rpcUrl: string; aggregator: Address; pool: Address; /** The aggregator's deploy block: where the scan for learnt proposals starts. */ fromBlock: bigint };
  /** Pays for relays on the hub: the chain's operator, whose hub transactions are already serialized with its output posts. */
  relayer: LocalAccount;
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
 */
export function tallyRelayer(options: TallyRelayerOptions) {
  const hubTransport = http(options.hub.rpcUrl);
  const hub = createPublicClient({ chain: options.hub.chain, transport: hubTransport });
  const member = createPublicClient({ chain: options.member.chain, transport: http(options.member.rpcUrl) });
  const wallet = createWalletClient({ account: options.relayer, chain: options.hub.chain, transport: hubTransport });
  const learned = new Set<bigint>();
  let scannedTo = options.member.fromBlock - 1n;

  async function learnNewProposals(): Promise<void> {
    const head = await member.getBlockNumber();
    if (head <= scannedTo) return;
    const logs = await member.getContractEvents({ address: options.member.aggregator, abi: spokeVoteAggregatorAbi, eventName: "ProposalLearned", fromBlock: scannedTo + 1n, toBlock: head, strict: true });
    for (const log of logs) learned.add(log.args.proposalId);
    scannedTo = head;
  }

  return {
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
