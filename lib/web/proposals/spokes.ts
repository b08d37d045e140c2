import { votingMembers } from "../../chains/index.ts";
import { spokeVoteAggregatorAbi, spokeVotePoolAbi } from "../../contracts/index.ts";
import type { VoteTally } from "../../governance/index.ts";
import type { Deployment } from "../server/deployment.ts";
import { SPOKE_STATES, type SpokeStateName } from "./types.ts";

/** What the member chain itself says about the proposal, read at its latest block. */
export interface SpokeLocalView {
  state: SpokeStateName;
  /** When voting closes on the chain (the hub deadline minus the closing margin); 0n when unknown. */
  votingClosesAt: bigint;
  /** The chain's own tally: every vote cast there, relayed or not. */
  tally: VoteTally;
}

/** One member chain with cross-chain voting: its own tally and what the hub has counted of it. */
export interface SpokeTallyView {
  chainId: number;
  name: string;
  /** Undefined when the member chain did not answer (the page still shows the hub's side). */
  local: SpokeLocalView | undefined;
  /** The tally last relayed to the hub (what the governor counts for the chain); undefined when never relayed. */
  relayed: { tally: VoteTally; blockNumber: bigint; relayedAt: bigint } | undefined;
  /** The chain has votes the hub has not counted yet: they arrive with the next relay. */
  unrelayed: VoteTally | undefined;
}

const triple = ([againstVotes, forVotes, abstainVotes]: readonly [bigint, bigint, bigint]): VoteTally => ({ againstVotes, forVotes, abstainVotes });
const isZero = (t: VoteTally) => t.againstVotes === 0n && t.forVotes === 0n && t.abstainVotes === 0n;

/**
 * The difference between a chain's own tally and the one relayed to the hub, or undefined when
 * the hub has counted everything. A tally only grows, so the difference is never negative;
 * a relay proven at a newer block than the local read is clamped to zero, not reported.
 */
export function unrelayedVotes(local: VoteTally, relayed: VoteTally): VoteTally | undefined {
  const gap = (key: keyof VoteTally) => (local[key] > relayed[key] ? local[key] - relayed[key] : 0n);
  const diff = { againstVotes: gap("againstVotes"), forVotes: gap("forVotes"), abstainVotes: gap("abstainVotes") };
  return isZero(diff) ? undefined : diff;
}

/**
 * Each voting member chain's side of a proposal: the pool's `relayedTally` on the hub (pinned to
 * `hubBlock`, batched into the page's hub multicall as the reads are issued in the caller's tick)
 * and, on each member chain, the aggregator's `state`, `proposal` and `proposalVotes` in one
 * multicall. A member chain that does not answer yields `local: undefined` instead of failing
 * the page. RPC cost: one hub multicall entry per chain, one multicall per member chain.
 *
 * @example
 * const spokes = await readSpokeTallies(deployment, id, head.number)
 */
export function readSpokeTallies(deployment: Deployment, proposalId: bigint, hubBlock: bigint): Promise<SpokeTallyView[]> {
  return Promise.all(
    votingMembers(deployment.manifest).map(async ({ chain, spoke }) => {
      const member = deployment.client(chain.chainId);
      const aggregator = { address: spoke.aggregator, abi: spokeVoteAggregatorAbi, args: [proposalId] } as const;
      const relayedRead = deployment.hub.readContract({ address: spoke.pool, abi: spokeVotePoolAbi, functionName: "relayedTally", args: [proposalId], blockNumber: hubBlock });
      const localRead = Promise.all([
        member.readContract({ ...aggregator, functionName: "state" }),
        member.readContract({ ...aggregator, functionName: "proposal" }),
        member.readContract({ ...aggregator, functionName: "proposalVotes" }),
      ]).then(
        ([state, [, , votingClosesAt], votes]): SpokeLocalView => ({ state: SPOKE_STATES[state] ?? "unknown", votingClosesAt: BigInt(votingClosesAt), tally: triple(votes) }),
        () => undefined,
      );
      const [[tally, blockNumber, relayedAt], local] = await Promise.all([relayedRead, localRead]);
      const relayed = blockNumber === 0n ? undefined : { tally: { ...tally }, blockNumber: BigInt(blockNumber), relayedAt: BigInt(relayedAt) };
      const counted = relayed?.tally ?? { againstVotes: 0n, forVotes: 0n, abstainVotes: 0n };
      return { chainId: chain.chainId, name: chain.name, local, relayed, unrelayed: local && unrelayedVotes(local.tally, counted) };
    }),
  );
}
