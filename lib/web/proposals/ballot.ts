import type { Address, PublicClient } from "viem";

import { superchainGovernorAbi } from "../../contracts/index.ts";
import { VoteType } from "../../governance/votes.ts";

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
  client: Pick<PublicClient, "getContractEvents">,
  { governor, proposalId, voter, fromBlock }: { governor: Address; proposalId: bigint; voter: Address; fromBlock: bigint },
): Promise<Ballot | undefined> {
  const query = { address: governor, abi: superchainGovernorAbi, args: { voter }, fromBlock, strict: true } as const;
  const [plain, withParams] = await Promise.all([
    client.getContractEvents({ ...query, eventName: "VoteCast" }),
    client.getContractEvents({ ...query, eventName: "VoteCastWithParams" }),
  ]);
  const mine = [...plain, ...withParams]
    .filter((log) => log.args.proposalId === proposalId)
    .sort((a, b) => (a.blockNumber === b.blockNumber ? a.logIndex - b.logIndex : a.blockNumber < b.blockNumber ? -1 : 1));
  const last = mine.at(-1);
  if (!last) return undefined;
  return { support: last.args.support, weight: last.args.weight, reason: last.args.reason, transactionHash: last.transactionHash };
}
