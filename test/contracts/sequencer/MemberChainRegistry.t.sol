// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IMemberChainRegistry as I} from "../../../contracts/sequencer/IMemberChainRegistry.sol";
import {MemberChainRegistry} from "../../../contracts/sequencer/MemberChainRegistry.sol";
import {RegistryFixture} from "./RegistryFixture.sol";

contract MemberChainRegistryTest is RegistryFixture {
    function test_initialChains() public view {
        I.MemberChain memory base = chains.chain(BASE);
        assertEq(base.chainId, BASE, "id");
        assertEq(base.name, "base-local", "name");
        assertEq(uint256(base.status), uint256(I.ChainStatus.Active), "active");
        assertEq(base.joinedAt, START, "joined at deployment");
        assertEq(chains.operatorOf(BASE), baseOperator, "operator");
        assertEq(chains.operatorAt(BASE, START - 1), address(0), "no operator before joining");
        assertEq(chains.chainIds().length, 2, "two chains");
        assertEq(chains.operatorScheduler(), address(registry), "scheduler");
        assertEq(chains.governance(), governance, "governance");
    }

    function test_addAndRemove_byGovernance() public {
        vm.prank(governance);
        vm.expectEmit(address(chains));
        emit I.ChainAdded(903, "op-local", stranger);
        chains.addChain(903, "op-local", stranger);
        assertTrue(chains.isActive(903), "added");

        vm.warp(block.timestamp + 1 days);
        vm.prank(governance);
        chains.removeChain(903);
        I.MemberChain memory removed = chains.chain(903);
        assertEq(uint256(removed.status), uint256(I.ChainStatus.Removed), "removed");
        assertEq(removed.removedAt, block.timestamp, "removal time");
        assertEq(registry.configAt(903, block.timestamp).version, 1, "history still answers");

        vm.prank(governance);
        vm.expectRevert(abi.encodeWithSelector(I.MemberChainRegistryChainExists.selector, 903));
        chains.addChain(903, "op-local again", stranger); // ids are never reused
    }

    function test_addChain_badInput_reverts() public {
        vm.startPrank(governance);
        vm.expectRevert(abi.encodeWithSelector(I.MemberChainRegistryInvalidChainId.selector, 0));
        chains.addChain(0, "zero", stranger);
        uint256 huge = uint256(type(uint64).max) + 1;
        vm.expectRevert(abi.encodeWithSelector(I.MemberChainRegistryInvalidChainId.selector, huge));
        chains.addChain(huge, "huge", stranger);
        vm.expectRevert(abi.encodeWithSelector(I.MemberChainRegistryInvalidName.selector, ""));
        chains.addChain(903, "", stranger);
        string memory long = "a-chain-name-that-is-far-too-long-for-it";
        vm.expectRevert(abi.encodeWithSelector(I.MemberChainRegistryInvalidName.selector, long));
        chains.addChain(903, long, stranger);
        vm.expectRevert(abi.encodeWithSelector(I.MemberChainRegistryInvalidOperator.selector, address(0)));
        chains.addChain(903, "op-local", address(0));
        vm.expectRevert(abi.encodeWithSelector(I.MemberChainRegistryChainExists.selector, BASE));
        chains.addChain(BASE, "base again", stranger);
        vm.expectRevert(abi.encodeWithSelector(I.MemberChainRegistryChainNotActive.selector, 999));
        chains.removeChain(999);
        vm.stopPrank();
    }

    function test_constructor_rejectsZeroGovernance() public {
        I.InitialChain[] memory none = new I.InitialChain[](0);
        vm.expectRevert(abi.encodeWithSelector(I.MemberChainRegistryOnlyGovernance.selector, address(0)));
        new MemberChainRegistry(address(0), none);
    }

    function test_operatorReplacement_forRemovedChain_reverts() public {
        vm.prank(governance);
        uint256 id = registry.scheduleOperator(ZORA, stranger, 0);
        vm.prank(governance);
        chains.removeChain(ZORA);
        vm.prank(council);
        vm.expectRevert(abi.encodeWithSelector(I.MemberChainRegistryChainNotActive.selector, ZORA));
        registry.approveChange(id);
    }
}
