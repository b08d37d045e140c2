// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IGovernor} from "@openzeppelin/contracts/governance/IGovernor.sol";

import {IOutputOracle} from "../../../contracts/crosschain/IOutputOracle.sol";
import {IRootOracle} from "../../../contracts/crosschain/IRootOracle.sol";
import {ISpokeVotePool} from "../../../contracts/crosschain/ISpokeVotePool.sol";
import {SpokeVotePool} from "../../../contracts/crosschain/SpokeVotePool.sol";
import {SpokeTally, Tally} from "../../../contracts/crosschain/SpokeTally.sol";
import {SpokeFixture} from "./SpokeFixture.sol";

contract SpokeVotePoolTest is SpokeFixture {
    function test_constructor_wiringAndSelfDelegation() public view {
        assertEq(pool.chainId(), BASE, "chain");
        assertEq(address(pool.token()), address(token), "token");
        assertEq(address(pool.governor()), address(governor), "governor");
        assertEq(address(pool.outputOracle()), address(outputs), "output oracle");
        assertEq(address(pool.verifier()), address(verifier), "verifier");
        assertEq(pool.spokeToken(), address(spokeToken), "spoke token");
        assertEq(pool.spokeAggregator(), address(aggregator), "aggregator");
        assertEq(token.delegates(address(pool)), address(pool), "the pool votes its own escrow");
        assertEq(governor.voteSource(BASE), address(pool), "appointed");
    }

    function test_deposit_escrowsAndCommits() public {
        vm.prank(alice);
        token.approve(address(pool), 1_000e18);
        vm.expectEmit(address(pool));
        emit ISpokeVotePool.DepositInitiated(0, alice, bob, 1_000e18);
        vm.prank(alice);
        uint256 first = pool.deposit(1_000e18, bob);
        uint256 second = _deposit(alice, 500e18, alice);
        assertEq(first, 0, "first id");
        assertEq(second, 1, "second id");
        assertEq(pool.depositCount(), 2, "count");
        assertEq(pool.depositCommitment(0), keccak256(abi.encode(bob, uint256(1_000e18))), "commitment 0");
        assertEq(pool.depositCommitment(1), keccak256(abi.encode(alice, uint256(500e18))), "commitment 1");
        assertEq(pool.depositCommitment(2), bytes32(0), "no deposit 2");
        assertEq(token.balanceOf(address(pool)), 1_500e18, "escrowed");
        vm.warp(block.timestamp + 1);
        // The escrow moves from alice's delegate to the pool: counted once, through the pool.
        assertEq(token.getPastVotes(address(pool), block.timestamp - 1), 1_500e18, "pool votes");
        assertEq(token.getPastVotes(alice, block.timestamp - 1), 28_500e18, "alice keeps the rest");
    }

    function test_deposit_badInput_reverts() public {
        vm.startPrank(alice);
        token.approve(address(pool), 1e18);
        vm.expectRevert(abi.encodeWithSelector(ISpokeVotePool.SpokeVotePoolZeroAmount.selector));
        pool.deposit(0, alice);
        vm.expectRevert(abi.encodeWithSelector(ISpokeVotePool.SpokeVotePoolInvalidRecipient.selector, address(0)));
        pool.deposit(1e18, address(0));
        vm.expectRevert(); // ERC20InsufficientAllowance
        pool.deposit(2e18, alice);
        vm.stopPrank();
    }

    function test_bindSpoke_onlyBinder_once() public {
        SpokeVotePool fresh = new SpokeVotePool(token, governor, outputs, verifier, 902, address(this));
        vm.prank(outsider);
        vm.expectRevert(abi.encodeWithSelector(ISpokeVotePool.SpokeVotePoolNotBinder.selector, outsider, address(this)));
        fresh.bindSpoke(address(1), address(2));
        vm.expectRevert(abi.encodeWithSelector(ISpokeVotePool.SpokeVotePoolInvalidSpoke.selector, address(0), address(2)));
        fresh.bindSpoke(address(0), address(2));

        vm.expectEmit(address(fresh));
        emit ISpokeVotePool.SpokeBound(address(1), address(2));
        fresh.bindSpoke(address(1), address(2));
        vm.expectRevert(abi.encodeWithSelector(ISpokeVotePool.SpokeVotePoolAlreadyBound.selector, address(1), address(2)));
        fresh.bindSpoke(address(3), address(4));
        assertEq(fresh.binder(), address(this), "binder");
    }

    function test_unbound_refusesProofs() public {
        SpokeVotePool fresh = new SpokeVotePool(token, governor, outputs, verifier, BASE, address(this));
        vm.expectRevert(abi.encodeWithSelector(ISpokeVotePool.SpokeVotePoolNotBound.selector));
        fresh.finalizeWithdrawal(0, alice, 1, 1, new bytes[](0), new bytes[](0));
    }

    function test_finalizeWithdrawal_releasesOnce() public {
        _bridge(alice, 2_000e18, carol);
        vm.prank(carol);
        uint256 withdrawalId = spokeToken.withdraw(750e18, dave);
        uint256 blockNumber = _commitSpoke(address(spokeToken), spokeToken.withdrawalSlot(withdrawalId));
        uint256 daveBefore = token.balanceOf(dave);

        vm.expectEmit(address(pool));
        emit ISpokeVotePool.WithdrawalFinalized(withdrawalId, dave, 750e18, blockNumber);
        pool.finalizeWithdrawal(withdrawalId, dave, 750e18, blockNumber, new bytes[](0), new bytes[](0));
        assertEq(token.balanceOf(dave) - daveBefore, 750e18, "released");
        assertEq(token.balanceOf(address(pool)), 1_250e18, "escrow shrinks");
        assertTrue(pool.isWithdrawalFinalized(withdrawalId), "finalized");

        vm.expectRevert(
            abi.encodeWithSelector(ISpokeVotePool.SpokeVotePoolWithdrawalAlreadyFinalized.selector, withdrawalId)
        );
        pool.finalizeWithdrawal(withdrawalId, dave, 750e18, blockNumber, new bytes[](0), new bytes[](0));
    }

    function test_finalizeWithdrawal_mismatchedClaim_reverts() public {
        _bridge(alice, 2_000e18, carol);
        vm.prank(carol);
        uint256 withdrawalId = spokeToken.withdraw(750e18, dave);
        uint256 blockNumber = _commitSpoke(address(spokeToken), spokeToken.withdrawalSlot(withdrawalId));
        bytes32 proven = keccak256(abi.encode(dave, uint256(750e18)));
        vm.expectRevert(
            abi.encodeWithSelector(
                ISpokeVotePool.SpokeVotePoolWithdrawalMismatch.selector,
                withdrawalId,
                proven,
                keccak256(abi.encode(dave, uint256(2_000e18)))
            )
        );
        pool.finalizeWithdrawal(withdrawalId, dave, 2_000e18, blockNumber, new bytes[](0), new bytes[](0));
        vm.expectRevert(
            abi.encodeWithSelector(IRootOracle.RootUnknown.selector, blockNumber + 1)
        );
        pool.finalizeWithdrawal(withdrawalId, dave, 750e18, blockNumber + 1, new bytes[](0), new bytes[](0));
    }

    /// @notice One operator key cannot drain the escrow: a forged output is unusable in its window and after rejection.
    function test_forgedOutput_drainRefused_inWindowAndAfterRejection() public {
        _bridge(alice, 2_000e18, carol);
        uint256 escrow = token.balanceOf(address(pool));
        bytes32 forged = keccak256(abi.encode(outsider, escrow));
        uint256 blockNumber = _postSpoke(address(spokeToken), spokeToken.withdrawalSlot(0), forged);

        vm.expectRevert(
            abi.encodeWithSelector(IRootOracle.RootInChallengeWindow.selector, blockNumber, block.timestamp + CHALLENGE)
        );
        pool.finalizeWithdrawal(0, outsider, escrow, blockNumber, new bytes[](0), new bytes[](0));

        vm.prank(guardian); // the council
        outputs.rejectOutputs(BASE, blockNumber, _spokeRoot(blockNumber));
        vm.warp(block.timestamp + CHALLENGE);
        vm.expectRevert(abi.encodeWithSelector(IRootOracle.RootRejected.selector, blockNumber));
        pool.finalizeWithdrawal(0, outsider, escrow, blockNumber, new bytes[](0), new bytes[](0));
        assertEq(token.balanceOf(address(pool)), escrow, "escrow intact");
    }

    /// @notice A forged output cannot cast every bridged holder's weight either.
    function test_forgedOutput_tallyRefused_inWindowAndAfterRejection() public {
        _bridge(alice, 3_000e18, carol);
        uint256 proposalId = _proposeAndLearn("forged tally");
        _warpToVoting(proposalId);
        Tally memory forged = Tally(0, 3_000e18, 0);
        uint256 blockNumber = _postSpoke(address(aggregator), aggregator.tallySlot(proposalId), SpokeTally.commitment(forged));

        vm.expectRevert(
            abi.encodeWithSelector(IRootOracle.RootInChallengeWindow.selector, blockNumber, block.timestamp + CHALLENGE)
        );
        pool.relayTally(proposalId, blockNumber, forged, new bytes[](0), new bytes[](0));

        vm.prank(guardian);
        outputs.rejectOutputs(BASE, blockNumber, _spokeRoot(blockNumber));
        vm.warp(block.timestamp + CHALLENGE);
        vm.expectRevert(abi.encodeWithSelector(IRootOracle.RootRejected.selector, blockNumber));
        pool.relayTally(proposalId, blockNumber, forged, new bytes[](0), new bytes[](0));
        (, uint256 forVotes, ) = governor.proposalVotes(proposalId);
        assertEq(forVotes, 0, "nothing cast");
    }

    function test_relayTally_countsIncreasesForTheChain() public {
        _bridge(alice, 3_000e18, carol);
        _bridge(bob, 1_000e18, dave);
        uint256 proposalId = _proposeAndLearn("relayed");
        _warpToVoting(proposalId);
        _spokeVote(carol, proposalId, 1);

        Tally memory counted = _relay(proposalId);
        assertEq(counted.forVotes, 3_000e18, "first relay counts the whole tally");
        _assertChainTally(proposalId, 0, 3_000e18, 0);

        _spokeVote(dave, proposalId, 0);
        counted = _relay(proposalId);
        assertEq(counted.forVotes, 0, "for unchanged");
        assertEq(counted.againstVotes, 1_000e18, "only the increase");
        _assertChainTally(proposalId, 1_000e18, 3_000e18, 0);
        (Tally memory relayed, uint64 blockNumber, uint48 relayedAt) = pool.relayedTally(proposalId);
        assertEq(relayed.againstVotes + relayed.forVotes, 4_000e18, "relayed tally");
        assertEq(blockNumber, 2, "proven block");
        assertEq(relayedAt, block.timestamp, "relay time");

        // A hub vote alongside: the per-chain tallies sum to the totals.
        _vote(bob, proposalId, 2);
        (uint256 a, uint256 f, uint256 ab) = governor.proposalVotes(proposalId);
        (uint256 ha, uint256 hf, uint256 hab) = governor.proposalVotesByChain(proposalId, block.chainid);
        assertEq(a, ha + 1_000e18, "against sums");
        assertEq(f, hf + 3_000e18, "for sums");
        assertEq(ab, hab, "abstain sums");
        assertEq(hab, 19_000e18, "bob's remaining weight is the hub's");
    }

    function test_relayTally_unchanged_reverts() public {
        _bridge(alice, 3_000e18, carol);
        uint256 proposalId = _proposeAndLearn("replayed");
        _warpToVoting(proposalId);
        _spokeVote(carol, proposalId, 2);
        _relay(proposalId);
        uint256 later = _commitSpoke(address(aggregator), aggregator.tallySlot(proposalId));
        Tally memory same = _spokeTally(proposalId);
        vm.expectRevert(abi.encodeWithSelector(ISpokeVotePool.SpokeVotePoolTallyUnchanged.selector, proposalId));
        pool.relayTally(proposalId, later, same, new bytes[](0), new bytes[](0));
        _assertChainTally(proposalId, 0, 0, 3_000e18);
    }

    function test_relayTally_staleTally_reverts() public {
        _bridge(alice, 3_000e18, carol);
        _bridge(bob, 1_000e18, dave);
        uint256 proposalId = _proposeAndLearn("stale");
        _warpToVoting(proposalId);
        _spokeVote(carol, proposalId, 1);
        uint256 older = _commitSpoke(address(aggregator), aggregator.tallySlot(proposalId));
        Tally memory olderTally = _spokeTally(proposalId);
        _spokeVote(dave, proposalId, 1);
        _relay(proposalId);

        Tally memory newer = _spokeTally(proposalId);
        vm.expectRevert(
            abi.encodeWithSelector(ISpokeVotePool.SpokeVotePoolStaleTally.selector, proposalId, newer, olderTally)
        );
        pool.relayTally(proposalId, older, olderTally, new bytes[](0), new bytes[](0));
        _assertChainTally(proposalId, 0, 4_000e18, 0);
    }

    function test_relayTally_claimNotProven_reverts() public {
        _bridge(alice, 3_000e18, carol);
        uint256 proposalId = _proposeAndLearn("forged");
        _warpToVoting(proposalId);
        _spokeVote(carol, proposalId, 1);
        uint256 blockNumber = _commitSpoke(address(aggregator), aggregator.tallySlot(proposalId));
        Tally memory inflated = Tally(0, 30_000e18, 0);
        vm.expectRevert(
            abi.encodeWithSelector(
                ISpokeVotePool.SpokeVotePoolTallyMismatch.selector,
                proposalId,
                aggregator.tallyCommitment(proposalId),
                keccak256(abi.encode(uint256(0), uint256(30_000e18), uint256(0)))
            )
        );
        pool.relayTally(proposalId, blockNumber, inflated, new bytes[](0), new bytes[](0));
    }

    function test_relayTally_unknownChain_reverts() public {
        // A pool for a chain the governor has no vote source for: its votes would count as the hub's.
        SpokeVotePool stray = new SpokeVotePool(token, governor, outputs, verifier, 902, address(this));
        stray.bindSpoke(address(spokeToken), address(aggregator));
        vm.expectRevert(abi.encodeWithSelector(ISpokeVotePool.SpokeVotePoolNotVoteSource.selector, 902, address(0)));
        stray.relayTally(1, 1, Tally(0, 1, 0), new bytes[](0), new bytes[](0));

        // A second pool for base that governance did not appoint.
        SpokeVotePool rival = new SpokeVotePool(token, governor, outputs, verifier, BASE, address(this));
        vm.expectRevert(abi.encodeWithSelector(ISpokeVotePool.SpokeVotePoolNotVoteSource.selector, BASE, address(pool)));
        rival.relayTally(1, 1, Tally(0, 1, 0), new bytes[](0), new bytes[](0));
    }

    function test_relayTally_afterHubDeadline_refusedByGovernor() public {
        _bridge(alice, 3_000e18, carol);
        uint256 proposalId = _proposeAndLearn("late");
        _warpToVoting(proposalId);
        _spokeVote(carol, proposalId, 1);
        uint256 blockNumber = _commitSpoke(address(aggregator), aggregator.tallySlot(proposalId));
        Tally memory tally = _spokeTally(proposalId);
        _warpPastDeadline(proposalId);
        vm.expectRevert(); // GovernorUnexpectedProposalState
        pool.relayTally(proposalId, blockNumber, tally, new bytes[](0), new bytes[](0));
        assertEq(uint256(governor.state(proposalId)), uint256(IGovernor.ProposalState.Defeated), "defeated");
    }

    /// forge-config: default.fuzz.runs = 64
    function testFuzz_relaysSumToTheSpokeTally(uint256 seed) public {
        address[4] memory voters = [address(0xA1), address(0xA2), address(0xA3), address(0xA4)];
        for (uint256 i = 0; i < voters.length; i++) {
            _bridge(address(this), bound(uint256(keccak256(abi.encode(seed, i))), 1, 100_000e18), voters[i]);
        }
        uint256 proposalId = _proposeAndLearn("fuzzed relays");
        _warpToVoting(proposalId);
        for (uint256 i = 0; i < voters.length; i++) {
            uint256 r = uint256(keccak256(abi.encode(seed, "vote", i)));
            _spokeVote(voters[i], proposalId, uint8(r % 3));
            if ((r >> 128) % 2 == 0) _relay(proposalId);
        }
        (uint256 a, uint256 f, uint256 ab) = aggregator.proposalVotes(proposalId);
        (Tally memory relayed, , ) = pool.relayedTally(proposalId);
        if (relayed.againstVotes != a || relayed.forVotes != f || relayed.abstainVotes != ab) _relay(proposalId);
        _assertChainTally(proposalId, a, f, ab);
        (uint256 ta, uint256 tf, uint256 tab) = governor.proposalVotes(proposalId);
        assertEq(ta + tf + tab, a + f + ab, "only the spoke voted: totals are its tally");
    }

    function _assertChainTally(uint256 proposalId, uint256 againstVotes, uint256 forVotes, uint256 abstainVotes) private view {
        (uint256 a, uint256 f, uint256 ab) = governor.proposalVotesByChain(proposalId, BASE);
        assertEq(a, againstVotes, "base against");
        assertEq(f, forVotes, "base for");
        assertEq(ab, abstainVotes, "base abstain");
    }
}
