// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IAccessControl} from "@openzeppelin/contracts/access/IAccessControl.sol";
import {IGovernor} from "@openzeppelin/contracts/governance/IGovernor.sol";
import {TimelockController} from "@openzeppelin/contracts/governance/TimelockController.sol";

import {GovernanceFixture} from "./GovernanceFixture.sol";

/**
 * @notice The access matrix of the hub governance stack: every restricted function, called by
 * every role that must not call it, reverts with the custom error naming the caller; and every
 * governable setting does change when the timelock calls it.
 */
contract AccessControlTest is GovernanceFixture {
    function _governorCalls() private view returns (bytes[] memory calls) {
        calls = new bytes[](9);
        calls[0] = abi.encodeCall(governor.setVotingDelay, (2 hours));
        calls[1] = abi.encodeCall(governor.setVotingPeriod, (4 days));
        calls[2] = abi.encodeCall(governor.setProposalThreshold, (1e18));
        calls[3] = abi.encodeCall(governor.updateQuorumNumerator, (10));
        calls[4] = abi.encodeCall(governor.setLateQuorumVoteExtension, (2 days));
        calls[5] = abi.encodeCall(governor.setProposalGuardian, (outsider));
        calls[6] = abi.encodeCall(governor.updateTimelock, (TimelockController(payable(outsider))));
        calls[7] = abi.encodeCall(governor.setVoteSource, (901, outsider));
        calls[8] = abi.encodeCall(governor.relay, (outsider, 0, ""));
    }

    function _roles() private view returns (address[] memory callers) {
        callers = new address[](6);
        callers[0] = address(this); // the deployer
        callers[1] = alice; // a delegate above the proposal threshold
        callers[2] = guardian; // the council
        callers[3] = outsider;
        callers[4] = address(governor);
        callers[5] = address(token);
    }

    function test_governor_everyRestrictedFunction_rejectsEveryOtherRole() public {
        bytes[] memory calls = _governorCalls();
        address[] memory callers = _roles();
        for (uint256 f = 0; f < calls.length; f++) {
            for (uint256 r = 0; r < callers.length; r++) {
                vm.prank(callers[r]);
                (bool ok, bytes memory revertData) = address(governor).call(calls[f]);
                assertFalse(ok, "restricted call succeeded");
                assertEq(
                    keccak256(revertData),
                    keccak256(abi.encodeWithSelector(IGovernor.GovernorOnlyExecutor.selector, callers[r])),
                    "GovernorOnlyExecutor(caller)"
                );
            }
        }
    }

    function test_timelock_everyRestrictedFunction_rejectsEveryOtherRole() public {
        address[] memory callers = _roles();
        bytes32 proposer = timelock.PROPOSER_ROLE();
        bytes32 canceller = timelock.CANCELLER_ROLE();
        bytes32 admin = timelock.DEFAULT_ADMIN_ROLE();
        for (uint256 r = 0; r < callers.length; r++) {
            address caller = callers[r];
            if (caller == address(governor)) continue; // the governor is the proposer and canceller
            _expectUnauthorized(caller, abi.encodeCall(timelock.schedule, (outsider, 0, "", 0, 0, 2 days)), proposer);
            _expectUnauthorized(caller, abi.encodeCall(timelock.cancel, (bytes32(0))), canceller);
            _expectUnauthorized(caller, abi.encodeCall(timelock.grantRole, (proposer, caller)), admin);
            _expectUnauthorized(caller, abi.encodeCall(timelock.revokeRole, (proposer, address(governor))), admin);
            vm.prank(caller);
            vm.expectRevert(abi.encodeWithSelector(TimelockController.TimelockUnauthorizedCaller.selector, caller));
            timelock.updateDelay(0);
        }
        // Even the governor cannot bypass the delay or administer roles itself.
        vm.prank(address(governor));
        vm.expectRevert(abi.encodeWithSelector(TimelockController.TimelockUnauthorizedCaller.selector, address(governor)));
        timelock.updateDelay(0);
        _expectUnauthorized(address(governor), abi.encodeCall(timelock.grantRole, (proposer, outsider)), admin);
    }

    function _expectUnauthorized(address caller, bytes memory data, bytes32 role) private {
        vm.prank(caller);
        (bool ok, bytes memory revertData) = address(timelock).call(data);
        assertFalse(ok, "restricted timelock call succeeded");
        assertEq(
            keccak256(revertData),
            keccak256(abi.encodeWithSelector(IAccessControl.AccessControlUnauthorizedAccount.selector, caller, role)),
            "AccessControlUnauthorizedAccount(caller, role)"
        );
    }

    function test_everyGovernableSetting_changesThroughAProposal() public {
        bytes[] memory calls = _governorCalls();
        // One proposal carrying every setting change except updateTimelock and relay (which would
        // hand the governor to a non-contract and move nothing, respectively).
        uint256 count = 7;
        address[] memory targets = new address[](count);
        uint256[] memory values = new uint256[](count);
        bytes[] memory calldatas = new bytes[](count);
        uint256 j = 0;
        for (uint256 f = 0; f < calls.length; f++) {
            if (f == 6 || f == 8) continue;
            if (f == 1) continue; // the period shrinks the late-quorum bound; set it in its own step below
            targets[j] = address(governor);
            calldatas[j] = calls[f];
            j++;
        }
        targets[j] = address(governor);
        calldatas[j] = calls[1];

        vm.prank(alice);
        uint256 proposalId = governor.propose(targets, values, calldatas, "every setting");
        _warpToVoting(proposalId);
        _vote(alice, proposalId, 1);
        _vote(bob, proposalId, 1);
        _warpPastDeadline(proposalId);
        governor.queue(targets, values, calldatas, keccak256("every setting"));
        vm.warp(block.timestamp + TIMELOCK_DELAY);
        governor.execute(targets, values, calldatas, keccak256("every setting"));

        assertEq(governor.votingDelay(), 2 hours, "voting delay");
        assertEq(governor.votingPeriod(), 4 days, "voting period");
        assertEq(governor.proposalThreshold(), 1e18, "threshold");
        assertEq(governor.quorumNumerator(), 10, "quorum");
        assertEq(governor.lateQuorumVoteExtension(), 2 days, "late quorum");
        assertEq(governor.proposalGuardian(), outsider, "guardian");
        assertEq(governor.voteSource(901), outsider, "vote source");
    }

    function test_guardian_cannotBeRemoved() public {
        _governanceReverts(
            address(governor),
            abi.encodeCall(governor.setProposalGuardian, (address(0))),
            "remove the council's veto",
            abi.encodeWithSignature("SuperchainGovernorInvalidProposalGuardian(address)", address(0))
        );
    }

    function test_invalidVotingPeriod_reverts() public {
        _governanceReverts(
            address(governor),
            abi.encodeCall(governor.setVotingPeriod, (0)),
            "zero period",
            abi.encodeWithSignature("GovernorInvalidVotingPeriod(uint256)", 0)
        );
    }

    function test_invalidQuorum_reverts() public {
        _governanceReverts(
            address(governor),
            abi.encodeCall(governor.updateQuorumNumerator, (101)),
            "quorum above 100%",
            abi.encodeWithSignature("GovernorInvalidQuorumFraction(uint256,uint256)", 101, 100)
        );
    }

    function test_invalidLateQuorumExtension_reverts() public {
        _governanceReverts(
            address(governor),
            abi.encodeCall(governor.setLateQuorumVoteExtension, (VOTING_PERIOD + 1)),
            "extension longer than the period",
            abi.encodeWithSignature(
                "GovernorPreventLateQuorumVoteExtensionTooLarge(uint256,uint256)",
                VOTING_PERIOD + 1,
                VOTING_PERIOD
            )
        );
    }

    function test_directCallFromTheTimelock_outsideExecution_reverts() public {
        vm.prank(address(timelock));
        vm.expectRevert(); // Panic: no governance call is queued for this calldata
        governor.setVotingDelay(0);
        assertEq(governor.votingDelay(), VOTING_DELAY, "unchanged");
    }
}
