import type { Address, Hash } from "viem";

import { superchainTokenAbi } from "../../contracts/index.ts";
import { poolLabels } from "../delegates/loadDelegates.ts";
import { currentDelegators, powerHistory, votesChangesOf, type Delegator, type Participation, type PowerPoint } from "../delegates/profileModel.ts";
import { votesByVoter, type VoteRecord } from "../votes/types.ts";
import { participationOf, readDelegateRecords } from "./delegateRecords.ts";
import type { Deployment } from "./deployment.ts";
import { deploymentStatements } from "./statements.ts";
import type { StoredDelegateStatement } from "./statementStore.ts";

/** The delegate's power on one chain now. */
export interface ChainPower {
  chainId: number;
  name: string;
  role: "hub" | "member";
  votes: bigint;
}

export interface ProfileDelegator extends Delegator {
  /** Its token balance on that chain now: the votes it lends. */
  balance: bigint;
}

/** A vote of the delegate, with the proposal's title. */
export interface ProfileVote extends VoteRecord {
  title: string;
}

/** A proposal the delegate created. */
export interface ProfileProposal {
  id: bigint;
  title: string;
  voteStart: bigint;
  transactionHash: Hash;
}

export interface DelegateProfile {
  address: Address;
  hubChainId: number;
  token: { symbol: string; decimals: number; totalSupply: bigint };
  /** A deployment contract's name (a member chain's vote pool), when the address is one. */
  label: string | undefined;
  /** The hub's time now. */
  now: bigint;
  /** Every chain with a token that answered, hub first. */
  chains: ChainPower[];
  totalVotes: bigint;
  history: PowerPoint[];
  /** Largest balance first, at most {@link DELEGATORS_SHOWN}. */
  delegators: ProfileDelegator[];
  delegatorCount: number;
  /** Newest first, on every chain. */
  votes: ProfileVote[];
  participation: Participation;
  /** Newest first. */
  proposals: ProfileProposal[];
  statement: StoredDelegateStatement | undefined;
  /** Every chain of the deployment by id, to name where a vote or a delegation happened. */
  chainNames: Readonly<Record<number, string>>;
  /** Member chains whose node did not answer: their power, delegators or votes are missing. */
  unreachable: { chainId: number; name: string }[];
}

/** Delegators listed on the profile; the rest are counted. */
export const DELEGATORS_SHOWN = 100;

/** The balances of the listed delegators, one multicall per chain. */
async function delegatorBalances(deployment: Deployment, tokens: ReadonlyMap<number, Address>, delegators: readonly Delegator[], heads: ReadonlyMap<number, bigint>): Promise<ProfileDelegator[]> {
  const byChain = new Map<number, Delegator[]>();
  for (const delegator of delegators) byChain.set(delegator.chainId, [...(byChain.get(delegator.chainId) ?? []), delegator]);
  const balances = await Promise.all(
    [...byChain].map(async ([chainId, list]) => {
      const answers = await deployment.client(chainId).multicall({
        contracts: list.map((delegator) => ({ address: tokens.get(chainId)!, abi: superchainTokenAbi, functionName: "balanceOf", args: [delegator.address] }) as const),
        allowFailure: false,
        blockNumber: heads.get(chainId)!,
      });
      return list.map((delegator, i) => ({ ...delegator, balance: answers[i]! }));
    }),
  );
  return balances.flat().sort((a, b) => (a.balance === b.balance ? a.chainId - b.chainId : a.balance > b.balance ? -1 : 1));
}

async function readStatement(deployment: Deployment, address: Address): Promise<StoredDelegateStatement | undefined> {
  try {
    return await (await deploymentStatements(deployment)).get(address);
  } catch (error) {
    // The statement is the delegate's own words, not chain data: a store that cannot open costs it, not the page.
    console.error("could not read delegate statements", error);
    return undefined;
  }
}

/**
 * A delegate's record across the hub and every member chain — the same address on all of them:
 * voting power per chain now and summed over time (`DelegateVotesChanged`), the accounts
 * delegating to them (`DelegateChanged`) with their balances, every vote they cast on any chain
 * with its reason, their participation, the proposals they created, and their signed statement.
 * Undefined when the address has no record at all (never delegated to, never voted, proposed or
 * wrote a statement): the page answers 404. Log reads go through the caches: a few requests per
 * chain whatever the number of votes.
 *
 * @example
 * const profile = await loadDelegateProfile(deployment, "0x90F7…")
 */
export async function loadDelegateProfile(deployment: Deployment, address: Address): Promise<DelegateProfile | undefined> {
  const { manifest, hub } = deployment;
  const token = { address: manifest.contracts.token, abi: superchainTokenAbi } as const;
  const [records, statement] = await Promise.all([readDelegateRecords(deployment), readStatement(deployment, address)]);
  const at = { blockNumber: records.hub.number } as const;
  const changes = records.delegation.chains.map(({ chain, logs }) => ({ chain, changes: votesChangesOf(logs, address) }));
  const delegators = records.delegation.chains.flatMap(({ logs }) => currentDelegators(logs, address));
  const votes = votesByVoter(records.votes.votes, address).map((vote) => ({ ...vote, title: records.proposals.byId.get(vote.proposalId)?.title ?? "(unknown proposal)" }));
  const proposals = records.proposals.records
    .filter((record) => record.proposer.toLowerCase() === address.toLowerCase())
    .map(({ id, title, voteStart, transactionHash }) => ({ id, title, voteStart, transactionHash }));
  const hasRecord = changes.some((chain) => chain.changes.length > 0) || delegators.length > 0 || votes.length > 0 || proposals.length > 0 || statement !== undefined;
  if (!hasRecord) return undefined;

  const tokens = new Map(records.delegation.chains.map(({ chain }) => [chain.chainId, chain.token]));
  const heads = new Map(records.delegation.chains.map(({ chain, head }) => [chain.chainId, head.number]));
  const [symbol, decimals, totalSupply, listed] = await Promise.all([
    hub.readContract({ ...token, functionName: "symbol", ...at }),
    hub.readContract({ ...token, functionName: "decimals", ...at }),
    hub.readContract({ ...token, functionName: "totalSupply", ...at }),
    delegatorBalances(deployment, tokens, delegators, heads),
  ]);
  const chains = changes.map(({ chain, changes: list }) => ({ chainId: chain.chainId, name: chain.name, role: chain.role, votes: list.at(-1)?.newVotes ?? 0n }));
  const memberUnreachable = records.delegation.unreachable.map(({ chainId, name }) => ({ chainId, name }));
  const unreachable = [...memberUnreachable, ...records.votes.unreachable.filter((chain) => !memberUnreachable.some((m) => m.chainId === chain.chainId))];
  return {
    address,
    hubChainId: manifest.hub.chainId,
    token: { symbol, decimals, totalSupply },
    label: poolLabels(manifest)[address],
    now: records.hub.timestamp,
    chains,
    totalVotes: chains.reduce((sum, chain) => sum + chain.votes, 0n),
    history: powerHistory(changes.map(({ changes: list }) => list)),
    delegators: listed.slice(0, DELEGATORS_SHOWN),
    delegatorCount: listed.length,
    votes,
    participation: participationOf(records, address),
    proposals,
    statement,
    chainNames: Object.fromEntries([manifest.hub, ...manifest.members].map((chain) => [chain.chainId, chain.name])),
    unreachable,
  };
}
