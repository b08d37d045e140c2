// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IGovernor} from "@openzeppelin/contracts/governance/IGovernor.sol";

import {ReferenceLateQuorumGovernor} from "../../../contracts/mocks/ReferenceLateQuorumGovernor.sol";
import {GovernanceFixture} from "./GovernanceFixture.sol";

/**
 * @notice {GovernorLateQuorumWindow} must give exactly the deadlines of OpenZeppelin's
 * {GovernorPreventLateQuorum}: the same votes at the same times go to both governors (sharing one
 * token) and every deadline and final state is compared.
 */
contract GovernorLateQuorumWindowTest is GovernanceFixture {
    ReferenceLateQuorumGovernor private ozGovernor;
    uint256 private ourId;
    uint256 private ozId;

    function setUp() public override {
        super.setUp();
        ozGovernor = new ReferenceLateQuorumGovernor(
            token,
            VOTING_DELAY,
            VOTING_PERIOD,
            QUORUM_PERCENT,
            LATE_QUORUM_EXTENSION
        );
        (address[] memory targets, uint256[] memory values, bytes[] memory calldatas) = _proposal(
            address(token),
            abi.encodeCall(token.symbol, ())
        );
        vm.prank(alice);
        ourId = governor.propose(targets, values, calldatas, "late quorum");
        vm.prank(alice);
        ozId = ozGovernor.propose(targets, values, calldatas, "late quorum");
        assertEq(governor.proposalDeadline(ourId), ozGovernor.proposalDeadline(ozId), "same schedule");
        _warpToVoting(ourId);
    }

    function _voteBoth(address voter, uint8 support) private {
        vm.prank(voter);
        governor.castVote(ourId, support);
        vm.prank(voter);
        ozGovernor.castVote(ozId, support);
        assertEq(governor.proposalDeadline(ourId), ozGovernor.proposalDeadline(ozId), "deadline");
    }

    function test_quorumBeforeTheWindow_neverExtends() public {
        uint256 deadline = governor.proposalDeadline(ourId);
        _voteBoth(alice, 1);
        _voteBoth(bob, 1); // quorum met early
        vm.warp(deadline - 1 hours); // inside the final window
        _voteBoth(carol, 0);
        assertEq(governor.proposalDeadline(ourId), deadline, "not extended");
    }

    function test_quorumInsideTheWindow_extends() public {
        uint256 deadline = governor.proposalDeadline(ourId);
        _voteBoth(alice, 1);
        vm.warp(deadline - 20 hours);
        _voteBoth(dave, 0); // in the window, still no quorum (against does not count)
        vm.warp(deadline - 10 hours);
        _voteBoth(bob, 2); // abstain counts: quorum reached late
        assertEq(governor.proposalDeadline(ourId), block.timestamp + LATE_QUORUM_EXTENSION, "extended");
        vm.warp(deadline + 1);
        _voteBoth(carol, 0); // after the original deadline, still open
        assertEq(uint256(governor.state(ourId)), uint256(IGovernor.ProposalState.Active), "active");
    }

    function test_extensionIsSetOnce() public {
        uint256 deadline = governor.proposalDeadline(ourId);
        _voteBoth(alice, 1);
        vm.warp(deadline - 1);
        _voteBoth(bob, 1);
        uint256 extended = governor.proposalDeadline(ourId);
        vm.warp(extended - 1);
        _voteBoth(carol, 1);
        assertEq(governor.proposalDeadline(ourId), extended, "a second late vote does not extend again");
    }

    /// forge-config: default.fuzz.runs = 256
    function testFuzz_sameDeadlinesAsOpenZeppelin(
        uint256[4] memory gaps,
        uint8[4] memory choices,
        uint256 order
    ) public {
        address[4] memory voters = [alice, bob, carol, dave];
        // Rotate the voter order so any of them may be the one that reaches quorum.
        uint256 shift = order % 4;
        for (uint256 k = 0; k < 4; k++) {
            vm.warp(block.timestamp + bound(gaps[k], 0, VOTING_PERIOD / 2));
            if (governor.state(ourId) != IGovernor.ProposalState.Active) break;
            assertEq(uint256(ozGovernor.state(ozId)), uint256(IGovernor.ProposalState.Active), "both open");
            _voteBoth(voters[(k + shift) % 4], uint8(bound(choices[k], 0, 2)));
        }
        vm.warp(governor.proposalDeadline(ourId) + 1);
        assertEq(uint256(governor.state(ourId)), uint256(ozGovernor.state(ozId)), "same outcome");
    }
}
