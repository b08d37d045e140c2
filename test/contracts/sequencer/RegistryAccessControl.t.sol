// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IMemberChainRegistry} from "../../../contracts/sequencer/IMemberChainRegistry.sol";
import {ISequencerConfigRegistry as I} from "../../../contracts/sequencer/ISequencerConfigRegistry.sol";
import {RegistryFixture} from "./RegistryFixture.sol";

/**
 * @notice Every restricted function of both registries, called by governance, the council, a
 * chain operator and a stranger: each caller without the right gets the custom error naming it.
 */
contract RegistryAccessControlTest is RegistryFixture {
    uint256 private pending;

    function setUp() public override {
        super.setUp();
        pending = _scheduleBlockTime(BASE, 1_000, 0);
        vm.prank(council);
        registry.pause(ZORA); // so that unpause has something to lift
    }

    function _roles() private view returns (address[4] memory) {
        return [governance, council, baseOperator, stranger];
    }

    function _expect(address target, bytes memory data, address caller, bool allowed, bytes memory expected) private {
        uint256 snapshot = vm.snapshotState();
        vm.prank(caller);
        (bool ok, bytes memory revertData) = target.call(data);
        if (allowed) {
            assertTrue(ok, "allowed caller was refused");
        } else {
            assertFalse(ok, "unauthorized caller succeeded");
            assertEq(keccak256(revertData), keccak256(expected), "custom error naming the caller");
        }
        vm.revertToState(snapshot);
    }

    function test_governanceOnly_functions() public {
        bytes[9] memory calls = [
            abi.encodeCall(registry.scheduleParameters, (BASE, 1, _blockTime(1_500), 0)),
            abi.encodeCall(registry.scheduleRelease, (I.Release(1, 0, 0, I.ReleaseKind.Required, keccak256("b")), 0)),
            abi.encodeCall(registry.scheduleCouncil, (stranger, 0)),
            abi.encodeCall(registry.scheduleOperator, (BASE, stranger, 0)),
            abi.encodeCall(registry.scheduleAddChain, (903, "op-local", stranger, 0)),
            abi.encodeCall(registry.scheduleRemoveChain, (ZORA, 0)),
            abi.encodeCall(registry.cancelChange, (pending)),
            abi.encodeCall(registry.updateMinActivationDelay, (2 hours)),
            abi.encodeCall(registry.updateApprovalWindow, (3 days))
        ];
        address[4] memory roles = _roles();
        for (uint256 f = 0; f < calls.length; f++) {
            for (uint256 r = 0; r < roles.length; r++) {
                _expect(
                    address(registry),
                    calls[f],
                    roles[r],
                    roles[r] == governance,
                    abi.encodeWithSelector(I.SequencerConfigOnlyGovernance.selector, roles[r])
                );
            }
        }
    }

    function test_councilOnly_functions() public {
        bytes[3] memory calls = [
            abi.encodeCall(registry.approveChange, (pending)),
            abi.encodeCall(registry.rejectChange, (pending)),
            abi.encodeCall(registry.pause, (BASE))
        ];
        address[4] memory roles = _roles();
        for (uint256 f = 0; f < calls.length; f++) {
            for (uint256 r = 0; r < roles.length; r++) {
                _expect(
                    address(registry),
                    calls[f],
                    roles[r],
                    roles[r] == council,
                    abi.encodeWithSelector(I.SequencerConfigOnlyCouncil.selector, roles[r])
                );
            }
        }
    }

    function test_unpause_governanceOrCouncil() public {
        address[4] memory roles = _roles();
        for (uint256 r = 0; r < roles.length; r++) {
            _expect(
                address(registry),
                abi.encodeCall(registry.unpause, (ZORA)),
                roles[r],
                roles[r] == governance || roles[r] == council,
                abi.encodeWithSelector(I.SequencerConfigOnlyGovernanceOrCouncil.selector, roles[r])
            );
        }
    }

    /**
     * Nobody changes the member chain registry directly, governance and the deployer included: every
     * change comes from the config registry, after the council approved it. The deployer's one-shot
     * binding is spent at deployment.
     */
    function test_memberChainRegistry_functions() public {
        address deployer = address(this);
        address[5] memory callers = [governance, council, baseOperator, stranger, deployer];
        uint48 at = uint48(block.timestamp);
        for (uint256 r = 0; r < callers.length; r++) {
            address caller = callers[r];
            bytes memory notApplier = abi.encodeWithSelector(
                IMemberChainRegistry.MemberChainRegistryOnlyChangeApplier.selector,
                caller
            );
            _expect(address(chains), abi.encodeCall(chains.addChain, (903, "op-local", stranger, at)), caller, false, notApplier);
            _expect(address(chains), abi.encodeCall(chains.removeChain, (ZORA, at)), caller, false, notApplier);
            _expect(address(chains), abi.encodeCall(chains.scheduleOperator, (BASE, stranger, at)), caller, false, notApplier);
            _expect(
                address(chains),
                abi.encodeCall(chains.setChangeApplier, (stranger)),
                caller,
                false,
                caller == deployer
                    ? abi.encodeWithSelector(
                        IMemberChainRegistry.MemberChainRegistryChangeApplierAlreadySet.selector,
                        address(registry)
                    )
                    : abi.encodeWithSelector(IMemberChainRegistry.MemberChainRegistryOnlyDeployer.selector, caller)
            );
        }
    }

    /// The config registry applies a membership change only through the council's approval.
    function test_membershipChanges_needTheCouncil() public {
        vm.startPrank(governance);
        uint256 add = registry.scheduleAddChain(903, "op-local", stranger, 0);
        uint256 remove = registry.scheduleRemoveChain(ZORA, 0);
        vm.stopPrank();
        address[4] memory roles = _roles();
        for (uint256 r = 0; r < roles.length; r++) {
            bytes memory notCouncil = abi.encodeWithSelector(I.SequencerConfigOnlyCouncil.selector, roles[r]);
            _expect(address(registry), abi.encodeCall(registry.approveChange, (add)), roles[r], roles[r] == council, notCouncil);
            _expect(address(registry), abi.encodeCall(registry.approveChange, (remove)), roles[r], roles[r] == council, notCouncil);
        }
    }
}
