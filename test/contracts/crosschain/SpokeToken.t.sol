// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IRootOracle} from "../../../contracts/crosschain/IRootOracle.sol";
import {ISpokeToken} from "../../../contracts/crosschain/ISpokeToken.sol";
import {SpokeFixture} from "./SpokeFixture.sol";

contract SpokeTokenTest is SpokeFixture {
    function test_constructor_wiringAndTimestampClock() public view {
        assertEq(spokeToken.hubPool(), address(pool), "pool");
        assertEq(address(spokeToken.hubStateOracle()), address(hubStates), "hub states");
        assertEq(address(spokeToken.verifier()), address(verifier), "verifier");
        assertEq(spokeToken.CLOCK_MODE(), "mode=timestamp", "clock mode");
        assertEq(spokeToken.clock(), block.timestamp, "clock");
        assertEq(spokeToken.totalSupply(), 0, "no supply without deposits");
    }

    function test_finalizeDeposit_mintsOnce() public {
        uint256 depositId = _deposit(alice, 1_000e18, carol);
        uint256 hubBlock = _commitHub(address(pool), pool.depositSlot(depositId));

        vm.expectEmit(address(spokeToken));
        emit ISpokeToken.DepositFinalized(depositId, carol, 1_000e18, hubBlock);
        vm.prank(outsider); // anyone may finalize
        spokeToken.finalizeDeposit(depositId, carol, 1_000e18, hubBlock, new bytes[](0), new bytes[](0));
        assertEq(spokeToken.balanceOf(carol), 1_000e18, "minted");
        assertTrue(spokeToken.isDepositFinalized(depositId), "finalized");

        vm.expectRevert(abi.encodeWithSelector(ISpokeToken.SpokeTokenDepositAlreadyFinalized.selector, depositId));
        spokeToken.finalizeDeposit(depositId, carol, 1_000e18, hubBlock, new bytes[](0), new bytes[](0));
        assertEq(spokeToken.totalSupply(), 1_000e18, "minted once");
    }

    function test_finalizeDeposit_mismatchedClaim_reverts() public {
        uint256 depositId = _deposit(alice, 1_000e18, carol);
        uint256 hubBlock = _commitHub(address(pool), pool.depositSlot(depositId));
        bytes32 proven = keccak256(abi.encode(carol, uint256(1_000e18)));
        vm.expectRevert(
            abi.encodeWithSelector(
                ISpokeToken.SpokeTokenDepositMismatch.selector,
                depositId,
                proven,
                keccak256(abi.encode(outsider, uint256(1_000e18)))
            )
        );
        spokeToken.finalizeDeposit(depositId, outsider, 1_000e18, hubBlock, new bytes[](0), new bytes[](0));
    }

    function test_finalizeDeposit_uncommittedHubBlock_reverts() public {
        uint256 depositId = _deposit(alice, 1_000e18, carol);
        vm.expectRevert(abi.encodeWithSelector(IRootOracle.RootUnknown.selector, 42));
        spokeToken.finalizeDeposit(depositId, carol, 1_000e18, 42, new bytes[](0), new bytes[](0));
    }

    /// @notice A forged hub root (a deposit that never happened) mints nothing: not in its window, not after rejection.
    function test_forgedHubRoot_mintRefused_inWindowAndAfterRejection() public {
        uint256 forgedId = 7; // no such deposit on the hub
        uint256 amount = 1_000_000_000e18;
        bytes32 forged = keccak256(abi.encode(outsider, amount));
        uint256 hubBlock = _postHub(address(pool), pool.depositSlot(forgedId), forged);

        vm.expectRevert(
            abi.encodeWithSelector(IRootOracle.RootInChallengeWindow.selector, hubBlock, block.timestamp + CHALLENGE)
        );
        spokeToken.finalizeDeposit(forgedId, outsider, amount, hubBlock, new bytes[](0), new bytes[](0));

        vm.prank(guardian); // the council
        hubStates.rejectHubStates(hubBlock, _hubRoot(hubBlock));
        vm.warp(block.timestamp + CHALLENGE);
        vm.expectRevert(abi.encodeWithSelector(IRootOracle.RootRejected.selector, hubBlock));
        spokeToken.finalizeDeposit(forgedId, outsider, amount, hubBlock, new bytes[](0), new bytes[](0));
        assertEq(spokeToken.totalSupply(), 0, "nothing minted");

        _bridge(alice, 1_000e18, carol); // honest posting resumes
        assertEq(spokeToken.balanceOf(carol), 1_000e18, "honest deposit");
    }

    function test_withdraw_burnsAndRecords() public {
        _bridge(alice, 1_000e18, carol);
        vm.expectEmit(address(spokeToken));
        emit ISpokeToken.WithdrawalInitiated(0, carol, dave, 400e18);
        vm.prank(carol);
        uint256 withdrawalId = spokeToken.withdraw(400e18, dave);
        assertEq(withdrawalId, 0, "first id");
        assertEq(spokeToken.withdrawalCount(), 1, "count");
        assertEq(spokeToken.balanceOf(carol), 600e18, "burnt");
        assertEq(spokeToken.totalSupply(), 600e18, "supply");
        assertEq(spokeToken.withdrawalCommitment(0), keccak256(abi.encode(dave, uint256(400e18))), "record");
        assertEq(spokeToken.getVotes(carol), 600e18, "votes follow the burn");
    }

    function test_withdraw_badInput_reverts() public {
        _bridge(alice, 1_000e18, carol);
        vm.startPrank(carol);
        vm.expectRevert(abi.encodeWithSelector(ISpokeToken.SpokeTokenZeroAmount.selector));
        spokeToken.withdraw(0, dave);
        vm.expectRevert(abi.encodeWithSelector(ISpokeToken.SpokeTokenInvalidRecipient.selector, address(0)));
        spokeToken.withdraw(1, address(0));
        vm.expectRevert(); // ERC20InsufficientBalance
        spokeToken.withdraw(1_001e18, dave);
        vm.stopPrank();
    }

    function test_votes_checkpointByTimestamp() public {
        _bridge(alice, 1_000e18, carol);
        uint256 t = block.timestamp;
        vm.warp(t + 100);
        vm.prank(carol);
        spokeToken.transfer(dave, 300e18);
        vm.warp(t + 200);
        assertEq(spokeToken.getPastVotes(carol, t), 1_000e18, "before the transfer");
        assertEq(spokeToken.getPastVotes(carol, t + 150), 700e18, "after the transfer");
        assertEq(spokeToken.getPastVotes(dave, t + 150), 0, "dave has not delegated");
    }
}
