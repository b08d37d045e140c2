import type { Address, BlockNumber, Client, GetBlockNumberErrorType, GetChainIdErrorType, GetContractEventsErrorType } from "viem";
import { getBlockNumber, getChainId, getContractEvents } from "viem/actions";

import { superchainGovernorAbi } from "../../contracts/index.ts";
import type { LogRangeRefusedError } from "../../rpc/errors.ts";
import { scanLogsToLatest } from "../../rpc/logScan.ts";
import { reduceChainTallies, type ChainTallies, type TallyLog } from "../tallies.ts";

export interface GetChainTalliesParameters {
  governor: Address;
  /** Only this proposal; all proposals when omitted. */
  proposalId?: bigint;
  /** The governor's deployment block; logs before it cannot exist. */
  fromBlock?: BlockNumber;
}

export type GetChainTalliesReturnType = ChainTallies;
export type GetChainTalliesErrorType = GetContractEventsErrorType | GetChainIdErrorType | GetBlockNumberErrorType | LogRangeRefusedError;

const TALLY_EVENTS = new Set(["VoteCast", "VoteCastWithParams", "ChainVotesCounted"]);

/**
 * Per-chain tallies rebuilt from the governor's logs without calling the contract: what an
 * indexer or the web app does to show every chain's votes at once. The client must be on the
 * hub chain (the governor counts direct votes under its own chain id).
 *
 * @example
 * const tallies = await getChainTallies(hubClient, { governor, proposalId })
 * tallies.get(proposalId)?.get(900n) // the hub's { againstVotes, forVotes, abstainVotes }
 */
export async function getChainTallies(
  client: Client,
  { governor, proposalId, fromBlock = 0n }: GetChainTalliesParameters,
): Promise<GetChainTalliesReturnType> {
  const [hubChainId, logs] = await Promise.all([
    getChainId(client),
    scanLogsToLatest(
      { getBlockNumber: (parameters) => getBlockNumber(client, parameters) },
      (from, toBlock) => getContractEvents(client, { address: governor, abi: superchainGovernorAbi, fromBlock: from, toBlock, strict: true }),
      fromBlock,
    ),
  ]);
  const tallyLogs = logs.filter(
    (log): log is typeof log & TallyLog =>
      TALLY_EVENTS.has(log.eventName) &&
      (proposalId === undefined || (log.args as { proposalId?: bigint }).proposalId === proposalId),
  );
  return reduceChainTallies(tallyLogs, BigInt(hubChainId));
}
