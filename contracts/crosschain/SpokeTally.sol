// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/// @notice A member chain's votes on one proposal, in the hub governor's order (against, for, abstain).
struct Tally {
    uint128 againstVotes;
    uint128 forVotes;
    uint128 abstainVotes;
}

/**
 * @title SpokeTally
 * @notice The arithmetic of a member chain's tally, kept pure so it can be fuzzed on its own: a
 * spoke tally only grows, and the hub counts only what it grew by since the last relay, so the
 * sum of everything relayed equals the last tally relayed.
 */
library SpokeTally {
    /// @notice Support values, as in OpenZeppelin's `GovernorCountingSimple`.
    uint8 internal constant AGAINST = 0;
    uint8 internal constant FOR = 1;
    uint8 internal constant ABSTAIN = 2;

    /**
     * @notice What `current` adds to `previous`. `grew` is false (and `delta` zero) when any
     * component of `current` is below `previous`'s: such a tally is stale and must not be counted.
     */
    function delta(Tally memory previous, Tally memory current) internal pure returns (bool grew, Tally memory increase) {
        if (
            current.againstVotes < previous.againstVotes ||
            current.forVotes < previous.forVotes ||
            current.abstainVotes < previous.abstainVotes
        ) return (false, increase);
        unchecked {
            increase.againstVotes = current.againstVotes - previous.againstVotes;
            increase.forVotes = current.forVotes - previous.forVotes;
            increase.abstainVotes = current.abstainVotes - previous.abstainVotes;
        }
        return (true, increase);
    }

    /// @notice `tally` with `weight` added to the `support` component (0 against, 1 for, 2 abstain).
    /// Reverts on overflow; the caller checks that `support` is one of the three.
    function add(Tally memory tally, uint8 support, uint128 weight) internal pure returns (Tally memory) {
        if (support == AGAINST) tally.againstVotes += weight;
        else if (support == FOR) tally.forVotes += weight;
        else tally.abstainVotes += weight;
        return tally;
    }

    /// @notice Whether the tally holds no votes at all.
    function isZero(Tally memory tally) internal pure returns (bool) {
        return tally.againstVotes == 0 && tally.forVotes == 0 && tally.abstainVotes == 0;
    }

    /// @notice The sum of the three components.
    function total(Tally memory tally) internal pure returns (uint256) {
        return uint256(tally.againstVotes) + tally.forVotes + tally.abstainVotes;
    }

    /// @notice The tally's commitment, the value a SpokeVoteAggregator stores for the hub to prove.
    function commitment(Tally memory tally) internal pure returns (bytes32) {
        return keccak256(abi.encode(tally.againstVotes, tally.forVotes, tally.abstainVotes));
    }

    /// @notice `GovernorCountingFractional` params casting exactly this tally:
    /// `abi.encodePacked(uint128 against, uint128 for, uint128 abstain)`.
    function fractionalParams(Tally memory tally) internal pure returns (bytes memory) {
        return abi.encodePacked(tally.againstVotes, tally.forVotes, tally.abstainVotes);
    }
}
