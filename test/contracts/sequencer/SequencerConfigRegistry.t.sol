// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {ISequencerConfigRegistry as I} from "../../../contracts/sequencer/ISequencerConfigRegistry.sol";
import {RegistryFixture} from "./RegistryFixture.sol";

contract SequencerConfigRegistryTest is RegistryFixture {
    function test_defaults_inForceFromDeployment() public view {
        I.Config memory config = registry.currentConfig(BASE);
        assertEq(config.parameters.blockTimeMs, 2_000, "block time");
        assertEq(config.parameters.commitmentInterval, 10, "commitment interval");
        assertEq(config.version, 1, "version");
        assertEq(config.activatedAt, START, "activated at deployment");
        assertEq(registry.council(), council, "council");
        assertEq(registry.governance(), governance, "governance");
        assertEq(address(registry.memberChains()), address(chains), "member chains");
    }

    function test_configAt_beforeDeployment_andUnknownChain_revert() public {
        vm.expectRevert(abi.encodeWithSelector(I.SequencerConfigBeforeGenesis.selector, START - 1));
        registry.configAt(BASE, START - 1);
        vm.expectRevert(abi.encodeWithSelector(I.SequencerConfigUnknownChain.selector, 999));
        registry.currentConfig(999);
    }

    function test_approvedChange_activatesAtMaxOfRequestedAndDelay() public {
        uint256 id = _scheduleBlockTime(BASE, 1_000, uint48(START + 10 minutes));
        assertEq(uint256(registry.changeStatus(id)), uint256(I.ChangeStatus.AwaitingCouncil), "awaiting");
        vm.warp(START + 5 minutes);
        vm.expectEmit(address(registry));
        emit I.ChangeApproved(id, uint48(START + 5 minutes + MIN_DELAY));
        _approve(id);
        uint256 activation = START + 5 minutes + MIN_DELAY; // approval + delay beats the requested time
        assertEq(uint256(registry.changeStatus(id)), uint256(I.ChangeStatus.Approved), "approved");
        assertEq(_blockTimeAt(BASE, activation - 1), 2_000, "old value before activation");
        assertEq(_blockTimeAt(BASE, activation), 1_000, "new value at activation");
        assertEq(registry.configAt(BASE, activation).version, 2, "version increased");
        assertEq(registry.configAt(ZORA, activation).version, 1, "other chain untouched");
        vm.warp(activation);
        assertEq(uint256(registry.changeStatus(id)), uint256(I.ChangeStatus.Active), "active");
        assertEq(registry.currentConfig(BASE).parameters.blockTimeMs, 1_000, "current");
    }

    function test_laterRequestedTime_wins() public {
        uint48 requested = uint48(START + 3 days);
        uint256 id = _scheduleBlockTime(BASE, 1_000, requested);
        _approve(id);
        assertEq(registry.getChange(id).activatesAt, requested, "requested time kept");
    }

    function test_chainOverrides_inheritTheGlobalDefault() public {
        _approve(_scheduleBlockTime(BASE, 1_000, 0));
        I.Parameters memory p;
        p.maxTxPerBlock = 42;
        vm.prank(governance);
        uint256 globalId = registry.scheduleParameters(0, 2, p, 0);
        _approve(globalId);
        vm.warp(block.timestamp + MIN_DELAY);

        I.Config memory base = registry.currentConfig(BASE);
        I.Config memory zora = registry.currentConfig(ZORA);
        assertEq(base.parameters.blockTimeMs, 1_000, "base keeps its own block time");
        assertEq(base.parameters.maxTxPerBlock, 42, "base inherits the new global limit");
        assertEq(zora.parameters.blockTimeMs, 2_000, "zora inherits the global block time");
        assertEq(zora.parameters.maxTxPerBlock, 42, "zora inherits the new global limit");
        assertEq(base.version, 3, "base version follows the newer global change");
        assertEq(zora.version, 3, "zora version");
    }

    function test_changesOfOneScope_activateInApprovalOrder() public {
        uint256 late = _scheduleBlockTime(BASE, 1_000, uint48(START + 5 days));
        uint256 early = _scheduleBlockTime(BASE, 3_000, uint48(START + 1 days));
        _approve(late);
        _approve(early); // approved second: cannot overtake the first
        assertEq(registry.getChange(early).activatesAt, START + 5 days, "held back to the earlier approval");
        assertEq(_blockTimeAt(BASE, START + 5 days), 3_000, "the later approval wins at that time");
        assertEq(_blockTimeAt(BASE, START + 2 days), 2_000, "nothing in force before");
    }

    function test_reject_cancel_expire() public {
        uint256 rejected = _scheduleBlockTime(BASE, 1_000, 0);
        vm.prank(council);
        registry.rejectChange(rejected);
        assertEq(uint256(registry.changeStatus(rejected)), uint256(I.ChangeStatus.Rejected), "rejected");
        vm.prank(council);
        vm.expectRevert(
            abi.encodeWithSelector(I.SequencerConfigChangeNotAwaiting.selector, rejected, I.ChangeStatus.Rejected)
        );
        registry.approveChange(rejected);

        uint256 cancelled = _scheduleBlockTime(BASE, 1_000, 0);
        vm.prank(governance);
        registry.cancelChange(cancelled);
        assertEq(uint256(registry.changeStatus(cancelled)), uint256(I.ChangeStatus.Cancelled), "cancelled");

        uint256 expiring = _scheduleBlockTime(BASE, 1_000, 0);
        vm.warp(block.timestamp + WINDOW);
        assertEq(uint256(registry.changeStatus(expiring)), uint256(I.ChangeStatus.Expired), "expired");
        vm.prank(council);
        vm.expectRevert(
            abi.encodeWithSelector(I.SequencerConfigChangeNotAwaiting.selector, expiring, I.ChangeStatus.Expired)
        );
        registry.approveChange(expiring);
        assertEq(registry.currentConfig(BASE).parameters.blockTimeMs, 2_000, "nothing changed");
        assertEq(registry.currentConfig(BASE).version, 1, "version unchanged");
    }

    function test_unknownChange_reverts() public {
        vm.expectRevert(abi.encodeWithSelector(I.SequencerConfigUnknownChange.selector, 7));
        registry.getChange(7);
        vm.prank(council);
        vm.expectRevert(abi.encodeWithSelector(I.SequencerConfigUnknownChange.selector, 7));
        registry.approveChange(7);
    }

    function test_releases_newestRequiredAndRecommended() public {
        (bool found, ) = registry.newestRequiredRelease();
        assertFalse(found, "no release yet");
        _scheduleAndApproveRelease(1, 2, 0, I.ReleaseKind.Required, 0);
        _scheduleAndApproveRelease(1, 3, 0, I.ReleaseKind.Recommended, 0);
        _scheduleAndApproveRelease(1, 10, 1, I.ReleaseKind.Required, uint48(START + 30 days)); // not yet active
        vm.warp(block.timestamp + MIN_DELAY);

        (bool hasRequired, I.Release memory required) = registry.newestRequiredRelease();
        (bool hasRecommended, I.Release memory recommended) = registry.newestRecommendedRelease();
        assertTrue(hasRequired && hasRecommended, "both found");
        assertEq(required.minor, 2, "required 1.2.0");
        assertEq(recommended.minor, 3, "recommended 1.3.0");
        vm.warp(START + 30 days);
        (, required) = registry.newestRequiredRelease();
        assertEq(required.minor, 10, "1.10.1 once active (numeric, not lexical, order)");
        (I.Release[] memory all, uint48[] memory activations) = registry.releases();
        assertEq(all.length, 3, "three approved");
        assertEq(activations[2], START + 30 days, "activation recorded");
    }

    function test_invalidRelease_reverts() public {
        I.Release memory noDigest = I.Release(1, 0, 0, I.ReleaseKind.Required, bytes32(0));
        vm.prank(governance);
        vm.expectRevert(abi.encodeWithSelector(I.SequencerConfigInvalidRelease.selector, noDigest));
        registry.scheduleRelease(noDigest, 0);
        I.Release memory zeroVersion = I.Release(0, 0, 0, I.ReleaseKind.Required, keccak256("build"));
        vm.prank(governance);
        vm.expectRevert(abi.encodeWithSelector(I.SequencerConfigInvalidRelease.selector, zeroVersion));
        registry.scheduleRelease(zeroVersion, 0);
    }

    function _scheduleAndApproveRelease(uint16 major, uint16 minor, uint16 patch, I.ReleaseKind kind, uint48 at) private {
        bytes32 digest = sha256(abi.encode(minor, patch)); // before the prank: sha256 is a call too
        vm.prank(governance);
        uint256 id = registry.scheduleRelease(I.Release(major, minor, patch, kind, digest), at);
        _approve(id);
    }

    function test_councilReplacement_takesEffectAtActivation() public {
        address newCouncil = address(0xC0C2);
        vm.prank(governance);
        uint256 id = registry.scheduleCouncil(newCouncil, 0);
        _approve(id);
        uint256 pending = _scheduleBlockTime(BASE, 1_000, 0);
        vm.prank(newCouncil);
        vm.expectRevert(abi.encodeWithSelector(I.SequencerConfigOnlyCouncil.selector, newCouncil));
        registry.approveChange(pending); // not yet in office

        vm.warp(block.timestamp + MIN_DELAY);
        assertEq(registry.council(), newCouncil, "replaced");
        vm.prank(council);
        vm.expectRevert(abi.encodeWithSelector(I.SequencerConfigOnlyCouncil.selector, council));
        registry.approveChange(pending); // the old council has no power left
        vm.prank(newCouncil);
        registry.approveChange(pending);
    }

    function test_operatorReplacement_scheduledInMemberChainRegistry() public {
        address newOperator = address(0x0911);
        vm.prank(governance);
        uint256 id = registry.scheduleOperator(BASE, newOperator, uint48(START + 2 days));
        _approve(id);
        assertEq(chains.operatorOf(BASE), baseOperator, "old operator until activation");
        assertEq(chains.operatorAt(BASE, START + 2 days), newOperator, "new operator from activation");
        vm.warp(START + 2 days);
        assertEq(chains.operatorOf(BASE), newOperator, "in force");
    }

    function test_pause_byCouncil_unpause_byEither() public {
        vm.prank(council);
        registry.pause(BASE);
        assertTrue(registry.isPaused(BASE), "base paused");
        assertFalse(registry.isPaused(ZORA), "zora running");
        vm.prank(council);
        vm.expectRevert(abi.encodeWithSelector(I.SequencerConfigAlreadyPaused.selector, BASE));
        registry.pause(BASE);
        vm.prank(governance);
        registry.unpause(BASE);
        assertFalse(registry.isPaused(BASE), "base resumed by governance");

        vm.prank(council);
        registry.pause(0);
        assertTrue(registry.isPaused(BASE) && registry.isPaused(ZORA), "all paused");
        vm.prank(council);
        registry.unpause(0);
        assertFalse(registry.isPaused(ZORA), "all resumed by the council");
        vm.prank(council);
        vm.expectRevert(abi.encodeWithSelector(I.SequencerConfigNotPaused.selector, 0));
        registry.unpause(0);
        vm.prank(council);
        vm.expectRevert(abi.encodeWithSelector(I.SequencerConfigChainNotActive.selector, 999));
        registry.pause(999);
    }

    function test_scheduling_badInput_reverts() public {
        vm.startPrank(governance);
        vm.expectRevert(abi.encodeWithSelector(I.SequencerConfigInvalidMask.selector, 0));
        registry.scheduleParameters(BASE, 0, _blockTime(1_000), 0);
        vm.expectRevert(abi.encodeWithSelector(I.SequencerConfigChainNotActive.selector, 999));
        registry.scheduleParameters(999, 1, _blockTime(1_000), 0);
        vm.expectRevert(abi.encodeWithSelector(I.SequencerConfigInvalidAddress.selector, address(0)));
        registry.scheduleCouncil(address(0), 0);
        vm.expectRevert(abi.encodeWithSelector(I.SequencerConfigInvalidAddress.selector, address(0)));
        registry.scheduleOperator(BASE, address(0), 0);
        uint48 tooFar = uint48(block.timestamp + 366 days);
        vm.expectRevert(
            abi.encodeWithSelector(I.SequencerConfigActivationTooFar.selector, tooFar, uint48(block.timestamp + 365 days))
        );
        registry.scheduleParameters(BASE, 1, _blockTime(1_000), tooFar);
        vm.expectRevert(abi.encodeWithSelector(I.SequencerConfigSettingOutOfBounds.selector, 31 days, 0, 30 days));
        registry.updateMinActivationDelay(31 days);
        vm.expectRevert(abi.encodeWithSelector(I.SequencerConfigSettingOutOfBounds.selector, 1, 1 hours, 90 days));
        registry.updateApprovalWindow(1);
        registry.updateApprovalWindow(2 days);
        assertEq(registry.approvalWindow(), 2 days, "window updated");
        vm.stopPrank();
    }

    /// forge-config: default.fuzz.runs = 256
    function testFuzz_parameterBounds(uint8 fieldIndex, uint256 value) public {
        uint8 index = uint8(bound(fieldIndex, 0, 7));
        I.Bounds memory b = registry.parameterBounds();
        uint256 min = _field(b.min, index);
        uint256 max = _field(b.max, index);
        // Half the runs inside the bounds, half anywhere a field of its width can hold.
        uint256 widest = index == 2 || index == 4 ? type(uint64).max : (index == 3 ? 1 : type(uint32).max);
        value = value % 2 == 0 ? bound(value, min, max) : bound(value, 0, widest);
        I.Parameters memory p = _withField(index, value);

        vm.prank(governance);
        if (value < min || value > max) {
            vm.expectRevert(abi.encodeWithSelector(I.SequencerConfigParameterOutOfBounds.selector, index, value, min, max));
        }
        registry.scheduleParameters(BASE, uint8(1 << index), p, 0);
    }

    function _field(I.Parameters memory p, uint8 index) private pure returns (uint256) {
        if (index == 0) return p.blockTimeMs;
        if (index == 1) return p.maxTxPerBlock;
        if (index == 2) return p.maxBlockGas;
        if (index == 3) return uint256(p.orderingPolicy);
        if (index == 4) return p.minPriorityFeeWei;
        if (index == 5) return p.maxTxBytes;
        if (index == 6) return p.maxPendingPerSender;
        return p.commitmentInterval;
    }

    function _withField(uint8 index, uint256 value) private pure returns (I.Parameters memory p) {
        if (index == 0) p.blockTimeMs = uint32(value);
        else if (index == 1) p.maxTxPerBlock = uint32(value);
        else if (index == 2) p.maxBlockGas = uint64(value);
        else if (index == 3) p.orderingPolicy = I.OrderingPolicy(value);
        else if (index == 4) p.minPriorityFeeWei = uint64(value);
        else if (index == 5) p.maxTxBytes = uint32(value);
        else if (index == 6) p.maxPendingPerSender = uint32(value);
        else p.commitmentInterval = uint32(value);
    }
}
