import type { Address, BlockNumber, Client, GetContractEventsErrorType } from "viem";
import { getContractEvents } from "viem/actions";

import { superchainGovernorAbi } from "../../contracts/index.ts";
import { reduceChainVotes, type ChainTallies } from "../tallies.ts";

export interface GetChainTalliesParameters {
  governor: Address;
  /** Only this proposal; all proposals when omitted. */
  proposalId?: bigint;
  /** The governor's deployment block; logs before it cannot exist. */
  fromBlock?: BlockNumber;
}

export type GetChainTalliesReturnType = ChainTallies;
export type GetChainTalliesErrorType = GetContractEventsErrorType;

/**
 * Per-chain tallies rebuilt from the governor's `ChainVotesCounted` logs, without calling the
 * contract: what an indexer or the web app does to show every chain's votes at once.
 *
 * @example
 * const tallies = await getChainTallies(client, { governor, proposalId })
 * tallies.get(proposalId)?.get(901n) // base-local's { againstVotes, forVotes, abstainVotes }
 */
export async function getChainTallies(
  client: Client,
  { governor, proposalId, fromBlock = 0n }: GetChainTalliesParameters,
): Promise<GetChainTalliesReturnType> {
  const logs = await getContractEvents(client, {
    address: governor,
    abi: superchainGovernorAbi,
    eventName: "ChainVotesCounted",
    ...(proposalId === undefined ? {} : { args: { proposalId } }),
    fromBlock,
    toBlock: "latest",
    strict: true,
  });
  return reduceChainVotes(logs.map(({ args }) => args));
}
