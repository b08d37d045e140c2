// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {Time} from "@openzeppelin/contracts/utils/types/Time.sol";

import {IRootOracle} from "./IRootOracle.sol";

/**
 * @title RootHistory
 * @notice A chain's committed roots with challenge windows: append (checked for plausibility),
 * reject a root and everything after it, look a root up by block number and tell its state. Both
 * root oracles keep their roots in one of these; the errors are {IRootOracle}'s.
 *
 * @dev Roots are stored by block number (three slots: timestamps, window end, index and config
 * version packed in the first). `accepted` lists the block numbers of the roots not rejected, in
 * posting order, so they strictly increase; a root is accepted when the list still holds its
 * block number at the root's index. Rejecting from index `i` cuts the list to `i` entries in one
 * write (the stale tail is overwritten by later pushes), whatever the number of roots rejected.
 *
 * A root becomes usable at `usableAt`: its post time plus the window then in force, and never
 * before the previous accepted root. So usable roots are always a prefix of `accepted`, and every
 * root after one in its window is in its window too.
 */
library RootHistory {
    /// @notice The shortest challenge window governance can set: one second (a devnet's).
    uint32 internal constant MIN_CHALLENGE_WINDOW = 1;
    /// @notice The longest challenge window: a week (longer would freeze the bridge).
    uint32 internal constant MAX_CHALLENGE_WINDOW = 7 days;
    /// @notice The smallest maximum step: the largest governed commitment interval, so one interval always fits.
    uint64 internal constant MIN_MAX_BLOCK_STEP = 10_000;
    /// @notice The largest maximum step, far below 2^64: no post can reach the end of the block range.
    uint64 internal constant MAX_MAX_BLOCK_STEP = 100_000_000;

    struct Root {
        uint48 blockTimestamp;
        uint48 postedAt;
        uint48 usableAt;
        /// @dev The root's position in `accepted` when it was posted.
        uint48 index;
        /// @dev The configuration version an output names (OutputOracle); zero for hub states.
        uint64 configVersion;
        bytes32 blockHash;
        bytes32 stateRoot;
    }

    struct History {
        /// @dev Where the first root is measured from while no root is accepted.
        uint64 anchor;
        uint64[] accepted;
        mapping(uint256 blockNumber => Root) roots;
    }

    /// @notice Reverts unless `rules` lie within the bounds.
    function checkRules(IRootOracle.RootRules memory rules) internal pure {
        if (
            rules.challengeWindow < MIN_CHALLENGE_WINDOW ||
            rules.challengeWindow > MAX_CHALLENGE_WINDOW ||
            rules.maxBlockStep < MIN_MAX_BLOCK_STEP ||
            rules.maxBlockStep > MAX_MAX_BLOCK_STEP
        ) revert IRootOracle.RootRulesOutOfBounds(rules.challengeWindow, rules.maxBlockStep);
    }

    /**
     * @notice Appends a root after checking it is plausible under `rules`; returns its index among
     * the accepted roots. The root is usable after the window, and never before the previous one.
     */
    function append(
        History storage history,
        uint256 blockNumber,
        uint48 blockTimestamp,
        bytes32 blockHash,
        bytes32 stateRoot,
        uint64 configVersion,
        IRootOracle.RootRules memory rules
    ) internal returns (uint256 index) {
        if (blockHash == bytes32(0) || stateRoot == bytes32(0)) revert IRootOracle.RootZero(blockHash, stateRoot);
        if (blockNumber > type(uint64).max) revert IRootOracle.RootBlockNumberTooLarge(blockNumber);
        uint48 now_ = Time.timestamp();
        if (blockTimestamp > now_) revert IRootOracle.RootTimestampInFuture(blockTimestamp, now_);

        index = history.accepted.length;
        uint256 latest = history.anchor;
        uint48 usableAt = now_ + rules.challengeWindow;
        if (index != 0) {
            latest = history.accepted[index - 1];
            if (blockNumber <= latest) revert IRootOracle.RootBlockNotIncreasing(blockNumber, latest);
            uint48 previousUsableAt = history.roots[latest].usableAt;
            if (previousUsableAt > usableAt) usableAt = previousUsableAt;
        } else if (blockNumber < latest) {
            revert IRootOracle.RootBlockNotIncreasing(blockNumber, latest);
        }
        if (blockNumber - latest > rules.maxBlockStep) {
            revert IRootOracle.RootStepTooLarge(blockNumber, latest, rules.maxBlockStep);
        }

        history.accepted.push(uint64(blockNumber));
        history.roots[blockNumber] = Root({
            blockTimestamp: blockTimestamp,
            postedAt: now_,
            usableAt: usableAt,
            index: uint48(index),
            configVersion: configVersion,
            blockHash: blockHash,
            stateRoot: stateRoot
        });
    }

    /**
     * @notice Rejects the root of `blockNumber`, which must be in its challenge window and hold
     * `stateRoot`, and every root accepted after it. Returns its index and how many were rejected.
     */
    function rejectFrom(
        History storage history,
        uint256 blockNumber,
        bytes32 stateRoot
    ) internal returns (uint256 index, uint256 count) {
        IRootOracle.RootState current = state(history, blockNumber);
        if (current != IRootOracle.RootState.InChallengeWindow) revert IRootOracle.RootNotChallengeable(blockNumber, current);
        Root storage root = history.roots[blockNumber];
        if (root.stateRoot != stateRoot) revert IRootOracle.RootMismatch(blockNumber, stateRoot, root.stateRoot);
        index = root.index;
        uint64[] storage accepted = history.accepted;
        count = accepted.length - index;
        assembly ("memory-safe") {
            sstore(accepted.slot, index)
        }
    }

    /// @notice Moves the anchor; only while no root is accepted.
    function setAnchor(History storage history, uint256 blockNumber) internal {
        if (history.accepted.length != 0) revert IRootOracle.RootAnchorFixed(history.accepted.length);
        if (blockNumber > type(uint64).max) revert IRootOracle.RootBlockNumberTooLarge(blockNumber);
        history.anchor = uint64(blockNumber);
    }

    /// @notice Where the root of `blockNumber` stands now.
    function state(History storage history, uint256 blockNumber) internal view returns (IRootOracle.RootState) {
        Root storage root = history.roots[blockNumber];
        if (root.stateRoot == bytes32(0)) return IRootOracle.RootState.Unknown;
        if (!_isAccepted(history, blockNumber, root.index)) return IRootOracle.RootState.Rejected;
        return Time.timestamp() < root.usableAt ? IRootOracle.RootState.InChallengeWindow : IRootOracle.RootState.Usable;
    }

    /// @notice The accepted root of `blockNumber`, in its window or usable; reverts when unknown or rejected.
    function acceptedRoot(History storage history, uint256 blockNumber) internal view returns (Root storage root) {
        root = history.roots[blockNumber];
        if (root.stateRoot == bytes32(0)) revert IRootOracle.RootUnknown(blockNumber);
        if (!_isAccepted(history, blockNumber, root.index)) revert IRootOracle.RootRejected(blockNumber);
    }

    /// @notice The state root of `blockNumber`, only once usable: what every proof verifies against.
    function usableStateRoot(History storage history, uint256 blockNumber) internal view returns (bytes32) {
        Root storage root = acceptedRoot(history, blockNumber);
        if (Time.timestamp() < root.usableAt) revert IRootOracle.RootInChallengeWindow(blockNumber, root.usableAt);
        return root.stateRoot;
    }

    /// @notice How many roots are accepted (in their window or usable).
    function length(History storage history) internal view returns (uint256) {
        return history.accepted.length;
    }

    /// @notice How many accepted roots are usable: they are the first ones (binary search on `usableAt`).
    function usableLength(History storage history) internal view returns (uint256) {
        uint64[] storage accepted = history.accepted;
        uint48 now_ = Time.timestamp();
        uint256 low = 0;
        uint256 high = accepted.length;
        while (low < high) {
            uint256 mid = (low + high) / 2; // at most 2^48 roots: no overflow
            if (history.roots[accepted[mid]].usableAt <= now_) low = mid + 1;
            else high = mid;
        }
        return low;
    }

    /// @notice The block number of accepted root number `index`, oldest first.
    function blockNumberAt(History storage history, uint256 index) internal view returns (uint256) {
        uint64[] storage accepted = history.accepted;
        if (index >= accepted.length) revert IRootOracle.RootIndexOutOfRange(index, accepted.length);
        return accepted[index];
    }

    function _isAccepted(History storage history, uint256 blockNumber, uint256 index) private view returns (bool) {
        uint64[] storage accepted = history.accepted;
        return index < accepted.length && accepted[index] == blockNumber;
    }
}
