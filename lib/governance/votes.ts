import { encodePacked, type Address, type Hex } from "viem";

/** The `support` values the governor accepts (GovernorCountingFractional's "bravo,fractional"). */
export const VoteType = {
  Against: 0,
  For: 1,
  Abstain: 2,
  /** Split weight; requires {@link fractionalVoteParams} as `params`. */
  Fractional: 255,
} as const;
export type VoteType = (typeof VoteType)[keyof typeof VoteType];

/** OpenZeppelin's `IGovernor.ProposalState`, in enum order: `PROPOSAL_STATES[await governor.state(id)]`. */
export const PROPOSAL_STATES = ["pending", "active", "canceled", "defeated", "succeeded", "queued", "expired", "executed"] as const;
export type ProposalStateName = (typeof PROPOSAL_STATES)[number];

/** Votes for, against and abstaining: the shape of every tally, total or per chain. */
export interface VoteTally {
  againstVotes: bigint;
  forVotes: bigint;
  abstainVotes: bigint;
}

export const emptyTally = (): VoteTally => ({ againstVotes: 0n, forVotes: 0n, abstainVotes: 0n });

const UINT128_MAX = (1n << 128n) - 1n;

/**
 * Encodes a fractional vote split as the governor expects in `params`:
 * `abi.encodePacked(uint128 against, uint128 for, uint128 abstain)`.
 *
 * @example
 * castVoteWithReasonAndParams(id, VoteType.Fractional, "", fractionalVoteParams({ againstVotes: 1n, forVotes: 2n, abstainVotes: 0n }))
 */
export function fractionalVoteParams(split: VoteTally): Hex {
  for (const [name, value] of Object.entries(split)) {
    if (value < 0n || value > UINT128_MAX) throw new RangeError(`${name} must fit in uint128, got ${value}`);
  }
  return encodePacked(
    ["uint128", "uint128", "uint128"],
    [split.againstVotes, split.forVotes, split.abstainVotes],
  );
}

/** The inverse of {@link fractionalVoteParams}; throws on anything but 48 bytes. */
export function decodeFractionalVoteParams(params: Hex): VoteTally {
  if (!/^0x[0-9a-fA-F]{96}$/.test(params)) {
    throw new RangeError(`fractional vote params must be 48 bytes, got ${(params.length - 2) / 2}`);
  }
  return {
    againstVotes: BigInt(`0x${params.slice(2, 34)}`),
    forVotes: BigInt(`0x${params.slice(34, 66)}`),
    abstainVotes: BigInt(`0x${params.slice(66, 98)}`),
  };
}

/** The (against, for, abstain) split of one counted vote, as the governor counted it. */
export function splitVote(support: number, weight: bigint, params: Hex = "0x"): VoteTally {
  if (support === VoteType.Fractional) return decodeFractionalVoteParams(params);
  const split = emptyTally();
  if (support === VoteType.Against) split.againstVotes = weight;
  else if (support === VoteType.For) split.forVotes = weight;
  else if (support === VoteType.Abstain) split.abstainVotes = weight;
  else throw new RangeError(`unknown vote type ${support}`);
  return split;
}

export interface BallotDomain {
  /** The governor's address. */
  governor: Address;
  /** The chain the governor lives on (the hub). */
  chainId: number;
}

const governorDomain = ({ governor, chainId }: BallotDomain) =>
  ({ name: "SuperchainGovernor", version: "1", chainId, verifyingContract: governor }) as const;

export interface BallotParameters extends BallotDomain {
  proposalId: bigint;
  support: VoteType;
  voter: Address;
  /** The governor's `nonces(voter)`; each signature is good for one vote. */
  nonce: bigint;
}

/**
 * EIP-712 typed data for `castVoteBySig`, to pass to viem's `signTypedData`.
 *
 * @example
 * const signature = await wallet.signTypedData(ballotTypedData({ governor, chainId: 900, proposalId, support: VoteType.For, voter, nonce }))
 */
export function ballotTypedData(parameters: BallotParameters) {
  const { proposalId, support, voter, nonce } = parameters;
  return {
    domain: governorDomain(parameters),
    types: {
      Ballot: [
        { name: "proposalId", type: "uint256" },
        { name: "support", type: "uint8" },
        { name: "voter", type: "address" },
        { name: "nonce", type: "uint256" },
      ],
    },
    primaryType: "Ballot",
    message: { proposalId, support, voter, nonce },
  } as const;
}

export interface ExtendedBallotParameters extends BallotParameters {
  reason: string;
  params: Hex;
}

/** EIP-712 typed data for `castVoteWithReasonAndParamsBySig` (reasons and fractional splits). */
export function extendedBallotTypedData(parameters: ExtendedBallotParameters) {
  const { proposalId, support, voter, nonce, reason, params } = parameters;
  return {
    domain: governorDomain(parameters),
    types: {
      ExtendedBallot: [
        { name: "proposalId", type: "uint256" },
        { name: "support", type: "uint8" },
        { name: "voter", type: "address" },
        { name: "nonce", type: "uint256" },
        { name: "reason", type: "string" },
        { name: "params", type: "bytes" },
      ],
    },
    primaryType: "ExtendedBallot",
    message: { proposalId, support, voter, nonce, reason, params },
  } as const;
}
