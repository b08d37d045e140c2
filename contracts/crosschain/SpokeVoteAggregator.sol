// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IVotes} from "@openzeppelin/contracts/governance/utils/IVotes.sol";
import {EIP712} from "@openzeppelin/contracts/utils/cryptography/EIP712.sol";
import {SignatureChecker} from "@openzeppelin/contracts/utils/cryptography/SignatureChecker.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";
import {Nonces} from "@openzeppelin/contracts/utils/Nonces.sol";
import {StorageSlot} from "@openzeppelin/contracts/utils/StorageSlot.sol";
import {Time} from "@openzeppelin/contracts/utils/types/Time.sol";

import {CrosschainSlots} from "./CrosschainSlots.sol";
import {IHubStateOracle} from "./IHubStateOracle.sol";
import {ISpokeVoteAggregator} from "./ISpokeVoteAggregator.sol";
import {IStateProofVerifier} from "./proofs/IStateProofVerifier.sol";
import {SpokeTally, Tally} from "./SpokeTally.sol";

/**
 * @title SpokeVoteAggregator
 * @dev A proposal takes one slot (snapshot, deadline, closing time); its tally two (the three
 * uint128 counts) plus the commitment the hub proves, kept at {CrosschainSlots-tallySlot} in an
 * ERC-7201 namespace and rewritten on every vote. The commitment costs one more storage write
 * per vote but lets a relay prove one slot instead of two, and it is never zero once anyone
 * voted, which the trie needs (zero values have no proof).
 *
 * The deadline learnt is the hub governor's original one (`voteStart + voteDuration`). A late
 * quorum can only extend the hub's deadline, so closing before the original one is always in time.
 */
contract SpokeVoteAggregator is ISpokeVoteAggregator, EIP712, Nonces {
    using SpokeTally for Tally;

    /// @notice The `castVoteBySig` type, identical to OpenZeppelin Governor's.
    bytes32 public constant BALLOT_TYPEHASH = keccak256("Ballot(uint256 proposalId,uint8 support,address voter,uint256 nonce)");

    /// @notice The `castVoteWithReasonBySig` type: OpenZeppelin Governor's `ExtendedBallot` without `params`.
    bytes32 public constant EXTENDED_BALLOT_TYPEHASH =
        keccak256("ExtendedBallot(uint256 proposalId,uint8 support,address voter,uint256 nonce,string reason)");

    struct ProposalTimes {
        uint48 snapshot;
        uint48 deadline;
        uint48 votingClosesAt;
    }

    IVotes private immutable _token;
    address private immutable _hubGovernor;
    IHubStateOracle private immutable _hubStateOracle;
    IStateProofVerifier private immutable _verifier;
    uint48 private immutable _closingMargin;

    mapping(uint256 proposalId => ProposalTimes) private _proposals;
    mapping(uint256 proposalId => Tally) private _tallies;
    mapping(uint256 proposalId => mapping(address voter => bool)) private _hasVoted;

    /**
     * @param token_ This chain's SpokeToken (ERC20Votes, timestamp clock).
     * @param hubGovernor_ The hub SuperchainGovernor's address.
     * @param hubStateOracle_ This chain's HubStateOracle.
     * @param verifier_ The StateProofVerifier deployed on this chain.
     * @param closingMargin_ Seconds before the hub deadline at which voting closes here; at least
     * the time to commit this chain's output on the hub and relay (≥ 2 commitment intervals).
     */
    constructor(
        IVotes token_,
        address hubGovernor_,
        IHubStateOracle hubStateOracle_,
        IStateProofVerifier verifier_,
        uint48 closingMargin_
    ) EIP712("SpokeVoteAggregator", "1") {
        _token = token_;
        _hubGovernor = hubGovernor_;
        _hubStateOracle = hubStateOracle_;
        _verifier = verifier_;
        _closingMargin = closingMargin_;
    }

    /// @inheritdoc ISpokeVoteAggregator
    function learnProposal(
        uint256 proposalId,
        uint256 hubBlockNumber,
        bytes[] calldata accountProof,
        bytes[] calldata storageProof
    ) external {
        if (_proposals[proposalId].snapshot != 0) revert SpokeVoteAggregatorProposalAlreadyKnown(proposalId);
        bytes32 word = _verifier.verifyStorage(
            _hubStateOracle.hubStateRoot(hubBlockNumber),
            _hubGovernor,
            CrosschainSlots.governorProposalSlot(proposalId),
            accountProof,
            storageProof
        );
        (address proposer, uint48 voteStart, uint32 voteDuration, bool canceled) = CrosschainSlots.decodeProposalCore(
            word
        );
        if (canceled) revert SpokeVoteAggregatorProposalCanceled(proposalId);
        _learnProposal(proposalId, proposer, voteStart, voteStart + voteDuration, hubBlockNumber);
    }

    /// @inheritdoc ISpokeVoteAggregator
    function castVote(uint256 proposalId, uint8 support) external returns (uint256) {
        return _castVote(proposalId, msg.sender, support, "");
    }

    /// @inheritdoc ISpokeVoteAggregator
    function castVoteWithReason(uint256 proposalId, uint8 support, string calldata reason) external returns (uint256) {
        return _castVote(proposalId, msg.sender, support, reason);
    }

    /// @inheritdoc ISpokeVoteAggregator
    function castVoteBySig(
        uint256 proposalId,
        uint8 support,
        address voter,
        bytes calldata signature
    ) external returns (uint256) {
        _checkSignature(voter, keccak256(abi.encode(BALLOT_TYPEHASH, proposalId, support, voter, _useNonce(voter))), signature);
        return _castVote(proposalId, voter, support, "");
    }

    /// @inheritdoc ISpokeVoteAggregator
    function castVoteWithReasonBySig(
        uint256 proposalId,
        uint8 support,
        address voter,
        string calldata reason,
        bytes calldata signature
    ) external returns (uint256) {
        bytes32 structHash = keccak256(
            abi.encode(EXTENDED_BALLOT_TYPEHASH, proposalId, support, voter, _useNonce(voter), keccak256(bytes(reason)))
        );
        _checkSignature(voter, structHash, signature);
        return _castVote(proposalId, voter, support, reason);
    }

    /// @inheritdoc ISpokeVoteAggregator
    function token() external view returns (IVotes) {
        return _token;
    }

    /// @inheritdoc ISpokeVoteAggregator
    function hubGovernor() external view returns (address) {
        return _hubGovernor;
    }

    /// @inheritdoc ISpokeVoteAggregator
    function hubStateOracle() external view returns (IHubStateOracle) {
        return _hubStateOracle;
    }

    /// @inheritdoc ISpokeVoteAggregator
    function verifier() external view returns (IStateProofVerifier) {
        return _verifier;
    }

    /// @inheritdoc ISpokeVoteAggregator
    function closingMargin() external view returns (uint48) {
        return _closingMargin;
    }

    /// @inheritdoc ISpokeVoteAggregator
    function proposal(
        uint256 proposalId
    ) external view returns (uint48 snapshot, uint48 deadline, uint48 votingClosesAt) {
        ProposalTimes storage times = _proposals[proposalId];
        return (times.snapshot, times.deadline, times.votingClosesAt);
    }

    /// @inheritdoc ISpokeVoteAggregator
    function state(uint256 proposalId) public view returns (ProposalState) {
        ProposalTimes storage times = _proposals[proposalId];
        if (times.snapshot == 0) return ProposalState.Unknown;
        uint48 now_ = Time.timestamp();
        if (now_ <= times.snapshot) return ProposalState.Pending;
        if (now_ > times.votingClosesAt) return ProposalState.Closed;
        return ProposalState.Active;
    }

    /// @inheritdoc ISpokeVoteAggregator
    function hasVoted(uint256 proposalId, address voter) external view returns (bool) {
        return _hasVoted[proposalId][voter];
    }

    /// @inheritdoc ISpokeVoteAggregator
    function proposalVotes(
        uint256 proposalId
    ) external view returns (uint256 againstVotes, uint256 forVotes, uint256 abstainVotes) {
        Tally storage tally = _tallies[proposalId];
        return (tally.againstVotes, tally.forVotes, tally.abstainVotes);
    }

    /// @inheritdoc ISpokeVoteAggregator
    function tallyCommitment(uint256 proposalId) external view returns (bytes32) {
        return StorageSlot.getBytes32Slot(CrosschainSlots.tallySlot(proposalId)).value;
    }

    /// @inheritdoc ISpokeVoteAggregator
    function tallySlot(uint256 proposalId) external pure returns (bytes32) {
        return CrosschainSlots.tallySlot(proposalId);
    }

    /// @inheritdoc ISpokeVoteAggregator
    function proposalSlot(uint256 proposalId) external pure returns (bytes32) {
        return CrosschainSlots.governorProposalSlot(proposalId);
    }

    /// @inheritdoc ISpokeVoteAggregator
    function nonces(address voter) public view override(ISpokeVoteAggregator, Nonces) returns (uint256) {
        return super.nonces(voter);
    }

    /// @dev Reverts unless `signature` is `voter`'s (ECDSA or ERC-1271) over `structHash` in this contract's domain.
    function _checkSignature(address voter, bytes32 structHash, bytes calldata signature) private view {
        if (!SignatureChecker.isValidSignatureNow(voter, _hashTypedDataV4(structHash), signature)) {
            revert SpokeVoteAggregatorInvalidSignature(voter);
        }
    }

    /**
     * @dev Records a proposal's times and emits {ProposalLearned}. The closing time saturates at
     * zero when the margin exceeds the deadline (voting then never opens).
     */
    function _learnProposal(
        uint256 proposalId,
        address proposer,
        uint48 snapshot,
        uint48 deadline,
        uint256 hubBlockNumber
    ) internal {
        uint48 votingClosesAt = deadline > _closingMargin ? deadline - _closingMargin : 0;
        _proposals[proposalId] = ProposalTimes(snapshot, deadline, votingClosesAt);
        emit ProposalLearned(proposalId, proposer, snapshot, deadline, votingClosesAt, hubBlockNumber);
    }

    /**
     * @dev Checks the vote, adds the voter's weight at the snapshot to the tally, rewrites the
     * tally commitment and emits {VoteCast}.
     */
    function _castVote(
        uint256 proposalId,
        address voter,
        uint8 support,
        string memory reason
    ) internal returns (uint256 weight) {
        ProposalTimes memory times = _proposals[proposalId];
        if (times.snapshot == 0) revert SpokeVoteAggregatorUnknownProposal(proposalId);
        uint48 now_ = Time.timestamp();
        if (now_ <= times.snapshot) revert SpokeVoteAggregatorVotingNotStarted(proposalId, times.snapshot);
        if (now_ > times.votingClosesAt) revert SpokeVoteAggregatorVotingClosed(proposalId, times.votingClosesAt);
        if (support > SpokeTally.ABSTAIN) revert SpokeVoteAggregatorInvalidSupport(support);
        if (_hasVoted[proposalId][voter]) revert SpokeVoteAggregatorAlreadyVoted(proposalId, voter);

        weight = _token.getPastVotes(voter, times.snapshot);
        if (weight == 0) revert SpokeVoteAggregatorNoVotingPower(proposalId, voter);

        _hasVoted[proposalId][voter] = true;
        Tally memory tally = _tallies[proposalId].add(support, SafeCast.toUint128(weight));
        _tallies[proposalId] = tally;
        StorageSlot.getBytes32Slot(CrosschainSlots.tallySlot(proposalId)).value = tally.commitment();
        emit VoteCast(voter, proposalId, support, weight, reason);
    }
}
