import type { Address, PublicClient } from "viem";

import { spokeVoteAggregatorAbi, superchainGovernorAbi } from "../../contracts/index.ts";
import { VoteType } from "../../governance/votes.ts";
import { scanLogsToLatest } from "../../rpc/logScan.ts";

/** How one account voted on one proposal, from its `VoteCast` / `VoteCastWithParams` log. */
export interface Ballot {
  support: number;
  weight: bigint;
  reason: string;
  transactionHash: `0x${string}`;
}

/** "For", "Against", "Abstain", or "Split" for a fractional vote. */
export function supportLabel(support: number): string {
  switch (support) {
    case VoteType.For:
      return "For";
    case VoteType.Against:
      return "Against";
    case VoteType.Abstain:
      return "Abstain";
    case VoteType.Fractional:
      return "Split";
    default:
      return `support ${support}`;
  }
}

/**
 * The vote `voter` cast on `proposalId`, or undefined. The voter is an indexed topic, so the node
 * filters: two small log queries whatever the number of votes. Runs in the browser through the
 * app's RPC proxy, for the connected account.
 *
 * @example
 * const ballot = await readBallot(client, { governor, proposalId, voter, fromBlock })
 * ballot && supportLabel(ballot.support) // "For"
 */
export async function readBallot(
  client: Pick<PublicClient, "getContractEvents" | "getBlockNumber">,
  { governor, proposalId, voter, fromBlock }: { governor: Address; proposalId: bigint; voter: Address; fromBlock: bigint },
): Promise<Ballot | undefined> {
  const query = { address: governor, abi: superchainGovernorAbi, args: { voter }, strict: true } as const;
  const [plain, withParams] = await Promise.all([
    scanLogsToLatest(client, (from, to) => client.getContractEvents({ ...query, eventName: "VoteCast", fromBlock: from, toBlock: to }), fromBlock),
    scanLogsToLatest(client, (from, to) => client.getContractEvents({ ...query, eventName: "VoteCastWithParams", fromBlock: from, toBlock: to }), fromBlock),
  ]);
  return lastBallot([...plain, ...withParams], proposalId);
}

interface VoteLog {
  args: { proposalId: bigint; support: number; weight: bigint; reason: string };
  blockNumber: bigint;
  logIndex: number;
  transactionHash: `0x${string}`;
}

function lastBallot(logs: readonly VoteLog[], proposalId: bigint): Ballot | undefined {
  const last = logs
    .filter((log) => log.args.proposalId === proposalId)
    .sort((a, b) => (a.blockNumber === b.blockNumber ? a.logIndex - b.logIndex : a.blockNumber < b.blockNumber ? -1 : 1))
    .at(-1);
  return last && { support: last.args.support, weight: last.args.weight, reason: last.args.reason, transactionHash: last.transactionHash };
}

/**
 * The vote `voter` cast on `proposalId` on a member chain, from the SpokeVoteAggregator's
 * `VoteCast` log (same shape as the governor's), or undefined. One log query, filtered by the
 * indexed voter.
 *
 * @example
 * const ballot = await readSpokeBallot(memberClient, { aggregator, proposalId, voter, fromBlock })
 */
export async function readSpokeBallot(
  client: Pick<PublicClient, "getContractEvents" | "getBlockNumber">,
  { aggregator, proposalId, voter, fromBlock }: { aggregator: Address; proposalId: bigint; voter: Address; fromBlock: bigint },
): Promise<Ballot | undefined> {
  const logs = await scanLogsToLatest(
    client,
    (from, to) => client.getContractEvents({ address: aggregator, abi: spokeVoteAggregatorAbi, eventName: "VoteCast", args: { voter }, fromBlock: from, toBlock: to, strict: true }),
    fromBlock,
  );
  return lastBallot(logs, proposalId);
}
