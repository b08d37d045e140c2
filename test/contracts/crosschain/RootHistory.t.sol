// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IRootOracle as R} from "../../../contracts/crosschain/IRootOracle.sol";
import {RootHistory} from "../../../contracts/crosschain/RootHistory.sol";
import {Test} from "../utils/Test.sol";

/// @dev Exposes the library on one history.
contract RootHistoryHarness {
    using RootHistory for RootHistory.History;

    RootHistory.History private _history;

    function append(uint256 blockNumber, uint32 window) external returns (uint256) {
        bytes32 root = keccak256(abi.encode(blockNumber));
        return _history.append(blockNumber, uint48(block.timestamp), root, root, 0, R.RootRules(window, 10_000));
    }

    function rejectFrom(uint256 blockNumber) external returns (uint256, uint256) {
        return _history.rejectFrom(blockNumber, keccak256(abi.encode(blockNumber)));
    }

    function state(uint256 blockNumber) external view returns (R.RootState) {
        return _history.state(blockNumber);
    }

    function usableLength() external view returns (uint256) {
        return _history.usableLength();
    }

    function length() external view returns (uint256) {
        return _history.length();
    }

    function blockNumberAt(uint256 index) external view returns (uint256) {
        return _history.blockNumberAt(index);
    }
}

contract RootHistoryTest is Test {
    RootHistoryHarness private history;

    function setUp() public {
        vm.warp(1_800_000_000);
        history = new RootHistoryHarness();
    }

    /// @notice Whatever the windows and rejections, the usable roots are exactly the first `usableLength`.
    function testFuzz_usableRootsAreAPrefix(uint256 seed) public {
        uint256 next = 1;
        for (uint256 i = 0; i < 12; i++) {
            uint256 r = uint256(keccak256(abi.encode(seed, i)));
            if (r % 5 == 0 && history.length() > 0) {
                uint256 target = history.blockNumberAt((r >> 8) % history.length());
                if (history.state(target) == R.RootState.InChallengeWindow) {
                    (uint256 index, uint256 count) = history.rejectFrom(target);
                    assertEq(history.length(), index, "cut at the rejected root");
                    assertGt(count, 0, "rejected at least one");
                    assertEq(uint8(history.state(target)), uint8(R.RootState.Rejected), "rejected");
                }
            } else {
                history.append(next, uint32(1 + ((r >> 16) % 100)));
                next += 1 + ((r >> 32) % 7);
            }
            vm.warp(block.timestamp + ((r >> 48) % 40));
            uint256 usable = history.usableLength();
            for (uint256 k = 0; k < history.length(); k++) {
                R.RootState expected = k < usable ? R.RootState.Usable : R.RootState.InChallengeWindow;
                assertEq(uint8(history.state(history.blockNumberAt(k))), uint8(expected), "prefix");
            }
        }
    }

    function test_rejectedRoot_repostedAtAnotherIndex_isAcceptedAgain() public {
        history.append(10, 100);
        history.append(20, 100);
        history.rejectFrom(10);
        history.append(5, 100);
        assertEq(uint8(history.state(10)), uint8(R.RootState.Rejected), "still rejected");
        history.append(10, 100);
        assertEq(uint8(history.state(10)), uint8(R.RootState.InChallengeWindow), "reposted at index 1");
        assertEq(uint8(history.state(20)), uint8(R.RootState.Rejected), "20 stays rejected");
        assertEq(uint8(history.state(7)), uint8(R.RootState.Unknown), "never posted");
    }
}
