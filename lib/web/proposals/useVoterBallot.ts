"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { zeroAddress, type Address } from "viem";
import { usePublicClient, useReadContract } from "wagmi";

import { superchainGovernorAbi } from "../../contracts/index.ts";
import { readBallot, type Ballot } from "./ballot.ts";

export interface UseVoterBallotParameters {
  hubChainId: number;
  governor: Address;
  proposalId: bigint;
  /** The proposal's snapshot (unix seconds): the weight is the voter's votes as of it. */
  snapshot: bigint;
  /** Where vote logs start (the governor's deployment block). */
  fromBlock: bigint;
  /** The connected account; nothing is read without one. */
  voter: Address | undefined;
  /** False while the snapshot lies ahead (`getVotes` reverts for a future timepoint). */
  snapshotPassed: boolean;
}

/** One read of {@link useVoterBallot}: its value once loaded, and whether reading it failed. */
export interface VoterRead<T> {
  data: T | undefined;
  error: boolean;
}

export interface UseVoterBallotReturnType {
  /** Votes at the snapshot (undefined while reading, or before the snapshot). */
  weight: VoterRead<bigint>;
  hasVoted: VoterRead<boolean>;
  /** The vote cast, from its log, once `hasVoted` says there is one. */
  ballot: VoterRead<Ballot>;
  /** Reads all three again (after a vote confirmed). */
  refetch: () => Promise<void>;
}

/**
 * The connected account's standing on one proposal — its weight at the snapshot, whether it
 * voted, and how (support, weight, reason) — read through the app's RPC proxy. The vote panel
 * renders these; it never builds a contract read itself.
 *
 * @example
 * const { weight, hasVoted, ballot, refetch } = useVoterBallot({ hubChainId, governor, proposalId, snapshot, fromBlock, voter: address, snapshotPassed: state !== "pending" })
 */
export function useVoterBallot({ hubChainId, governor, proposalId, snapshot, fromBlock, voter, snapshotPassed }: UseVoterBallotParameters): UseVoterBallotReturnType {
  const account = voter ?? zeroAddress;
  const client = usePublicClient({ chainId: hubChainId });
  const queryClient = useQueryClient();
  const contract = { address: governor, abi: superchainGovernorAbi, chainId: hubChainId } as const;
  const weight = useReadContract({ ...contract, functionName: "getVotes", args: [account, snapshot], query: { enabled: voter !== undefined && snapshotPassed } });
  const voted = useReadContract({ ...contract, functionName: "hasVoted", args: [proposalId, account], query: { enabled: voter !== undefined } });
  const ballotKey = ["ballot", hubChainId, governor, proposalId.toString(), voter] as const;
  const ballot = useQuery({
    queryKey: ballotKey,
    enabled: voter !== undefined && client !== undefined && voted.data === true,
    queryFn: () => readBallot(client!, { governor, proposalId, voter: account, fromBlock }),
  });
  const refetch = async () => {
    await Promise.all([voted.refetch(), weight.refetch(), queryClient.invalidateQueries({ queryKey: ballotKey })]);
  };

  return {
    weight: { data: weight.data, error: weight.error !== null },
    hasVoted: { data: voted.data, error: voted.error !== null },
    ballot: { data: ballot.data ?? undefined, error: ballot.error !== null },
    refetch,
  };
}
