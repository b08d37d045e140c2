// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IGovernor} from "@openzeppelin/contracts/governance/IGovernor.sol";
import {IVotes} from "@openzeppelin/contracts/governance/utils/IVotes.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {StorageSlot} from "@openzeppelin/contracts/utils/StorageSlot.sol";
import {Time} from "@openzeppelin/contracts/utils/types/Time.sol";

import {IGovernorCountingByChain} from "../governance/extensions/IGovernorCountingByChain.sol";
import {CrosschainSlots} from "./CrosschainSlots.sol";
import {IOutputOracle} from "./IOutputOracle.sol";
import {ISpokeVotePool} from "./ISpokeVotePool.sol";
import {IStateProofVerifier} from "./proofs/IStateProofVerifier.sol";
import {SpokeTally, Tally} from "./SpokeTally.sol";

/**
 * @title SpokeVotePool
 * @dev Deposit commitments live at {CrosschainSlots-depositSlot} (an ERC-7201 namespace), so the
 * slot a member chain proves does not depend on this contract's other storage. A relayed tally
 * takes two slots (the three uint128 counts, then the proof's block number and the relay time).
 *
 * The pool casts with `GovernorCountingFractional` params (support 255), so it can vote any
 * number of times until its weight at the snapshot is used up; the governor attributes what it
 * casts to {chainId} because governance appointed it as that chain's vote source. The pool
 * checks the appointment before casting: a vote from a pool the governor does not know would
 * otherwise be counted as the hub's.
 */
contract SpokeVotePool is ISpokeVotePool {
    using SafeERC20 for IERC20;
    using SpokeTally for Tally;

    /// @dev `GovernorCountingFractional.VOTE_TYPE_FRACTIONAL`.
    uint8 private constant VOTE_TYPE_FRACTIONAL = 255;

    struct RelayedTally {
        Tally tally;
        uint64 blockNumber;
        uint48 relayedAt;
    }

    IERC20 private immutable _token;
    IGovernor private immutable _governor;
    IOutputOracle private immutable _outputOracle;
    IStateProofVerifier private immutable _verifier;
    uint256 private immutable _chainId;

    address private immutable _binder;
    address private _spokeToken;
    address private _spokeAggregator;
    uint256 private _depositCount;
    mapping(uint256 withdrawalId => bool) private _withdrawalFinalized;
    mapping(uint256 proposalId => RelayedTally) private _relayed;

    /**
     * @param token_ The hub SuperchainToken (ERC20 + IVotes); the pool delegates its balance to itself.
     * @param governor_ The hub SuperchainGovernor, where this pool must be `chainId_`'s vote source.
     * @param outputOracle_ The hub OutputOracle holding the member chain's committed outputs.
     * @param verifier_ The StateProofVerifier.
     * @param chainId_ The member chain's id.
     * @param binder_ The account that names the member-chain contracts once ({bindSpoke}).
     */
    constructor(
        IERC20 token_,
        IGovernor governor_,
        IOutputOracle outputOracle_,
        IStateProofVerifier verifier_,
        uint256 chainId_,
        address binder_
    ) {
        _token = token_;
        _governor = governor_;
        _outputOracle = outputOracle_;
        _verifier = verifier_;
        _chainId = chainId_;
        _binder = binder_;
        IVotes(address(token_)).delegate(address(this));
    }

    /// @inheritdoc ISpokeVotePool
    function deposit(uint256 amount, address recipient) external returns (uint256 depositId) {
        if (amount == 0) revert SpokeVotePoolZeroAmount();
        if (recipient == address(0)) revert SpokeVotePoolInvalidRecipient(recipient);
        if (!_outputOracle.memberChains().isListed(_chainId)) revert SpokeVotePoolChainNotListed(_chainId);
        depositId = _depositCount++;
        StorageSlot.getBytes32Slot(CrosschainSlots.depositSlot(depositId)).value = CrosschainSlots.transferCommitment(
            recipient,
            amount
        );
        emit DepositInitiated(depositId, msg.sender, recipient, amount);
        _token.safeTransferFrom(msg.sender, address(this), amount);
    }

    /// @inheritdoc ISpokeVotePool
    function finalizeWithdrawal(
        uint256 withdrawalId,
        address recipient,
        uint256 amount,
        uint256 blockNumber,
        bytes[] calldata accountProof,
        bytes[] calldata storageProof
    ) external {
        if (_withdrawalFinalized[withdrawalId]) revert SpokeVotePoolWithdrawalAlreadyFinalized(withdrawalId);
        if (recipient == address(0)) revert SpokeVotePoolInvalidRecipient(recipient);
        bytes32 proven = _proveSpoke(
            _requireBound(_spokeToken),
            CrosschainSlots.withdrawalSlot(withdrawalId),
            blockNumber,
            accountProof,
            storageProof
        );
        bytes32 claimed = CrosschainSlots.transferCommitment(recipient, amount);
        if (proven != claimed) revert SpokeVotePoolWithdrawalMismatch(withdrawalId, proven, claimed);

        _withdrawalFinalized[withdrawalId] = true;
        emit WithdrawalFinalized(withdrawalId, recipient, amount, blockNumber);
        _token.safeTransfer(recipient, amount);
    }

    /// @inheritdoc ISpokeVotePool
    function relayTally(
        uint256 proposalId,
        uint256 blockNumber,
        Tally calldata tally,
        bytes[] calldata accountProof,
        bytes[] calldata storageProof
    ) external returns (Tally memory counted) {
        address source = IGovernorCountingByChain(address(_governor)).voteSource(_chainId);
        if (source != address(this)) revert SpokeVotePoolNotVoteSource(_chainId, source);

        Tally memory proven = tally;
        bytes32 provenCommitment = _proveSpoke(
            _requireBound(_spokeAggregator),
            CrosschainSlots.tallySlot(proposalId),
            blockNumber,
            accountProof,
            storageProof
        );
        bytes32 claimed = proven.commitment();
        if (provenCommitment != claimed) revert SpokeVotePoolTallyMismatch(proposalId, provenCommitment, claimed);

        counted = _recordRelay(proposalId, proven, blockNumber);
        _governor.castVoteWithReasonAndParams(proposalId, VOTE_TYPE_FRACTIONAL, "", counted.fractionalParams());
    }

    /// @inheritdoc ISpokeVotePool
    function bindSpoke(address spokeToken_, address spokeAggregator_) external {
        address binder_ = _binder;
        if (msg.sender != binder_) revert SpokeVotePoolNotBinder(msg.sender, binder_);
        _bindSpoke(spokeToken_, spokeAggregator_);
    }

    /// @inheritdoc ISpokeVotePool
    function chainId() external view returns (uint256) {
        return _chainId;
    }

    /// @inheritdoc ISpokeVotePool
    function token() external view returns (IERC20) {
        return _token;
    }

    /// @inheritdoc ISpokeVotePool
    function governor() external view returns (IGovernor) {
        return _governor;
    }

    /// @inheritdoc ISpokeVotePool
    function outputOracle() external view returns (IOutputOracle) {
        return _outputOracle;
    }

    /// @inheritdoc ISpokeVotePool
    function verifier() external view returns (IStateProofVerifier) {
        return _verifier;
    }

    /// @inheritdoc ISpokeVotePool
    function binder() external view returns (address) {
        return _binder;
    }

    /// @inheritdoc ISpokeVotePool
    function spokeToken() external view returns (address) {
        return _spokeToken;
    }

    /// @inheritdoc ISpokeVotePool
    function spokeAggregator() external view returns (address) {
        return _spokeAggregator;
    }

    /// @inheritdoc ISpokeVotePool
    function depositCount() external view returns (uint256) {
        return _depositCount;
    }

    /// @inheritdoc ISpokeVotePool
    function depositCommitment(uint256 depositId) external view returns (bytes32) {
        return StorageSlot.getBytes32Slot(CrosschainSlots.depositSlot(depositId)).value;
    }

    /// @inheritdoc ISpokeVotePool
    function depositSlot(uint256 depositId) external pure returns (bytes32) {
        return CrosschainSlots.depositSlot(depositId);
    }

    /// @inheritdoc ISpokeVotePool
    function isWithdrawalFinalized(uint256 withdrawalId) external view returns (bool) {
        return _withdrawalFinalized[withdrawalId];
    }

    /// @inheritdoc ISpokeVotePool
    function relayedTally(
        uint256 proposalId
    ) external view returns (Tally memory tally, uint64 blockNumber, uint48 relayedAt) {
        RelayedTally storage relayed = _relayed[proposalId];
        return (relayed.tally, relayed.blockNumber, relayed.relayedAt);
    }

    /**
     * @dev Records `proven` as `proposalId`'s relayed tally and returns what it adds to the
     * previous one; refuses a stale or unchanged tally. Emits {TallyRelayed}.
     */
    function _recordRelay(
        uint256 proposalId,
        Tally memory proven,
        uint256 blockNumber
    ) internal returns (Tally memory counted) {
        RelayedTally storage relayed = _relayed[proposalId];
        Tally memory previous = relayed.tally;
        bool grew;
        (grew, counted) = SpokeTally.delta(previous, proven);
        if (!grew) revert SpokeVotePoolStaleTally(proposalId, previous, proven);
        if (counted.isZero()) revert SpokeVotePoolTallyUnchanged(proposalId);

        relayed.tally = proven;
        // OutputOracle keeps block numbers in 64 bits, so a proven block number always fits.
        relayed.blockNumber = uint64(blockNumber);
        relayed.relayedAt = Time.timestamp();
        emit TallyRelayed(proposalId, blockNumber, proven.againstVotes, proven.forVotes, proven.abstainVotes);
    }

    /// @dev Validates and records the member-chain contracts (once), and emits {SpokeBound}.
    function _bindSpoke(address spokeToken_, address spokeAggregator_) internal {
        if (_spokeToken != address(0)) revert SpokeVotePoolAlreadyBound(_spokeToken, _spokeAggregator);
        if (spokeToken_ == address(0) || spokeAggregator_ == address(0)) {
            revert SpokeVotePoolInvalidSpoke(spokeToken_, spokeAggregator_);
        }
        _spokeToken = spokeToken_;
        _spokeAggregator = spokeAggregator_;
        emit SpokeBound(spokeToken_, spokeAggregator_);
    }

    /// @dev The value of `slot` of member-chain contract `account` at the chain's committed block `blockNumber`.
    function _proveSpoke(
        address account,
        bytes32 slot,
        uint256 blockNumber,
        bytes[] calldata accountProof,
        bytes[] calldata storageProof
    ) private view returns (bytes32) {
        bytes32 stateRoot = _outputOracle.stateRootAt(_chainId, blockNumber);
        return _verifier.verifyStorage(stateRoot, account, slot, accountProof, storageProof);
    }

    function _requireBound(address spokeContract) private pure returns (address) {
        if (spokeContract == address(0)) revert SpokeVotePoolNotBound();
        return spokeContract;
    }
}
