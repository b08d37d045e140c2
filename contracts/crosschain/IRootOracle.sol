// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/**
 * @title IRootOracle
 * @notice What the two root oracles share — OutputOracle (on the hub: member chains' outputs) and
 * HubStateOracle (on each member chain: the hub's state roots). A posted root is not usable at
 * once: it waits out a challenge window, during which the Security Council can reject it, and
 * rejecting a root rejects every root posted after it (like Optimism's
 * `L2OutputOracle.deleteL2Outputs`). Posting then resumes from the last root not rejected.
 *
 * A post is refused unless it is plausible: its block number lies above the last accepted root's
 * (or, when none is left, at or above the history's anchor) and at most `maxBlockStep` past it,
 * and its block timestamp is not ahead of the receiving chain's own clock.
 */
interface IRootOracle {
    /// @notice Where a posted root stands.
    enum RootState {
        /// @dev Never posted (or rejected and the block number reposted since: see that root).
        Unknown,
        /// @dev Posted, not usable yet; the council can still reject it.
        InChallengeWindow,
        /// @dev Past its challenge window and never rejected: proofs may use it.
        Usable,
        /// @dev Rejected by the council: no proof will ever use it.
        Rejected
    }

    /// @notice The governed rules of a root history.
    struct RootRules {
        /// @dev Seconds between a root's post and its first use.
        uint32 challengeWindow;
        /// @dev How far (in blocks of the committed chain) a root may lie past the last accepted one.
        uint64 maxBlockStep;
    }

    /**
     * @notice Who acts for a member chain and under which rules its HubStateOracle runs: the hub
     * publishes it per chain ({IRootSettings-publishMemberRoles}) and the member chain learns it by
     * a storage proof ({IHubStateOracle-syncRoles}).
     */
    struct MemberRoles {
        /// @dev The chain's operator in the hub's MemberChainRegistry: the only hub-state poster.
        address operator;
        /// @dev The Security Council Safe (the same address on every chain): the only rejecter.
        address council;
        /// @dev The rules hub states follow on the member chain.
        RootRules rules;
    }

    /// @notice The root of `blockNumber` is still in its challenge window, usable from `usableAt`.
    error RootInChallengeWindow(uint256 blockNumber, uint48 usableAt);
    /// @notice The root of `blockNumber` was rejected by the council.
    error RootRejected(uint256 blockNumber);
    /// @notice No root was posted for exactly `blockNumber`.
    error RootUnknown(uint256 blockNumber);
    /// @notice There is no accepted root number `index` (`count` are accepted).
    error RootIndexOutOfRange(uint256 index, uint256 count);
    /// @notice The block hash and the state root must both be non-zero.
    error RootZero(bytes32 blockHash, bytes32 stateRoot);
    /// @notice The block number does not fit in 64 bits.
    error RootBlockNumberTooLarge(uint256 blockNumber);
    /// @notice Block numbers must increase past the last accepted root (`latest`), or reach the anchor.
    error RootBlockNotIncreasing(uint256 blockNumber, uint256 latest);
    /// @notice The block number lies more than `maxBlockStep` past `latest` (the last accepted root or the anchor).
    error RootStepTooLarge(uint256 blockNumber, uint256 latest, uint64 maxBlockStep);
    /// @notice The committed block's timestamp is ahead of this chain's clock.
    error RootTimestampInFuture(uint48 blockTimestamp, uint48 now_);
    /// @notice Only a root in its challenge window can be rejected; this one is `state`.
    error RootNotChallengeable(uint256 blockNumber, RootState state);
    /// @notice The root to reject is not `expected`: the rejection names a root that is not the one posted.
    error RootMismatch(uint256 blockNumber, bytes32 expected, bytes32 posted);
    /// @notice The anchor moves only while no root is accepted.
    error RootAnchorFixed(uint256 acceptedRoots);
    /// @notice Rules outside the bounds ({RootHistory-MIN_CHALLENGE_WINDOW} … {RootHistory-MAX_MAX_BLOCK_STEP}).
    error RootRulesOutOfBounds(uint32 challengeWindow, uint64 maxBlockStep);
    /// @notice The caller is not the Security Council (`council`).
    error RootOracleNotCouncil(address caller, address council);
}
