// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {CrosschainSlots} from "../../../contracts/crosschain/CrosschainSlots.sol";
import {HubStateOracle} from "../../../contracts/crosschain/HubStateOracle.sol";
import {IHubStateOracle} from "../../../contracts/crosschain/IHubStateOracle.sol";
import {IOutputOracle} from "../../../contracts/crosschain/IOutputOracle.sol";
import {IRootOracle as R} from "../../../contracts/crosschain/IRootOracle.sol";
import {IRootSettings} from "../../../contracts/crosschain/IRootSettings.sol";
import {StubStateProofVerifier} from "../../../contracts/mocks/StubStateProofVerifier.sol";
import {OutputOracleFixture} from "./OutputOracleFixture.sol";

/**
 * @notice Every function of the challengeable roots, called by governance, the council, a chain
 * operator and a stranger: each caller without the right gets the custom error naming it; the
 * permissionless ones succeed for all.
 */
contract RootAccessControlTest is OutputOracleFixture {
    StubStateProofVerifier private verifier;
    HubStateOracle private member;
    R.MemberRoles private published;

    function setUp() public override {
        super.setUp();
        verifier = new StubStateProofVerifier();
        vm.chainId(BASE);
        member = new HubStateOracle(verifier, address(settings), settings.memberRoles(BASE), 0);
        // One usable hub state holding BASE's published roles, and one root in its window on each oracle.
        settings.publishMemberRoles(BASE);
        published = settings.memberRoles(BASE);
        bytes32 slot = CrosschainSlots.memberRolesSlot(BASE);
        verifier.setStorage(_root(0, 5), address(settings), slot, CrosschainSlots.memberRolesCommitment(published));
        vm.startPrank(baseOperator);
        member.postHubState(5, _hash(0, 5), _root(0, 5), uint48(block.timestamp));
        _passWindow();
        member.postHubState(6, _hash(0, 6), _root(0, 6), uint48(block.timestamp));
        vm.stopPrank();
        _post(BASE, baseOperator, 10);
    }

    function _roles() private view returns (address[4] memory) {
        return [governance, council, baseOperator, stranger];
    }

    /// @dev Calls `data` on `target` as each role; only `allowed` succeeds, the others revert with `errorFor(role)`.
    function _matrix(address target, bytes memory data, address allowed, bytes4 selector, bool namesHolder) private {
        address[4] memory roles = _roles();
        for (uint256 r = 0; r < roles.length; r++) {
            uint256 snapshot = vm.snapshotState();
            vm.prank(roles[r]);
            (bool ok, bytes memory revertData) = target.call(data);
            if (allowed == address(0) || roles[r] == allowed) {
                assertTrue(ok, "allowed caller was refused");
            } else {
                assertFalse(ok, "unauthorized caller succeeded");
                bytes memory expected = namesHolder
                    ? abi.encodeWithSelector(selector, roles[r], allowed)
                    : abi.encodeWithSelector(selector, roles[r]);
                assertEq(keccak256(revertData), keccak256(expected), "custom error naming the caller");
            }
            vm.revertToState(snapshot);
        }
    }

    function test_rootSettings_governanceOnly() public {
        R.RootRules memory rules = R.RootRules(2 hours, 20_000);
        bytes4 onlyGov = IRootSettings.RootSettingsOnlyGovernance.selector;
        _matrix(address(settings), abi.encodeCall(settings.updateOutputRules, (rules)), governance, onlyGov, false);
        _matrix(address(settings), abi.encodeCall(settings.updateHubStateRules, (rules)), governance, onlyGov, false);
    }

    function test_rootSettings_publishIsPermissionless() public {
        _matrix(address(settings), abi.encodeCall(settings.publishMemberRoles, (BASE)), address(0), 0, false);
    }

    function test_outputOracle() public {
        _matrix(
            address(oracle),
            abi.encodeCall(oracle.rejectOutputs, (BASE, 10, _root(BASE, 10))),
            council,
            R.RootOracleNotCouncil.selector,
            true
        );
        _matrix(
            address(oracle),
            abi.encodeCall(oracle.updateAnchor, (ZORA, 100)),
            governance,
            IOutputOracle.OutputOracleOnlyGovernance.selector,
            false
        );
        address[4] memory roles = _roles();
        for (uint256 r = 0; r < roles.length; r++) {
            uint256 snapshot = vm.snapshotState();
            vm.prank(roles[r]);
            (bool ok, bytes memory revertData) = address(oracle).call(_postCall(BASE, 11));
            if (roles[r] == baseOperator) assertTrue(ok, "operator refused");
            else {
                bytes memory expected = abi.encodeWithSelector(IOutputOracle.OutputOracleNotOperator.selector, BASE, roles[r], baseOperator);
                assertEq(keccak256(revertData), keccak256(expected), "post: error names caller and operator");
            }
            vm.revertToState(snapshot);
        }
    }

    function test_hubStateOracle() public {
        _matrix(
            address(member),
            abi.encodeCall(member.postHubState, (7, _hash(0, 7), _root(0, 7), uint48(block.timestamp))),
            baseOperator,
            IHubStateOracle.HubStateOracleNotOperator.selector,
            true
        );
        _matrix(
            address(member),
            abi.encodeCall(member.rejectHubStates, (6, _root(0, 6))),
            council,
            R.RootOracleNotCouncil.selector,
            true
        );
        _matrix(
            address(member),
            abi.encodeCall(member.syncRoles, (5, published, new bytes[](0), new bytes[](0))),
            address(0),
            0,
            false
        );
    }
}
