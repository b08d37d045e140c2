// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IGovernor} from "@openzeppelin/contracts/governance/IGovernor.sol";
import {GovernorCountingFractional} from "@openzeppelin/contracts/governance/extensions/GovernorCountingFractional.sol";
import {GovernorPreventLateQuorum} from "@openzeppelin/contracts/governance/extensions/GovernorPreventLateQuorum.sol";
import {TimelockController} from "@openzeppelin/contracts/governance/TimelockController.sol";
import {IVotes} from "@openzeppelin/contracts/governance/utils/IVotes.sol";

import {SuperchainGovernor} from "../../../contracts/governance/SuperchainGovernor.sol";
import {BaselineToken} from "../../../contracts/mocks/BaselineToken.sol";
import {EIP712} from "../utils/EIP712.sol";
import {GovernanceFixture} from "./GovernanceFixture.sol";

/// @notice Something for proposals to call: records the last value it was given by the timelock.
contract Target {
    uint256 public value;

    function set(uint256 newValue) external {
        value = newValue;
    }
}

contract SuperchainGovernorTest is GovernanceFixture {
    bytes32 private constant BALLOT_TYPEHASH = keccak256("Ballot(uint256 proposalId,uint8 support,address voter,uint256 nonce)");
    bytes32 private constant EXTENDED_BALLOT_TYPEHASH =
        keccak256(
            "ExtendedBallot(uint256 proposalId,uint8 support,address voter,uint256 nonce,string reason,bytes params)"
        );

    Target private target;

    function setUp() public override {
        super.setUp();
        target = new Target();
    }

    // ---------------------------------------------------------------- configuration

    function test_configuration() public view {
        assertEq(governor.name(), "SuperchainGovernor", "name");
        assertEq(governor.CLOCK_MODE(), "mode=timestamp", "clock mode");
        assertEq(governor.clock(), block.timestamp, "clock");
        assertEq(governor.votingDelay(), VOTING_DELAY, "voting delay");
        assertEq(governor.votingPeriod(), VOTING_PERIOD, "voting period");
        assertEq(governor.proposalThreshold(), PROPOSAL_THRESHOLD, "threshold");
        assertEq(governor.quorumNumerator(), QUORUM_PERCENT, "quorum numerator");
        assertEq(governor.lateQuorumVoteExtension(), LATE_QUORUM_EXTENSION, "late quorum");
        assertEq(governor.proposalGuardian(), guardian, "guardian");
        assertEq(governor.timelock(), address(timelock), "timelock");
        assertEq(governor.hubChainId(), block.chainid, "hub chain id");
        assertEq(
            governor.COUNTING_MODE(),
            "support=bravo,fractional&quorum=for,abstain&params=fractional",
            "counting mode"
        );
    }

    function test_constructor_rejectsMissingContractsAndGuardian() public {
        SuperchainGovernor.InitialSettings memory settings = SuperchainGovernor.InitialSettings(1, 1 days, 0, 4, 0);
        vm.expectRevert(abi.encodeWithSelector(SuperchainGovernor.SuperchainGovernorInvalidToken.selector, address(0)));
        new SuperchainGovernor(IVotes(address(0)), timelock, guardian, settings);

        // A votes token on a block-number clock would make every snapshot mean something else.
        BaselineToken blockClockToken = new BaselineToken(address(this), 1);
        vm.expectRevert(
            abi.encodeWithSelector(SuperchainGovernor.SuperchainGovernorInvalidToken.selector, address(blockClockToken))
        );
        new SuperchainGovernor(blockClockToken, timelock, guardian, settings);

        vm.expectRevert(abi.encodeWithSelector(SuperchainGovernor.SuperchainGovernorInvalidTimelock.selector, outsider));
        new SuperchainGovernor(token, TimelockController(payable(outsider)), guardian, settings);

        vm.expectRevert(
            abi.encodeWithSelector(SuperchainGovernor.SuperchainGovernorInvalidProposalGuardian.selector, address(0))
        );
        new SuperchainGovernor(token, timelock, address(0), settings);
    }

    // ---------------------------------------------------------------- lifecycle

    function test_lifecycle_proposeVoteQueueExecute() public {
        bytes memory data = abi.encodeCall(Target.set, (42));
        uint256 proposalId = _propose(address(target), data, "Set the target to 42");
        assertEq(uint256(governor.state(proposalId)), uint256(IGovernor.ProposalState.Pending), "pending");
        assertEq(governor.proposalSnapshot(proposalId), block.timestamp + VOTING_DELAY, "snapshot is a timestamp");

        _warpToVoting(proposalId);
        assertEq(uint256(governor.state(proposalId)), uint256(IGovernor.ProposalState.Active), "active");

        vm.prank(alice);
        governor.castVoteWithReason(proposalId, 1, "ship it");
        vm.prank(bob);
        governor.castVote(proposalId, 0);
        // carol splits her weight: 5k against, 6k for, 4k abstain.
        vm.prank(carol);
        governor.castVoteWithReasonAndParams(proposalId, 255, "mixed", _fractional(5_000e18, 6_000e18, 4_000e18));

        (uint256 againstVotes, uint256 forVotes, uint256 abstainVotes) = governor.proposalVotes(proposalId);
        assertEq(againstVotes, 25_000e18, "against");
        assertEq(forVotes, 36_000e18, "for");
        assertEq(abstainVotes, 4_000e18, "abstain");

        _warpPastDeadline(proposalId);
        assertEq(uint256(governor.state(proposalId)), uint256(IGovernor.ProposalState.Succeeded), "succeeded");

        (address[] memory targets, uint256[] memory values, bytes[] memory calldatas) = _proposal(address(target), data);
        bytes32 descriptionHash = keccak256("Set the target to 42");
        governor.queue(targets, values, calldatas, descriptionHash);
        assertEq(uint256(governor.state(proposalId)), uint256(IGovernor.ProposalState.Queued), "queued");

        vm.expectRevert();
        governor.execute(targets, values, calldatas, descriptionHash); // timelock delay not over

        vm.warp(block.timestamp + TIMELOCK_DELAY);
        governor.execute(targets, values, calldatas, descriptionHash);
        assertEq(uint256(governor.state(proposalId)), uint256(IGovernor.ProposalState.Executed), "executed");
        assertEq(target.value(), 42, "effect applied");
    }

    function test_quorumNotReached_isDefeated() public {
        uint256 proposalId = _propose(address(target), abi.encodeCall(Target.set, (1)), "Too few voters");
        _warpToVoting(proposalId);
        _vote(alice, proposalId, 1); // 30k < 40k quorum
        _warpPastDeadline(proposalId);
        assertEq(uint256(governor.state(proposalId)), uint256(IGovernor.ProposalState.Defeated), "defeated");
    }

    function test_majorityAgainst_isDefeated() public {
        uint256 proposalId = _propose(address(target), abi.encodeCall(Target.set, (1)), "Contested");
        _warpToVoting(proposalId);
        _vote(alice, proposalId, 0);
        _vote(bob, proposalId, 1);
        _warpPastDeadline(proposalId);
        assertEq(uint256(governor.state(proposalId)), uint256(IGovernor.ProposalState.Defeated), "defeated");
    }

    function test_lateQuorum_extendsDeadline() public {
        uint256 proposalId = _propose(address(target), abi.encodeCall(Target.set, (1)), "Late quorum");
        uint256 originalDeadline = governor.proposalDeadline(proposalId);
        _warpToVoting(proposalId);
        _vote(alice, proposalId, 1);

        vm.warp(originalDeadline - 1 hours);
        vm.expectEmit(true, false, false, true);
        emit GovernorPreventLateQuorum.ProposalExtended(proposalId, uint64(block.timestamp + LATE_QUORUM_EXTENSION));
        _vote(bob, proposalId, 1); // reaches quorum one hour before the deadline

        uint256 extended = governor.proposalDeadline(proposalId);
        assertEq(extended, block.timestamp + LATE_QUORUM_EXTENSION, "extended deadline");
        vm.warp(originalDeadline + 1);
        assertEq(uint256(governor.state(proposalId)), uint256(IGovernor.ProposalState.Active), "still active");
        _vote(carol, proposalId, 0); // opponents get time to answer
        vm.warp(extended + 1);
        assertEq(uint256(governor.state(proposalId)), uint256(IGovernor.ProposalState.Succeeded), "succeeded");
    }

    // ---------------------------------------------------------------- guardian veto

    function test_guardian_cancelsActiveProposal() public {
        uint256 proposalId = _propose(address(target), abi.encodeCall(Target.set, (1)), "Vetoed while active");
        _warpToVoting(proposalId);
        _vote(alice, proposalId, 1);
        (address[] memory targets, uint256[] memory values, bytes[] memory calldatas) = _proposal(
            address(target),
            abi.encodeCall(Target.set, (1))
        );
        vm.prank(guardian);
        governor.cancel(targets, values, calldatas, keccak256("Vetoed while active"));
        assertEq(uint256(governor.state(proposalId)), uint256(IGovernor.ProposalState.Canceled), "canceled");
    }

    function test_guardian_cancelsQueuedProposal_andTimelockForgetsIt() public {
        bytes memory data = abi.encodeCall(Target.set, (7));
        uint256 proposalId = _propose(address(target), data, "Vetoed in the timelock");
        _warpToVoting(proposalId);
        _vote(alice, proposalId, 1);
        _vote(bob, proposalId, 1);
        _warpPastDeadline(proposalId);
        (address[] memory targets, uint256[] memory values, bytes[] memory calldatas) = _proposal(address(target), data);
        bytes32 descriptionHash = keccak256("Vetoed in the timelock");
        governor.queue(targets, values, calldatas, descriptionHash);

        vm.prank(guardian);
        governor.cancel(targets, values, calldatas, descriptionHash);
        assertEq(uint256(governor.state(proposalId)), uint256(IGovernor.ProposalState.Canceled), "canceled");

        vm.warp(block.timestamp + TIMELOCK_DELAY);
        vm.expectRevert(
            abi.encodeWithSelector(
                IGovernor.GovernorUnexpectedProposalState.selector,
                proposalId,
                IGovernor.ProposalState.Canceled,
                bytes32(1 << uint8(IGovernor.ProposalState.Queued)) // with a timelock only Queued may execute
            )
        );
        governor.execute(targets, values, calldatas, descriptionHash);
        assertEq(target.value(), 0, "never executed");
    }

    function test_cancel_byAnyoneElse_reverts() public {
        bytes memory data = abi.encodeCall(Target.set, (1));
        uint256 proposalId = _propose(address(target), data, "Not yours to cancel");
        (address[] memory targets, uint256[] memory values, bytes[] memory calldatas) = _proposal(address(target), data);
        address[3] memory others = [bob, outsider, address(timelock)];
        for (uint256 i = 0; i < others.length; i++) {
            vm.prank(others[i]);
            vm.expectRevert(abi.encodeWithSelector(IGovernor.GovernorUnableToCancel.selector, proposalId, others[i]));
            governor.cancel(targets, values, calldatas, keccak256("Not yours to cancel"));
        }
    }

    function test_guardian_cannotCancelExecuted() public {
        bytes memory data = abi.encodeCall(Target.set, (3));
        _governanceExecutes(address(target), data, "Already done");
        (address[] memory targets, uint256[] memory values, bytes[] memory calldatas) = _proposal(address(target), data);
        vm.prank(guardian);
        vm.expectRevert();
        governor.cancel(targets, values, calldatas, keccak256("Already done"));
    }

    // ---------------------------------------------------------------- votes by signature

    function _sign(uint256 key, bytes32 structHash) private view returns (bytes memory) {
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(key, EIP712.digest(governor, structHash));
        return abi.encodePacked(r, s, v);
    }

    function test_castVoteBySig_countsOnce_andReplayIsRefused() public {
        uint256 proposalId = _propose(address(target), abi.encodeCall(Target.set, (1)), "By signature");
        _warpToVoting(proposalId);
        bytes memory signature = _sign(
            BOB_KEY,
            keccak256(abi.encode(BALLOT_TYPEHASH, proposalId, uint8(1), bob, governor.nonces(bob)))
        );

        vm.prank(outsider); // anyone may submit it
        governor.castVoteBySig(proposalId, 1, bob, signature);
        (, uint256 forVotes, ) = governor.proposalVotes(proposalId);
        assertEq(forVotes, 20_000e18, "bob's weight counted");
        assertEq(governor.nonces(bob), 1, "nonce consumed");

        // Same signature again: the nonce moved, so it recovers to someone else.
        vm.expectRevert(abi.encodeWithSelector(IGovernor.GovernorInvalidSignature.selector, bob));
        governor.castVoteBySig(proposalId, 1, bob, signature);

        // Replayed on another proposal: same nonce problem, never a second vote.
        uint256 otherId = _propose(address(target), abi.encodeCall(Target.set, (2)), "Another");
        _warpToVoting(otherId);
        vm.expectRevert(abi.encodeWithSelector(IGovernor.GovernorInvalidSignature.selector, bob));
        governor.castVoteBySig(otherId, 1, bob, signature);
    }

    function test_castVoteBySig_wrongSigner_reverts() public {
        uint256 proposalId = _propose(address(target), abi.encodeCall(Target.set, (1)), "Forged");
        _warpToVoting(proposalId);
        bytes memory signature = _sign(
            CAROL_KEY,
            keccak256(abi.encode(BALLOT_TYPEHASH, proposalId, uint8(1), bob, governor.nonces(bob)))
        );
        vm.expectRevert(abi.encodeWithSelector(IGovernor.GovernorInvalidSignature.selector, bob));
        governor.castVoteBySig(proposalId, 1, bob, signature);
    }

    function test_castVoteWithReasonAndParamsBySig_fractional() public {
        uint256 proposalId = _propose(address(target), abi.encodeCall(Target.set, (1)), "Fractional by signature");
        _warpToVoting(proposalId);
        bytes memory params = _fractional(1_000e18, 3_000e18, 0);
        bytes memory signature = _sign(
            CAROL_KEY,
            keccak256(
                abi.encode(
                    EXTENDED_BALLOT_TYPEHASH,
                    proposalId,
                    uint8(255),
                    carol,
                    governor.nonces(carol),
                    keccak256(bytes("partial")),
                    keccak256(params)
                )
            )
        );
        governor.castVoteWithReasonAndParamsBySig(proposalId, 255, carol, "partial", params, signature);
        assertEq(governor.usedVotes(proposalId, carol), 4_000e18, "used");

        vm.expectRevert(abi.encodeWithSelector(IGovernor.GovernorInvalidSignature.selector, carol));
        governor.castVoteWithReasonAndParamsBySig(proposalId, 255, carol, "partial", params, signature);

        // The remaining 11k can still be cast directly.
        vm.prank(carol);
        governor.castVote(proposalId, 2);
        (uint256 againstVotes, uint256 forVotes, uint256 abstainVotes) = governor.proposalVotes(proposalId);
        assertEq(againstVotes, 1_000e18, "against");
        assertEq(forVotes, 3_000e18, "for");
        assertEq(abstainVotes, 11_000e18, "abstain");
    }

    // ---------------------------------------------------------------- bad input

    function test_propose_empty_reverts() public {
        address[] memory targets = new address[](0);
        uint256[] memory values = new uint256[](0);
        bytes[] memory calldatas = new bytes[](0);
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(IGovernor.GovernorInvalidProposalLength.selector, 0, 0, 0));
        governor.propose(targets, values, calldatas, "empty");
    }

    function test_propose_mismatchedLengths_reverts() public {
        address[] memory targets = new address[](2);
        uint256[] memory values = new uint256[](1);
        bytes[] memory calldatas = new bytes[](2);
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(IGovernor.GovernorInvalidProposalLength.selector, 2, 2, 1));
        governor.propose(targets, values, calldatas, "mismatched");
    }

    function test_propose_duplicate_reverts() public {
        uint256 proposalId = _propose(address(target), abi.encodeCall(Target.set, (1)), "twice");
        (address[] memory targets, uint256[] memory values, bytes[] memory calldatas) = _proposal(
            address(target),
            abi.encodeCall(Target.set, (1))
        );
        vm.prank(bob);
        vm.expectRevert(
            abi.encodeWithSelector(
                IGovernor.GovernorUnexpectedProposalState.selector,
                proposalId,
                IGovernor.ProposalState.Pending,
                bytes32(0)
            )
        );
        governor.propose(targets, values, calldatas, "twice");
    }

    function test_propose_belowThreshold_reverts() public {
        (address[] memory targets, uint256[] memory values, bytes[] memory calldatas) = _proposal(
            address(target),
            abi.encodeCall(Target.set, (1))
        );
        vm.prank(dave);
        vm.expectRevert(
            abi.encodeWithSelector(
                IGovernor.GovernorInsufficientProposerVotes.selector,
                dave,
                5_000e18,
                PROPOSAL_THRESHOLD
            )
        );
        governor.propose(targets, values, calldatas, "small holder");
    }

    function test_vote_beforeStart_twice_badType_badParams_revert() public {
        uint256 proposalId = _propose(address(target), abi.encodeCall(Target.set, (1)), "bad votes");
        vm.prank(alice);
        vm.expectRevert(
            abi.encodeWithSelector(
                IGovernor.GovernorUnexpectedProposalState.selector,
                proposalId,
                IGovernor.ProposalState.Pending,
                bytes32(1 << uint8(IGovernor.ProposalState.Active))
            )
        );
        governor.castVote(proposalId, 1);

        _warpToVoting(proposalId);
        vm.prank(alice);
        vm.expectRevert(IGovernor.GovernorInvalidVoteType.selector);
        governor.castVote(proposalId, 3);

        vm.prank(alice);
        vm.expectRevert(IGovernor.GovernorInvalidVoteParams.selector);
        governor.castVoteWithReasonAndParams(proposalId, 255, "", hex"01");

        vm.prank(alice);
        vm.expectRevert(
            abi.encodeWithSelector(
                GovernorCountingFractional.GovernorExceedRemainingWeight.selector,
                alice,
                30_001e18,
                30_000e18
            )
        );
        governor.castVoteWithReasonAndParams(proposalId, 255, "", _fractional(0, 30_001e18, 0));

        _vote(alice, proposalId, 1);
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(IGovernor.GovernorAlreadyCastVote.selector, alice));
        governor.castVote(proposalId, 1);
    }

    function test_vote_withoutWeight_reverts() public {
        uint256 proposalId = _propose(address(target), abi.encodeCall(Target.set, (1)), "no weight");
        _warpToVoting(proposalId);
        vm.prank(outsider);
        vm.expectRevert(abi.encodeWithSelector(IGovernor.GovernorAlreadyCastVote.selector, outsider));
        governor.castVote(proposalId, 1);
    }

    function test_unknownProposal_reverts() public {
        vm.expectRevert(abi.encodeWithSelector(IGovernor.GovernorNonexistentProposal.selector, 123));
        governor.state(123);
    }
}
