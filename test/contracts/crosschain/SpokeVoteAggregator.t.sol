// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IERC5267} from "@openzeppelin/contracts/interfaces/IERC5267.sol";

import {ISpokeVoteAggregator} from "../../../contracts/crosschain/ISpokeVoteAggregator.sol";
import {SpokeTally, Tally} from "../../../contracts/crosschain/SpokeTally.sol";
import {EIP712} from "../utils/EIP712.sol";
import {SpokeFixture} from "./SpokeFixture.sol";

contract SpokeVoteAggregatorTest is SpokeFixture {
    using SpokeTally for Tally;

    uint256 private proposalId;

    function setUp() public override {
        super.setUp();
        _bridge(alice, 3_000e18, carol);
        _bridge(bob, 1_000e18, dave);
        proposalId = _proposeAndLearn("spoke voting");
    }

    function test_constructor_wiring() public view {
        assertEq(address(aggregator.token()), address(spokeToken), "token");
        assertEq(aggregator.hubGovernor(), address(governor), "governor");
        assertEq(address(aggregator.hubStateOracle()), address(hubStates), "hub states");
        assertEq(address(aggregator.verifier()), address(verifier), "verifier");
        assertEq(aggregator.closingMargin(), CLOSING_MARGIN, "margin");
    }

    function test_learnProposal_takesTheHubTimes() public view {
        (uint48 snapshot, uint48 deadline, uint48 closesAt) = aggregator.proposal(proposalId);
        assertEq(snapshot, governor.proposalSnapshot(proposalId), "snapshot");
        assertEq(deadline, governor.proposalDeadline(proposalId), "deadline");
        assertEq(closesAt, deadline - CLOSING_MARGIN, "closes a margin before the deadline");
        assertEq(uint256(aggregator.state(proposalId)), uint256(ISpokeVoteAggregator.ProposalState.Pending), "pending");
    }

    function test_learnProposal_twice_reverts() public {
        uint256 hubBlock = _commitHub(address(governor), aggregator.proposalSlot(proposalId));
        vm.expectRevert(
            abi.encodeWithSelector(ISpokeVoteAggregator.SpokeVoteAggregatorProposalAlreadyKnown.selector, proposalId)
        );
        aggregator.learnProposal(proposalId, hubBlock, new bytes[](0), new bytes[](0));
    }

    function test_learnProposal_canceled_reverts() public {
        uint256 other = _propose(address(token), abi.encodeCall(token.name, ()), "canceled");
        (address[] memory targets, uint256[] memory values, bytes[] memory calldatas) = _proposal(
            address(token),
            abi.encodeCall(token.name, ())
        );
        vm.prank(guardian);
        governor.cancel(targets, values, calldatas, keccak256(bytes("canceled")));
        uint256 hubBlock = _commitHub(address(governor), aggregator.proposalSlot(other));
        vm.expectRevert(abi.encodeWithSelector(ISpokeVoteAggregator.SpokeVoteAggregatorProposalCanceled.selector, other));
        aggregator.learnProposal(other, hubBlock, new bytes[](0), new bytes[](0));
    }

    function test_learnProposal_event() public {
        uint256 other = _propose(address(token), abi.encodeCall(token.name, ()), "event");
        uint256 hubBlock = _commitHub(address(governor), aggregator.proposalSlot(other));
        uint48 deadline = uint48(governor.proposalDeadline(other));
        vm.expectEmit(address(aggregator));
        emit ISpokeVoteAggregator.ProposalLearned(
            other,
            alice,
            uint48(governor.proposalSnapshot(other)),
            deadline,
            deadline - CLOSING_MARGIN,
            hubBlock
        );
        aggregator.learnProposal(other, hubBlock, new bytes[](0), new bytes[](0));
    }

    function test_castVote_unknownProposal_reverts() public {
        vm.expectRevert(abi.encodeWithSelector(ISpokeVoteAggregator.SpokeVoteAggregatorUnknownProposal.selector, 7));
        vm.prank(carol);
        aggregator.castVote(7, 1);
    }

    function test_castVote_window() public {
        (uint48 snapshot, , uint48 closesAt) = aggregator.proposal(proposalId);
        vm.warp(snapshot);
        vm.expectRevert(
            abi.encodeWithSelector(ISpokeVoteAggregator.SpokeVoteAggregatorVotingNotStarted.selector, proposalId, snapshot)
        );
        _spokeVote(carol, proposalId, 1);

        vm.warp(closesAt);
        assertEq(uint256(aggregator.state(proposalId)), uint256(ISpokeVoteAggregator.ProposalState.Active), "open at the closing time");
        _spokeVote(carol, proposalId, 1);

        vm.warp(closesAt + 1);
        assertEq(uint256(aggregator.state(proposalId)), uint256(ISpokeVoteAggregator.ProposalState.Closed), "closed after");
        vm.expectRevert(
            abi.encodeWithSelector(ISpokeVoteAggregator.SpokeVoteAggregatorVotingClosed.selector, proposalId, closesAt)
        );
        _spokeVote(dave, proposalId, 1);
        // The hub is still open for the margin: time to commit and relay.
        assertEq(uint256(governor.state(proposalId)), 1, "hub still active");
    }

    function test_castVote_weighsVotesAtTheSnapshot() public {
        _warpToVoting(proposalId);
        // Moving tokens after the snapshot changes nothing for this proposal.
        vm.prank(carol);
        spokeToken.transfer(dave, 2_000e18);
        vm.expectEmit(address(aggregator));
        emit ISpokeVoteAggregator.VoteCast(carol, proposalId, 1, 3_000e18, "");
        assertEq(_spokeVote(carol, proposalId, 1), 3_000e18, "carol's snapshot weight");
        assertEq(_spokeVote(dave, proposalId, 0), 1_000e18, "dave's snapshot weight");
        (uint256 a, uint256 f, uint256 ab) = aggregator.proposalVotes(proposalId);
        assertEq(a, 1_000e18, "against");
        assertEq(f, 3_000e18, "for");
        assertEq(ab, 0, "abstain");
        assertTrue(aggregator.hasVoted(proposalId, carol), "carol voted");
        assertEq(aggregator.tallyCommitment(proposalId), Tally(1_000e18, 3_000e18, 0).commitment(), "commitment");
    }

    function test_castVote_rules() public {
        _warpToVoting(proposalId);
        vm.expectRevert(abi.encodeWithSelector(ISpokeVoteAggregator.SpokeVoteAggregatorInvalidSupport.selector, 3));
        _spokeVote(carol, proposalId, 3);
        vm.expectRevert(
            abi.encodeWithSelector(ISpokeVoteAggregator.SpokeVoteAggregatorNoVotingPower.selector, proposalId, outsider)
        );
        _spokeVote(outsider, proposalId, 1);
        _spokeVote(carol, proposalId, 2);
        vm.expectRevert(
            abi.encodeWithSelector(ISpokeVoteAggregator.SpokeVoteAggregatorAlreadyVoted.selector, proposalId, carol)
        );
        _spokeVote(carol, proposalId, 1);
    }

    function test_castVoteWithReason_emitsTheReason() public {
        _warpToVoting(proposalId);
        vm.expectEmit(address(aggregator));
        emit ISpokeVoteAggregator.VoteCast(dave, proposalId, 2, 1_000e18, "not sure");
        vm.prank(dave);
        aggregator.castVoteWithReason(proposalId, 2, "not sure");
    }

    function test_castVoteBySig() public {
        _warpToVoting(proposalId);
        bytes memory signature = _ballot(CAROL_KEY, proposalId, 0, carol, 0);
        vm.expectRevert(abi.encodeWithSelector(ISpokeVoteAggregator.SpokeVoteAggregatorInvalidSignature.selector, carol));
        aggregator.castVoteBySig(proposalId, 1, carol, signature); // signed "against", submitted as "for"

        // The failed attempt consumed nothing: the nonce is still 0.
        assertEq(aggregator.nonces(carol), 0, "nonce unchanged");
        vm.prank(outsider);
        assertEq(aggregator.castVoteBySig(proposalId, 0, carol, signature), 3_000e18, "relayed by anyone");
        assertEq(aggregator.nonces(carol), 1, "nonce used");
        assertTrue(aggregator.hasVoted(proposalId, carol), "voted");

        bytes memory forged = _ballot(DAVE_KEY, proposalId, 1, carol, 1);
        vm.expectRevert(abi.encodeWithSelector(ISpokeVoteAggregator.SpokeVoteAggregatorInvalidSignature.selector, carol));
        aggregator.castVoteBySig(proposalId, 1, carol, forged);
    }

    function test_castVoteWithReasonBySig() public {
        _warpToVoting(proposalId);
        string memory reason = "Shorter blocks, same safety margin.";
        bytes memory signature = _extendedBallot(CAROL_KEY, proposalId, 1, carol, 0, reason);
        vm.expectRevert(abi.encodeWithSelector(ISpokeVoteAggregator.SpokeVoteAggregatorInvalidSignature.selector, carol));
        aggregator.castVoteWithReasonBySig(proposalId, 1, carol, "A relayer's words.", signature); // reason swapped

        vm.expectEmit(address(aggregator));
        emit ISpokeVoteAggregator.VoteCast(carol, proposalId, 1, 3_000e18, reason);
        vm.prank(outsider);
        assertEq(aggregator.castVoteWithReasonBySig(proposalId, 1, carol, reason, signature), 3_000e18, "relayed by anyone");
        assertEq(aggregator.nonces(carol), 1, "nonce used");

        // Replayed: the nonce moved on, so the same signature no longer recovers to carol.
        vm.expectRevert(abi.encodeWithSelector(ISpokeVoteAggregator.SpokeVoteAggregatorInvalidSignature.selector, carol));
        aggregator.castVoteWithReasonBySig(proposalId, 1, carol, reason, signature);
    }

    function _extendedBallot(
        uint256 key,
        uint256 id,
        uint8 support,
        address voter,
        uint256 nonce,
        string memory reason
    ) private view returns (bytes memory) {
        bytes32 structHash = keccak256(
            abi.encode(aggregator.EXTENDED_BALLOT_TYPEHASH(), id, support, voter, nonce, keccak256(bytes(reason)))
        );
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(key, EIP712.digest(IERC5267(address(aggregator)), structHash));
        return abi.encodePacked(r, s, v);
    }

    function _ballot(
        uint256 key,
        uint256 id,
        uint8 support,
        address voter,
        uint256 nonce
    ) private view returns (bytes memory) {
        bytes32 structHash = keccak256(abi.encode(aggregator.BALLOT_TYPEHASH(), id, support, voter, nonce));
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(key, EIP712.digest(IERC5267(address(aggregator)), structHash));
        return abi.encodePacked(r, s, v);
    }
}
