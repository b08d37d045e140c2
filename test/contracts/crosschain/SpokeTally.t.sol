// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {SpokeTally, Tally} from "../../../contracts/crosschain/SpokeTally.sol";
import {Test} from "../utils/Test.sol";

/// @notice The relay's arithmetic on its own: tallies only grow, and what is relayed sums to the last tally.
contract SpokeTallyTest is Test {
    using SpokeTally for Tally;

    uint256 private constant MAX_WEIGHT = 1e30;

    /**
     * A spoke tally grows vote by vote; relays happen at arbitrary points in between. Every relay
     * of a newer tally is accepted, and the increases counted add up to the last tally exactly.
     */
    /// forge-config: default.fuzz.runs = 512
    function testFuzz_relayedIncreasesSumToTheLastTally(uint256 seed, uint256 steps) public pure {
        steps = bound(steps, 1, 24);
        Tally memory current;
        Tally memory relayed;
        Tally memory counted;
        for (uint256 i = 0; i < steps; i++) {
            seed = uint256(keccak256(abi.encode(seed, i)));
            current = current.add(uint8(seed % 3), uint128(bound(seed >> 8, 1, MAX_WEIGHT)));
            if ((seed >> 255) == 1) (relayed, counted) = _relay(relayed, current, counted);
        }
        (relayed, counted) = _relay(relayed, current, counted);
        _assertEq(counted, current, "sum of increases");
        _assertEq(relayed, current, "last relayed");
        (bool grew, Tally memory again) = SpokeTally.delta(relayed, current);
        assertTrue(grew && again.isZero(), "relaying the same tally again counts nothing");
    }

    /// Any tally below the relayed one in some component is stale: nothing is counted from it.
    function testFuzz_aLowerComponentIsStale(uint128[3] memory previous, uint128[3] memory current) public pure {
        Tally memory p = Tally(previous[0], previous[1], previous[2]);
        Tally memory c = Tally(current[0], current[1], current[2]);
        (bool grew, Tally memory increase) = SpokeTally.delta(p, c);
        bool lower = current[0] < previous[0] || current[1] < previous[1] || current[2] < previous[2];
        assertEq(grew ? 1 : 0, lower ? 0 : 1, "grew unless some component is lower");
        if (!grew) {
            assertTrue(increase.isZero(), "a stale tally counts nothing");
        } else {
            assertEq(uint256(p.againstVotes) + increase.againstVotes, c.againstVotes, "against");
            assertEq(uint256(p.forVotes) + increase.forVotes, c.forVotes, "for");
            assertEq(uint256(p.abstainVotes) + increase.abstainVotes, c.abstainVotes, "abstain");
            assertEq(p.total() + increase.total(), c.total(), "total");
        }
    }

    function testFuzz_addCountsWeightUnderItsSupport(uint8 support, uint128 weight) public pure {
        support = uint8(bound(support, 0, 2));
        Tally memory tally = Tally(1, 2, 3);
        tally.add(support, weight / 2);
        assertEq(tally.total(), 6 + uint256(weight / 2), "total grows by the weight");
        uint256 counted = support == 0 ? tally.againstVotes - 1 : support == 1 ? tally.forVotes - 2 : tally.abstainVotes - 3;
        assertEq(counted, weight / 2, "weight under its support");
    }

    function testFuzz_commitmentAndFractionalParams(uint128 againstVotes, uint128 forVotes, uint128 abstainVotes) public pure {
        Tally memory tally = Tally(againstVotes, forVotes, abstainVotes);
        assertEq(
            tally.commitment(),
            keccak256(abi.encode(uint256(againstVotes), uint256(forVotes), uint256(abstainVotes))),
            "commitment over three words"
        );
        bytes memory params = tally.fractionalParams();
        assertEq(params.length, 48, "three uint128");
        assertEq(keccak256(params), keccak256(abi.encodePacked(againstVotes, forVotes, abstainVotes)), "packed order");
    }

    function _relay(
        Tally memory relayed,
        Tally memory current,
        Tally memory counted
    ) private pure returns (Tally memory, Tally memory) {
        (bool grew, Tally memory increase) = SpokeTally.delta(relayed, current);
        assertTrue(grew, "a newer tally is never stale");
        counted = Tally(
            counted.againstVotes + increase.againstVotes,
            counted.forVotes + increase.forVotes,
            counted.abstainVotes + increase.abstainVotes
        );
        return (Tally(current.againstVotes, current.forVotes, current.abstainVotes), counted);
    }

    function _assertEq(Tally memory actual, Tally memory expected, string memory message) private pure {
        assertEq(actual.againstVotes, expected.againstVotes, string.concat(message, " (against)"));
        assertEq(actual.forVotes, expected.forVotes, string.concat(message, " (for)"));
        assertEq(actual.abstainVotes, expected.abstainVotes, string.concat(message, " (abstain)"));
    }
}
