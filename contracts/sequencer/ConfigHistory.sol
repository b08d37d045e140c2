// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {ISequencerConfigRegistry} from "./ISequencerConfigRegistry.sol";

/**
 * @title ConfigHistory
 * @notice An append-only list of parameter sets ordered by activation time, with a binary-search
 * lookup of the one in force at a given time. Like OpenZeppelin's Checkpoints, for a struct value.
 * Callers push with non-decreasing `activatesAt`; of equal activations the later push wins.
 */
library ConfigHistory {
    struct Point {
        uint48 activatesAt;
        uint64 version;
        /// @dev Which fields this point sets itself (all of them for the global default).
        uint8 mask;
        ISequencerConfigRegistry.Parameters parameters;
    }

    /// @notice The last point with `activatesAt <= timestamp`; `found == false` if there is none.
    function lookup(Point[] storage history, uint256 timestamp) internal view returns (bool found, Point memory point) {
        uint256 low = 0;
        uint256 high = history.length;
        while (low < high) {
            uint256 mid = (low + high) / 2;
            if (history[mid].activatesAt > timestamp) high = mid;
            else low = mid + 1;
        }
        if (high == 0) return (false, point);
        return (true, history[high - 1]);
    }

    /// @notice The most recently pushed point, whether active yet or not.
    function latest(Point[] storage history) internal view returns (bool found, Point memory point) {
        uint256 length = history.length;
        if (length == 0) return (false, point);
        return (true, history[length - 1]);
    }
}
