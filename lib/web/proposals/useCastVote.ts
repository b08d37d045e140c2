"use client";

import type { Address } from "viem";
import { useConfig } from "wagmi";
import { readContract, signTypedData } from "wagmi/actions";

import { spokeVoteAggregatorAbi, superchainGovernorAbi } from "../../contracts/index.ts";
import { ballotTypedData, domainOf, type BallotContract } from "../../governance/bySignature.ts";
import type { SendRoute } from "../relay/client.ts";
import { useSignedRelay } from "../relay/useSignedRelay.ts";
import { useTransaction } from "../useTransaction.ts";

export interface UseCastVoteParameters {
  chainId: number;
  /** The hub governor, or a member chain's aggregator. */
  contract: BallotContract;
  address: Address;
  proposalId: bigint;
}

/**
 * Casting one vote on the hub governor or a member chain's aggregator, with or without a reason,
 * either as the voter's own transaction (`castVote` / `castVoteWithReason`) or gasless: the voter
 * signs the ballot (EIP-712, their current nonce) and the app's relayer casts it
 * (`castVoteBySig` / `castVoteWithReason[AndParams]BySig`). Each route keeps its own status.
 *
 * @example
 * const { vote } = useCastVote({ chainId: 900, contract: "governor", address: governor, proposalId })
 * await vote(1, "Lower latency for everyone", "relay")
 */
export function useCastVote({ chainId, contract, address, proposalId }: UseCastVoteParameters) {
  const config = useConfig();
  const own = useTransaction();
  const relayed = useSignedRelay();
  const abi = contract === "governor" ? superchainGovernorAbi : spokeVoteAggregatorAbi;

  const viaWallet = (support: number, reason: string) => {
    const target = { chainId, address, abi: spokeVoteAggregatorAbi } as const;
    // Both contracts share castVote / castVoteWithReason; the aggregator's ABI types the call.
    return reason
      ? own.send({ ...target, functionName: "castVoteWithReason", args: [proposalId, support, reason] })
      : own.send({ ...target, functionName: "castVote", args: [proposalId, support] });
  };

  const viaRelay = (support: number, reason: string) =>
    relayed.send(chainId, async (voter) => {
      const [nonce, domain] = await Promise.all([
        readContract(config, { chainId, address, abi, functionName: "nonces", args: [voter] }),
        readContract(config, { chainId, address, abi, functionName: "eip712Domain" }),
      ]);
      const ballot = ballotTypedData(contract, domainOf(domain), { proposalId, support, voter, nonce, reason });
      // A union of three message types: each member is valid typed data, which the union's type cannot show.
      const signature = await signTypedData(config, { account: voter, ...ballot } as Parameters<typeof signTypedData>[1]);
      return {
        path: "/api/relay/vote",
        body: { chainId, proposalId: proposalId.toString(), support: support as 0 | 1 | 2, voter, reason, nonce: nonce.toString(), signature },
      };
    });

  const vote = (support: number, reason: string, route: SendRoute): Promise<boolean> => (route === "relay" ? viaRelay(support, reason) : viaWallet(support, reason));
  return { vote, own: own.state, relayed: relayed.state, busy: own.busy || relayed.busy };
}
