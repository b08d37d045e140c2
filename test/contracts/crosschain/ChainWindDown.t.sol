// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IOutputOracle} from "../../../contracts/crosschain/IOutputOracle.sol";
import {ISpokeVotePool} from "../../../contracts/crosschain/ISpokeVotePool.sol";
import {ISequencerConfigRegistry} from "../../../contracts/sequencer/ISequencerConfigRegistry.sol";
import {SequencerConfigRegistry} from "../../../contracts/sequencer/SequencerConfigRegistry.sol";
import {SpokeFixture} from "./SpokeFixture.sol";

/**
 * @notice A removed member chain winds down: deposits stop once its removal is approved, its
 * operator keeps posting outputs of blocks from before the removal, so withdrawals made on the
 * chain until then are proven and released on the hub; a re-added chain takes deposits again.
 */
contract ChainWindDownTest is SpokeFixture {
    address private constant GOVERNANCE = address(0x7111);
    address private constant COUNCIL = address(0xC0C2);

    SequencerConfigRegistry private registry;
    uint256 private _windDownBlock = 1_000; // above the fixture's own output block numbers

    function setUp() public override {
        super.setUp();
        ISequencerConfigRegistry.Parameters memory defaults = ISequencerConfigRegistry.Parameters(
            2_000, 500, 30_000_000, ISequencerConfigRegistry.OrderingPolicy.Fifo, 0, 131_072, 64, 10
        );
        registry = new SequencerConfigRegistry(chains, GOVERNANCE, COUNCIL, defaults, 1 hours, 7 days);
        chains.setChangeApplier(address(registry));
    }

    function _approve(uint256 changeId) private returns (uint48 activatesAt) {
        vm.prank(COUNCIL);
        registry.approveChange(changeId);
        activatesAt = registry.getChange(changeId).activatesAt;
    }

    function _removeBase() private returns (uint48 removesAt) {
        vm.prank(GOVERNANCE);
        removesAt = _approve(registry.scheduleRemoveChain(BASE, 0));
    }

    /// @dev The operator posts an output of a base block with the given timestamp, holding `slot` of `account` as now.
    function _postBlockAt(address account, bytes32 slot, uint48 blockTimestamp) private returns (uint256 blockNumber) {
        blockNumber = ++_windDownBlock;
        bytes32 root = keccak256(abi.encode("wind-down", blockNumber));
        verifier.setStorage(root, account, slot, vmLoad.load(account, slot));
        vm.prank(baseOperator);
        outputs.postOutput(BASE, blockNumber, keccak256(abi.encode("block", blockNumber)), root, 1, blockTimestamp);
    }

    function test_escrowExits_afterRemoval_throughWindDownOutputs() public {
        _bridge(alice, 2_000e18, carol);
        uint48 removesAt = _removeBase();
        vm.warp(removesAt - 10);
        vm.prank(carol);
        uint256 withdrawalId = spokeToken.withdraw(750e18, dave); // on base, before the removal
        bytes32 slot = spokeToken.withdrawalSlot(withdrawalId);

        vm.warp(removesAt + 1 days); // removed; no output covered the withdrawal yet
        assertFalse(chains.isActive(BASE), "removed");
        uint256 blockNumber = _postBlockAt(address(spokeToken), slot, removesAt - 1);
        vm.warp(block.timestamp + CHALLENGE); // a wind-down output is challengeable like any other
        uint256 daveBefore = token.balanceOf(dave);
        pool.finalizeWithdrawal(withdrawalId, dave, 750e18, blockNumber, new bytes[](0), new bytes[](0));
        assertEq(token.balanceOf(dave) - daveBefore, 750e18, "released after removal");
    }

    function test_windDown_refusesBlocksFromAfterRemoval() public {
        uint48 removesAt = _removeBase();
        vm.warp(removesAt + 1);
        vm.prank(baseOperator);
        vm.expectRevert(abi.encodeWithSelector(IOutputOracle.OutputOracleChainNotActive.selector, BASE));
        outputs.postOutput(BASE, 5_000, bytes32("h"), bytes32("r"), 1, removesAt);
        _postBlockAt(address(spokeToken), spokeToken.withdrawalSlot(0), removesAt - 1); // the last block before is fine
        vm.prank(outsider);
        vm.expectRevert(
            abi.encodeWithSelector(IOutputOracle.OutputOracleNotOperator.selector, BASE, outsider, baseOperator)
        );
        outputs.postOutput(BASE, 5_000, bytes32("h"), bytes32("r"), 1, removesAt - 1); // still only the operator
    }

    function test_withdrawals_provenBeforeRemoval_keepWorking() public {
        _bridge(alice, 2_000e18, carol);
        vm.prank(carol);
        uint256 withdrawalId = spokeToken.withdraw(500e18, carol);
        uint256 blockNumber = _commitSpoke(address(spokeToken), spokeToken.withdrawalSlot(withdrawalId));
        vm.warp(_removeBase() + 30 days);
        pool.finalizeWithdrawal(withdrawalId, carol, 500e18, blockNumber, new bytes[](0), new bytes[](0));
        assertTrue(pool.isWithdrawalFinalized(withdrawalId), "released");
    }

    function test_deposit_refusedOnceRemovalApproved_reopenedWhenReAdded() public {
        vm.prank(GOVERNANCE);
        uint256 removal = registry.scheduleRemoveChain(BASE, 0);
        _deposit(alice, 1e18, alice); // scheduled, not approved: deposits still open

        uint48 removesAt = _approve(removal);
        vm.startPrank(alice);
        token.approve(address(pool), 1e18);
        vm.expectRevert(abi.encodeWithSelector(ISpokeVotePool.SpokeVotePoolChainNotListed.selector, BASE));
        pool.deposit(1e18, alice); // being removed
        vm.warp(removesAt);
        vm.expectRevert(abi.encodeWithSelector(ISpokeVotePool.SpokeVotePoolChainNotListed.selector, BASE));
        pool.deposit(1e18, alice); // removed
        vm.stopPrank();

        vm.prank(GOVERNANCE);
        uint48 rejoinsAt = _approve(registry.scheduleAddChain(BASE, "base-local", baseOperator, 0));
        vm.warp(rejoinsAt);
        assertEq(_deposit(alice, 1e18, alice), 1, "deposits reopen once the chain is a member again");
    }
}
