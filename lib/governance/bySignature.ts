import type { Address, Hex, TypedDataDomain } from "viem";

/**
 * The EIP-712 messages a voter or token holder signs so that someone else pays the gas: the
 * governor's and the member-chain aggregators' ballots, and the tokens' delegations. Pure: the
 * browser builds what the wallet signs from these, the relay checks what it receives with the
 * same definitions.
 */

/** OpenZeppelin Governor's and SpokeVoteAggregator's `castVoteBySig` type. */
export const BALLOT_TYPES = {
  Ballot: [
    { name: "proposalId", type: "uint256" },
    { name: "support", type: "uint8" },
    { name: "voter", type: "address" },
    { name: "nonce", type: "uint256" },
  ],
} as const;

/** OpenZeppelin Governor's `castVoteWithReasonAndParamsBySig` type (the hub). */
export const EXTENDED_BALLOT_TYPES = {
  ExtendedBallot: [...BALLOT_TYPES.Ballot, { name: "reason", type: "string" }, { name: "params", type: "bytes" }],
} as const;

/** SpokeVoteAggregator's `castVoteWithReasonBySig` type: the hub's without `params`. */
export const SPOKE_EXTENDED_BALLOT_TYPES = {
  ExtendedBallot: [...BALLOT_TYPES.Ballot, { name: "reason", type: "string" }],
} as const;

/** OpenZeppelin Votes' `delegateBySig` type (SuperchainToken and SpokeToken). */
export const DELEGATION_TYPES = {
  Delegation: [
    { name: "delegatee", type: "address" },
    { name: "nonce", type: "uint256" },
    { name: "expiry", type: "uint256" },
  ],
} as const;

/** Where a ballot is counted: the hub governor, or a member chain's aggregator. */
export type BallotContract = "governor" | "aggregator";

/** What `eip712Domain()` (ERC-5267) answers, in its order. */
export type Eip5267Domain = readonly [fields: Hex, name: string, version: string, chainId: bigint, verifyingContract: Address, salt: Hex, extensions: readonly bigint[]];

/**
 * The signing domain a contract declares through ERC-5267, so neither side hard-codes a name or
 * version the contract might not use.
 *
 * @example
 * domainOf(await client.readContract({ address: governor, abi, functionName: "eip712Domain" }))
 */
export function domainOf([, name, version, chainId, verifyingContract]: Eip5267Domain): TypedDataDomain & { chainId: number } {
  return { name, version, chainId: Number(chainId), verifyingContract };
}

export interface BallotMessage {
  proposalId: bigint;
  support: number;
  voter: Address;
  /** The voter's current nonce on the contract that counts the ballot. */
  nonce: bigint;
  /** Empty: a plain `Ballot`, which both contracts take without a reason. */
  reason: string;
}

/**
 * The typed data of one ballot: a plain `Ballot` without a reason, else the counting contract's
 * `ExtendedBallot` (the hub's carries empty `params`: a whole-weight vote).
 *
 * @example
 * await wallet.signTypedData(ballotTypedData("governor", domain, { proposalId, support: 1, voter, nonce, reason: "Yes" }))
 */
export function ballotTypedData(contract: BallotContract, domain: TypedDataDomain, { proposalId, support, voter, nonce, reason }: BallotMessage) {
  const ballot = { proposalId, support, voter, nonce };
  if (reason === "") return { domain, types: BALLOT_TYPES, primaryType: "Ballot", message: ballot } as const;
  if (contract === "governor") {
    return { domain, types: EXTENDED_BALLOT_TYPES, primaryType: "ExtendedBallot", message: { ...ballot, reason, params: "0x" as Hex } } as const;
  }
  return { domain, types: SPOKE_EXTENDED_BALLOT_TYPES, primaryType: "ExtendedBallot", message: { ...ballot, reason } } as const;
}

export interface DelegationMessage {
  delegatee: Address;
  nonce: bigint;
  /** Unix seconds after which the token refuses the signature. */
  expiry: bigint;
}

/** The typed data of one delegation by signature. */
export function delegationTypedData(domain: TypedDataDomain, message: DelegationMessage) {
  return { domain, types: DELEGATION_TYPES, primaryType: "Delegation", message } as const;
}
