// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {CrosschainSlots} from "../../../contracts/crosschain/CrosschainSlots.sol";
import {HubStateOracle} from "../../../contracts/crosschain/HubStateOracle.sol";
import {IOutputOracle} from "../../../contracts/crosschain/IOutputOracle.sol";
import {IHubStateOracle} from "../../../contracts/crosschain/IHubStateOracle.sol";
import {IRootOracle as R} from "../../../contracts/crosschain/IRootOracle.sol";
import {IRootSettings as I} from "../../../contracts/crosschain/IRootSettings.sol";
import {StubStateProofVerifier} from "../../../contracts/mocks/StubStateProofVerifier.sol";
import {OutputOracleFixture} from "./OutputOracleFixture.sol";
import {VmLoad} from "./SpokeFixture.sol";

contract RootSettingsTest is OutputOracleFixture {
    VmLoad private constant vmLoad = VmLoad(address(uint160(uint256(keccak256("hevm cheat code")))));

    function test_constructor_wiring() public view {
        assertEq(settings.governance(), governance, "governance from the config registry");
        assertEq(settings.council(), council, "council from the config registry");
        assertEq(address(settings.memberChains()), address(chains), "member chains");
        assertEq(address(settings.configRegistry()), address(registry), "config registry");
        assertEq(settings.outputRules().challengeWindow, CHALLENGE, "output window");
        assertEq(settings.hubStateRules().maxBlockStep, MAX_STEP, "hub-state step");
        assertEq(settings.memberRolesSlot(BASE), CrosschainSlots.memberRolesSlot(BASE), "slot");
    }

    function test_updateRules_byGovernance() public {
        R.RootRules memory rules = R.RootRules(6 hours, 1_000_000);
        vm.expectEmit(address(settings));
        emit I.OutputRulesUpdated(_rules(), rules);
        vm.prank(governance);
        settings.updateOutputRules(rules);
        assertEq(settings.outputRules().challengeWindow, 6 hours, "output window");

        vm.expectEmit(address(settings));
        emit I.HubStateRulesUpdated(_rules(), rules);
        vm.prank(governance);
        settings.updateHubStateRules(rules);
        assertEq(settings.hubStateRules().maxBlockStep, 1_000_000, "hub-state step");
        assertEq(settings.memberRoles(BASE).rules.challengeWindow, 6 hours, "roles carry the hub-state rules");
    }

    function testFuzz_updateRules_withinBounds(uint32 window, uint64 step) public {
        bool inBounds = window >= 1 && window <= 7 days && step >= 10_000 && step <= 100_000_000;
        bool aboveFloor = window >= MIN_WINDOW;
        vm.prank(governance);
        if (!inBounds) vm.expectRevert(abi.encodeWithSelector(R.RootRulesOutOfBounds.selector, window, step));
        else if (!aboveFloor) vm.expectRevert(abi.encodeWithSelector(I.RootSettingsWindowBelowFloor.selector, window, MIN_WINDOW));
        settings.updateHubStateRules(R.RootRules(window, step));
        if (inBounds && aboveFloor) assertEq(settings.hubStateRules().challengeWindow, window, "set");
    }

    function test_updateRules_neverBelowTheDeploymentFloor() public {
        assertEq(settings.minChallengeWindow(), MIN_WINDOW, "floor");
        vm.prank(governance);
        vm.expectRevert(abi.encodeWithSelector(I.RootSettingsWindowBelowFloor.selector, MIN_WINDOW - 1, MIN_WINDOW));
        settings.updateOutputRules(R.RootRules(MIN_WINDOW - 1, MAX_STEP));
        vm.prank(governance);
        settings.updateOutputRules(R.RootRules(MIN_WINDOW, MAX_STEP));
        assertEq(settings.outputRules().challengeWindow, MIN_WINDOW, "at the floor");
    }

    function test_publishMemberRoles_writesTheProvenSlot() public {
        R.MemberRoles memory roles = R.MemberRoles(baseOperator, council, _rules());
        bytes32 commitment = keccak256(abi.encode(baseOperator, council, CHALLENGE, MAX_STEP));
        vm.expectEmit(address(settings));
        emit I.MemberRolesPublished(BASE, roles, commitment);
        vm.prank(stranger);
        assertEq(settings.publishMemberRoles(BASE), commitment, "returned");
        assertEq(vmLoad.load(address(settings), CrosschainSlots.memberRolesSlot(BASE)), commitment, "at the slot");
        assertEq(settings.publishedRoles(BASE), commitment, "view");
        assertEq(settings.publishedRoles(ZORA), bytes32(0), "per chain");

        vm.expectRevert(abi.encodeWithSelector(I.RootSettingsChainNotActive.selector, 999));
        settings.publishMemberRoles(999);
    }

    /**
     * @notice ReplaceOperator, scheduled by governance and approved by the council on the registry,
     * moves posting rights on the hub's OutputOracle at activation, and on the member chain's
     * HubStateOracle once someone publishes and syncs the roles by proof.
     */
    function test_replaceOperator_movesPostingRightsOnBothOracles() public {
        StubStateProofVerifier verifier = new StubStateProofVerifier();
        HubStateOracle member = new HubStateOracle(verifier, address(settings), settings.memberRoles(BASE), 0);
        address newOperator = address(0x0A01);
        uint48 activatesAt = _replaceOperator(BASE, newOperator);
        vm.warp(activatesAt);

        // Hub: the registry answers at once.
        _post(BASE, newOperator, 1);
        vm.prank(baseOperator);
        vm.expectRevert(abi.encodeWithSelector(IOutputOracle.OutputOracleNotOperator.selector, BASE, baseOperator, newOperator));
        oracle.postOutput(BASE, 2, _hash(BASE, 2), _root(BASE, 2), 1, uint48(block.timestamp));

        // Member: publish on the hub, a hub state holding it is posted (still by the old operator) and ages.
        settings.publishMemberRoles(BASE);
        bytes32 slot = CrosschainSlots.memberRolesSlot(BASE);
        bytes32 hubRoot = keccak256("hub state 7");
        verifier.setStorage(hubRoot, address(settings), slot, vmLoad.load(address(settings), slot));
        vm.chainId(BASE);
        vm.prank(baseOperator);
        member.postHubState(7, keccak256("hub block 7"), hubRoot, uint48(block.timestamp));
        vm.warp(block.timestamp + CHALLENGE);
        member.syncRoles(7, settings.memberRoles(BASE), new bytes[](0), new bytes[](0));

        assertEq(member.roles().operator, newOperator, "member follows the hub");
        vm.prank(baseOperator);
        vm.expectRevert(abi.encodeWithSelector(IHubStateOracle.HubStateOracleNotOperator.selector, baseOperator, newOperator));
        member.postHubState(8, keccak256("h8"), keccak256("r8"), uint48(block.timestamp));
        vm.prank(newOperator);
        member.postHubState(8, keccak256("h8"), keccak256("r8"), uint48(block.timestamp));
    }
}
