"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { zeroAddress, type Address } from "viem";
import { usePublicClient, useReadContracts } from "wagmi";

import { spokeTokenAbi, spokeVoteAggregatorAbi } from "../../contracts/index.ts";
import type { VoteTally } from "../../governance/index.ts";
import type { WebSpoke } from "../deployment.ts";
import { readSpokeBallot, type Ballot } from "./ballot.ts";
import { SPOKE_STATES, type SpokeStateName } from "./types.ts";
import type { VoterRead } from "./useVoterBallot.ts";

export interface UseSpokeVoterParameters {
  chainId: number;
  spoke: WebSpoke;
  proposalId: bigint;
  /** The proposal's snapshot (unix seconds): the weight is the voter's SpokeToken votes as of it. */
  snapshot: bigint;
  /** The connected account; the proposal's standing is read without one, the voter's is not. */
  voter: Address | undefined;
}

export interface UseSpokeVoterReturnType {
  /** The proposal on this chain: undefined while reading. */
  proposal: VoterRead<{ state: SpokeStateName; votingClosesAt: bigint; tally: VoteTally }>;
  /** SpokeToken votes at the snapshot; undefined before the snapshot has passed on this chain. */
  weight: VoterRead<bigint>;
  hasVoted: VoterRead<boolean>;
  ballot: VoterRead<Ballot>;
  /** Reads everything again (after a write confirmed). */
  refetch: () => Promise<void>;
}

/**
 * The connected account's standing on one proposal on one member chain — the proposal's state
 * and voting window there, the account's SpokeToken weight at the snapshot, whether and how it
 * voted — in one multicall on that chain through the app's RPC proxy, plus its `VoteCast` log
 * once it has voted.
 *
 * @example
 * const { proposal, weight, hasVoted, ballot, refetch } = useSpokeVoter({ chainId: 901, spoke, proposalId, snapshot, voter: address })
 */
export function useSpokeVoter({ chainId, spoke, proposalId, snapshot, voter }: UseSpokeVoterParameters): UseSpokeVoterReturnType {
  const account = voter ?? zeroAddress;
  const client = usePublicClient({ chainId });
  const queryClient = useQueryClient();
  const aggregator = { address: spoke.aggregator, abi: spokeVoteAggregatorAbi, chainId } as const;
  const reads = useReadContracts({
    allowFailure: true,
    contracts: [
      { ...aggregator, functionName: "state", args: [proposalId] },
      { ...aggregator, functionName: "proposal", args: [proposalId] },
      { ...aggregator, functionName: "proposalVotes", args: [proposalId] },
      { ...aggregator, functionName: "hasVoted", args: [proposalId, account] },
      // Reverts while the snapshot lies ahead on this chain's clock: read as "not yet".
      { address: spoke.token, abi: spokeTokenAbi, chainId, functionName: "getPastVotes", args: [account, snapshot] },
    ],
  });
  const [stateRead, proposalRead, votesRead, votedRead, weightRead] = reads.data ?? [];
  const failed = reads.error !== null;

  const proposal: UseSpokeVoterReturnType["proposal"] =
    stateRead?.status === "success" && proposalRead?.status === "success" && votesRead?.status === "success"
      ? {
          data: {
            state: SPOKE_STATES[stateRead.result] ?? "unknown",
            votingClosesAt: BigInt(proposalRead.result[2]),
            tally: { againstVotes: votesRead.result[0], forVotes: votesRead.result[1], abstainVotes: votesRead.result[2] },
          },
          error: false,
        }
      : { data: undefined, error: failed || stateRead?.status === "failure" };
  const hasVoted: VoterRead<boolean> =
    voter === undefined ? { data: undefined, error: false } : { data: votedRead?.status === "success" ? votedRead.result : undefined, error: failed || votedRead?.status === "failure" };
  const weight: VoterRead<bigint> =
    voter === undefined ? { data: undefined, error: false } : { data: weightRead?.status === "success" ? weightRead.result : undefined, error: failed };

  const ballotKey = ["spoke-ballot", chainId, spoke.aggregator, proposalId.toString(), voter] as const;
  const ballot = useQuery({
    queryKey: ballotKey,
    enabled: voter !== undefined && client !== undefined && hasVoted.data === true,
    queryFn: async () => (await readSpokeBallot(client!, { aggregator: spoke.aggregator, proposalId, voter: account, fromBlock: BigInt(spoke.fromBlock.member) })) ?? null,
  });
  const refetch = async () => {
    await Promise.all([reads.refetch(), queryClient.invalidateQueries({ queryKey: ballotKey })]);
  };

  return { proposal, weight, hasVoted, ballot: { data: ballot.data ?? undefined, error: ballot.error !== null }, refetch };
}
