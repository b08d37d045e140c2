// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IMemberChainRegistry as I} from "../../../contracts/sequencer/IMemberChainRegistry.sol";
import {ISequencerConfigRegistry} from "../../../contracts/sequencer/ISequencerConfigRegistry.sol";
import {MemberChainRegistry} from "../../../contracts/sequencer/MemberChainRegistry.sol";
import {SequencerConfigRegistry} from "../../../contracts/sequencer/SequencerConfigRegistry.sol";
import {RegistryFixture} from "./RegistryFixture.sol";

/**
 * @notice Membership under dual approval: governance schedules an addition or a removal in the
 * SequencerConfigRegistry, the council approves or rejects it, and only an approved change reaches
 * the MemberChainRegistry, at its activation time.
 */
contract MemberChainRegistryTest is RegistryFixture {
    uint256 private constant OP = 903;
    address private opOperator = address(0x0903);

    function test_initialChains() public view {
        I.MemberChain memory base = chains.chain(BASE);
        assertEq(base.chainId, BASE, "id");
        assertEq(base.name, "base-local", "name");
        assertEq(uint256(base.status), uint256(I.ChainStatus.Active), "active");
        assertEq(base.joinedAt, START, "joined at deployment");
        assertTrue(chains.isActive(BASE) && chains.isListed(BASE), "member");
        assertFalse(chains.isActiveAt(BASE, START - 1), "not a member before deployment");
        assertEq(chains.operatorOf(BASE), baseOperator, "operator");
        assertEq(chains.operatorAt(BASE, START - 1), address(0), "no operator before joining");
        assertEq(chains.chainIds().length, 2, "two chains");
        assertEq(chains.changeApplier(), address(registry), "applier");
    }

    function test_changeKinds_keepTheirNumbers() public pure {
        assertEq(uint256(ISequencerConfigRegistry.ChangeKind.ReplaceOperator), 3, "existing kinds unchanged");
        assertEq(uint256(ISequencerConfigRegistry.ChangeKind.AddChain), 4, "add appended");
        assertEq(uint256(ISequencerConfigRegistry.ChangeKind.RemoveChain), 5, "remove appended");
    }

    // ---------------------------------------------------------------- addition

    function test_addChain_appliedOnlyWhenApproved_atActivation() public {
        vm.prank(governance);
        uint256 id = registry.scheduleAddChain(OP, "op-local", opOperator, 0);
        assertEq(uint256(chains.chain(OP).status), uint256(I.ChainStatus.Unknown), "scheduled is not applied");

        uint48 activatesAt = uint48(block.timestamp) + MIN_DELAY;
        vm.expectEmit(address(chains));
        emit I.ChainAdded(OP, "op-local", opOperator, activatesAt);
        _approve(id);
        assertEq(uint256(chains.chain(OP).status), uint256(I.ChainStatus.Active), "approved");
        assertEq(chains.chain(OP).joinedAt, activatesAt, "joins at activation");
        assertFalse(chains.isActive(OP), "not a member before activation");
        assertEq(chains.operatorOf(OP), address(0), "no operator before activation");

        vm.warp(activatesAt);
        assertTrue(chains.isActive(OP) && chains.isListed(OP), "member from activation");
        assertEq(chains.operatorOf(OP), opOperator, "its operator");
        assertEq(chains.chainIds()[2], OP, "listed");
    }

    function test_addChain_rejectedOrExpired_notApplied() public {
        vm.startPrank(governance);
        uint256 rejected = registry.scheduleAddChain(OP, "op-local", opOperator, 0);
        uint256 expiring = registry.scheduleAddChain(OP, "op-local", opOperator, 0);
        vm.stopPrank();
        vm.prank(council);
        registry.rejectChange(rejected);
        vm.warp(block.timestamp + WINDOW);
        vm.prank(council);
        vm.expectRevert(
            abi.encodeWithSelector(
                ISequencerConfigRegistry.SequencerConfigChangeNotAwaiting.selector,
                expiring,
                ISequencerConfigRegistry.ChangeStatus.Expired
            )
        );
        registry.approveChange(expiring);
        assertEq(uint256(chains.chain(OP).status), uint256(I.ChainStatus.Unknown), "never added");
        assertFalse(chains.isActive(OP), "not a member");
        assertEq(chains.chainIds().length, 2, "not listed");
    }

    function test_scheduleAddChain_badInput_reverts() public {
        vm.startPrank(governance);
        vm.expectRevert(abi.encodeWithSelector(I.MemberChainRegistryInvalidChainId.selector, 0));
        registry.scheduleAddChain(0, "zero", opOperator, 0);
        uint256 huge = uint256(type(uint64).max) + 1;
        vm.expectRevert(abi.encodeWithSelector(I.MemberChainRegistryInvalidChainId.selector, huge));
        registry.scheduleAddChain(huge, "huge", opOperator, 0);
        vm.expectRevert(abi.encodeWithSelector(I.MemberChainRegistryInvalidName.selector, ""));
        registry.scheduleAddChain(OP, "", opOperator, 0);
        string memory long = "a-chain-name-that-is-far-too-long-for-it";
        vm.expectRevert(abi.encodeWithSelector(I.MemberChainRegistryInvalidName.selector, long));
        registry.scheduleAddChain(OP, long, opOperator, 0);
        vm.expectRevert(abi.encodeWithSelector(I.MemberChainRegistryInvalidOperator.selector, address(0)));
        registry.scheduleAddChain(OP, "op-local", address(0), 0);
        vm.expectRevert(abi.encodeWithSelector(I.MemberChainRegistryChainExists.selector, BASE));
        registry.scheduleAddChain(BASE, "base again", opOperator, 0);
        vm.stopPrank();
    }

    function test_addChain_twiceApproved_secondReverts() public {
        vm.startPrank(governance);
        uint256 first = registry.scheduleAddChain(OP, "op-local", opOperator, 0);
        uint256 second = registry.scheduleAddChain(OP, "op-local", opOperator, 0);
        vm.stopPrank();
        _approve(first);
        vm.prank(council);
        vm.expectRevert(abi.encodeWithSelector(I.MemberChainRegistryChainExists.selector, OP));
        registry.approveChange(second);
    }

    // ---------------------------------------------------------------- removal

    function test_removeChain_memberUntilActivation() public {
        vm.prank(governance);
        uint256 id = registry.scheduleRemoveChain(ZORA, 0);
        assertTrue(chains.isListed(ZORA), "scheduled is not applied");

        uint48 removesAt = uint48(block.timestamp) + MIN_DELAY;
        vm.expectEmit(address(chains));
        emit I.ChainRemoved(ZORA, removesAt);
        _approve(id);
        I.MemberChain memory record = chains.chain(ZORA);
        assertEq(uint256(record.status), uint256(I.ChainStatus.Removed), "removal approved");
        assertEq(record.removedAt, removesAt, "removal time");
        assertTrue(chains.isActive(ZORA), "still a member until activation");
        assertFalse(chains.isListed(ZORA), "but no longer listed (no deposits)");

        vm.warp(removesAt);
        assertFalse(chains.isActive(ZORA), "removed at activation");
        assertTrue(chains.isActiveAt(ZORA, removesAt - 1), "history: a member before");
        assertEq(chains.operatorOf(ZORA), zoraOperator, "keeps its last operator (wind-down outputs)");
        assertEq(registry.configAt(ZORA, block.timestamp).version, 1, "configuration history still answers");
        assertTrue(chains.isActive(BASE), "the other chain is untouched");
    }

    function test_removeChain_rejected_notApplied() public {
        vm.prank(governance);
        uint256 id = registry.scheduleRemoveChain(ZORA, 0);
        vm.prank(council);
        registry.rejectChange(id);
        vm.warp(block.timestamp + 30 days);
        assertTrue(chains.isListed(ZORA), "still a member");
        assertEq(chains.chain(ZORA).removedAt, 0, "no removal time");
    }

    function test_scheduleRemoveChain_notListed_reverts() public {
        vm.expectRevert(abi.encodeWithSelector(ISequencerConfigRegistry.SequencerConfigChainNotActive.selector, OP));
        vm.prank(governance);
        registry.scheduleRemoveChain(OP, 0);
        _removeChain(ZORA);
        vm.expectRevert(abi.encodeWithSelector(ISequencerConfigRegistry.SequencerConfigChainNotActive.selector, ZORA));
        vm.prank(governance);
        registry.scheduleRemoveChain(ZORA, 0); // already being removed
    }

    // ---------------------------------------------------------------- re-addition

    function test_reAdd_afterRemoval_keepsHistory() public {
        uint48 removedAt = _removeChain(ZORA);
        vm.warp(removedAt + 1 days);
        address newOperator = address(0x0A02);
        uint48 rejoinsAt = _addChain(ZORA, "zora-local-2", newOperator);

        I.MemberChain memory record = chains.chain(ZORA);
        assertEq(uint256(record.status), uint256(I.ChainStatus.Active), "added again");
        assertEq(record.joinedAt, rejoinsAt, "rejoins at activation");
        assertEq(record.removedAt, 0, "removal cleared");
        assertEq(record.name, "zora-local-2", "new name");
        assertEq(chains.chainIds().length, 2, "same id, listed once");

        vm.warp(rejoinsAt);
        assertTrue(chains.isListed(ZORA), "a member again");
        assertEq(chains.operatorOf(ZORA), newOperator, "its new operator");
        assertTrue(chains.isActiveAt(ZORA, removedAt - 1), "history: member before removal");
        assertFalse(chains.isActiveAt(ZORA, removedAt), "history: out after removal");
        assertFalse(chains.isActiveAt(ZORA, rejoinsAt - 1), "history: out until re-added");
        assertEq(chains.operatorAt(ZORA, removedAt), zoraOperator, "history: old operator");
    }

    function test_reAdd_whileRemovalPending_activatesAfterIt() public {
        vm.prank(governance);
        uint256 removal = registry.scheduleRemoveChain(ZORA, uint48(START + 10 days));
        _approve(removal);
        uint48 rejoinsAt = _addChain(ZORA, "zora-local", zoraOperator);
        assertEq(rejoinsAt, START + 10 days, "a chain's changes activate in approval order");
        vm.warp(START + 10 days);
        assertTrue(chains.isListed(ZORA), "removed and added again at the same time: still a member");
    }

    // ---------------------------------------------------------------- ordering with operators

    function test_membershipAndOperator_shareOneOrder() public {
        vm.prank(governance);
        uint256 replacement = registry.scheduleOperator(ZORA, stranger, uint48(START + 20 days));
        _approve(replacement);
        uint48 removesAt = _removeChain(ZORA);
        assertEq(removesAt, START + 20 days, "removal not before the approved replacement");
    }

    function test_operatorReplacement_forRemovedChain_reverts() public {
        vm.prank(governance);
        uint256 id = registry.scheduleOperator(ZORA, stranger, 0);
        _removeChain(ZORA);
        vm.prank(council);
        vm.expectRevert(abi.encodeWithSelector(I.MemberChainRegistryChainNotActive.selector, ZORA));
        registry.approveChange(id);
    }

    // ---------------------------------------------------------------- binding the applier

    function test_setChangeApplier_onlyDeployer_once_toARegistryOfThisOne() public {
        I.InitialChain[] memory none = new I.InitialChain[](0);
        MemberChainRegistry fresh = new MemberChainRegistry(none);
        address elsewhere = address(registry); // a config registry, but of another member registry

        vm.prank(governance);
        vm.expectRevert(abi.encodeWithSelector(I.MemberChainRegistryOnlyDeployer.selector, governance));
        fresh.setChangeApplier(elsewhere);
        vm.expectRevert(abi.encodeWithSelector(I.MemberChainRegistryInvalidChangeApplier.selector, address(this)));
        fresh.setChangeApplier(address(this)); // the deployer cannot make itself the applier
        vm.expectRevert(abi.encodeWithSelector(I.MemberChainRegistryInvalidChangeApplier.selector, stranger));
        fresh.setChangeApplier(stranger);
        vm.expectRevert(abi.encodeWithSelector(I.MemberChainRegistryInvalidChangeApplier.selector, elsewhere));
        fresh.setChangeApplier(elsewhere);

        SequencerConfigRegistry own = new SequencerConfigRegistry(fresh, governance, council, _defaults(), MIN_DELAY, WINDOW);
        vm.expectEmit(address(fresh));
        emit I.ChangeApplierSet(address(own));
        fresh.setChangeApplier(address(own));
        assertEq(fresh.changeApplier(), address(own), "bound");
        vm.expectRevert(abi.encodeWithSelector(I.MemberChainRegistryChangeApplierAlreadySet.selector, address(own)));
        fresh.setChangeApplier(address(own));
    }
}
