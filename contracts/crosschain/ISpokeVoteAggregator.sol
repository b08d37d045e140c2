// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IVotes} from "@openzeppelin/contracts/governance/utils/IVotes.sol";

import {IHubStateOracle} from "./IHubStateOracle.sol";
import {IStateProofVerifier} from "./proofs/IStateProofVerifier.sol";

/**
 * @title ISpokeVoteAggregator
 * @notice On a member chain: where delegates of the chain's SpokeToken vote on hub proposals.
 *
 * The aggregator learns a proposal ({learnProposal}) by proving the hub governor's record of it
 * against a hub state root in this chain's HubStateOracle. Delegates then vote for, against or
 * abstain, once each, weighted by their SpokeToken votes at the proposal's snapshot (a timestamp,
 * the same instant as on the hub). Voting closes {closingMargin} seconds before the hub deadline
 * so the last tally can still be committed and relayed; the hub's SpokeVotePool proves the tally
 * commitment ({tallySlot}) and counts it for this chain.
 *
 * The function and event shapes follow OpenZeppelin's Governor (`castVote`, `castVoteWithReason`,
 * `castVoteBySig` with the same `Ballot` type, `VoteCast`, `hasVoted`, `proposalVotes`), so
 * wallets and indexers that speak Governor speak this too.
 */
interface ISpokeVoteAggregator {
    /// @notice Where a proposal stands on this chain.
    enum ProposalState {
        /// @dev Not learnt yet.
        Unknown,
        /// @dev Learnt; voting opens after the snapshot.
        Pending,
        /// @dev Votes are accepted.
        Active,
        /// @dev Voting here has closed (the hub may still be open for the closing margin).
        Closed
    }

    /**
     * @notice Proposal `proposalId` was learnt from the hub governor's storage at hub block
     * `hubBlockNumber`: voting here runs after `snapshot` up to `votingClosesAt` included, the
     * hub deadline being `deadline`.
     */
    event ProposalLearned(
        uint256 indexed proposalId,
        address indexed proposer,
        uint48 snapshot,
        uint48 deadline,
        uint48 votingClosesAt,
        uint256 hubBlockNumber
    );

    /// @notice `voter` cast `weight` votes of `support` (0 against, 1 for, 2 abstain). Same shape as
    /// OpenZeppelin's `IGovernor.VoteCast`; the tally is the sum of these events.
    event VoteCast(address indexed voter, uint256 proposalId, uint8 support, uint256 weight, string reason);

    /// @notice The proposal was already learnt.
    error SpokeVoteAggregatorProposalAlreadyKnown(uint256 proposalId);
    /// @notice The hub governor's record shows the proposal canceled.
    error SpokeVoteAggregatorProposalCanceled(uint256 proposalId);
    /// @notice The proposal was not learnt yet: call {learnProposal} first.
    error SpokeVoteAggregatorUnknownProposal(uint256 proposalId);
    /// @notice Voting opens after the snapshot (`snapshot`).
    error SpokeVoteAggregatorVotingNotStarted(uint256 proposalId, uint48 snapshot);
    /// @notice Voting here closed at `votingClosesAt` (the hub deadline minus the closing margin).
    error SpokeVoteAggregatorVotingClosed(uint256 proposalId, uint48 votingClosesAt);
    /// @notice Support must be 0 (against), 1 (for) or 2 (abstain).
    error SpokeVoteAggregatorInvalidSupport(uint8 support);
    /// @notice `voter` already voted on the proposal.
    error SpokeVoteAggregatorAlreadyVoted(uint256 proposalId, address voter);
    /// @notice `voter` had no votes on this chain at the proposal's snapshot.
    error SpokeVoteAggregatorNoVotingPower(uint256 proposalId, address voter);
    /// @notice The signature is not `voter`'s over the ballot with its current nonce.
    error SpokeVoteAggregatorInvalidSignature(address voter);

    /**
     * @notice Learns proposal `proposalId` by proving the first word of the hub governor's
     * `_proposals[proposalId]` (proposer, voteStart, voteDuration) against the hub state root
     * posted for `hubBlockNumber`. Anyone may call, once per proposal.
     * @param accountProof `eth_getProof(hubGovernor, [proposalSlot], hubBlockNumber).accountProof` on the hub.
     * @param storageProof The slot's `storageProof[0].proof`.
     */
    function learnProposal(
        uint256 proposalId,
        uint256 hubBlockNumber,
        bytes[] calldata accountProof,
        bytes[] calldata storageProof
    ) external;

    /// @notice Casts the caller's vote. Returns the weight counted.
    function castVote(uint256 proposalId, uint8 support) external returns (uint256 weight);

    /// @notice Casts the caller's vote with a reason. Returns the weight counted.
    function castVoteWithReason(
        uint256 proposalId,
        uint8 support,
        string calldata reason
    ) external returns (uint256 weight);

    /**
     * @notice Casts `voter`'s vote from an EIP-712 signature (ECDSA or ERC-1271) over
     * `Ballot(uint256 proposalId,uint8 support,address voter,uint256 nonce)` in this contract's
     * domain, using `voter`'s current {nonces}. Anyone may submit it. Returns the weight counted.
     */
    function castVoteBySig(
        uint256 proposalId,
        uint8 support,
        address voter,
        bytes calldata signature
    ) external returns (uint256 weight);

    /**
     * @notice Casts `voter`'s vote with a reason from an EIP-712 signature (ECDSA or ERC-1271) over
     * `ExtendedBallot(uint256 proposalId,uint8 support,address voter,uint256 nonce,string reason)`
     * in this contract's domain, using `voter`'s current {nonces}: a relayer submits the voter's
     * words and cannot change them. Anyone may submit it. Returns the weight counted.
     */
    function castVoteWithReasonBySig(
        uint256 proposalId,
        uint8 support,
        address voter,
        string calldata reason,
        bytes calldata signature
    ) external returns (uint256 weight);

    /// @notice The chain's SpokeToken, whose past votes weigh each vote.
    function token() external view returns (IVotes);

    /// @notice The hub governor whose proposals are learnt.
    function hubGovernor() external view returns (address);

    /// @notice This chain's record of hub state roots.
    function hubStateOracle() external view returns (IHubStateOracle);

    /// @notice The state-proof verifier.
    function verifier() external view returns (IStateProofVerifier);

    /// @notice How many seconds before the hub deadline voting closes here.
    function closingMargin() external view returns (uint48);

    /// @notice The proposal's snapshot, hub deadline and local closing time; all zero if unknown.
    function proposal(
        uint256 proposalId
    ) external view returns (uint48 snapshot, uint48 deadline, uint48 votingClosesAt);

    /// @notice Where the proposal stands on this chain.
    function state(uint256 proposalId) external view returns (ProposalState);

    /// @notice Whether `voter` voted on the proposal here.
    function hasVoted(uint256 proposalId, address voter) external view returns (bool);

    /// @notice This chain's tally for the proposal, in OpenZeppelin's order.
    function proposalVotes(
        uint256 proposalId
    ) external view returns (uint256 againstVotes, uint256 forVotes, uint256 abstainVotes);

    /// @notice The tally commitment the hub proves:
    /// `keccak256(abi.encode(againstVotes, forVotes, abstainVotes))`, zero before the first vote.
    function tallyCommitment(uint256 proposalId) external view returns (bytes32);

    /// @notice The storage slot holding the tally commitment, to request its proof.
    function tallySlot(uint256 proposalId) external pure returns (bytes32);

    /// @notice The hub governor's storage slot of the proposal's record, to request its proof.
    function proposalSlot(uint256 proposalId) external pure returns (bytes32);

    /// @notice `voter`'s next signature nonce.
    function nonces(address voter) external view returns (uint256);
}
