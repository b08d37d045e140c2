// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {CrosschainSlots} from "../../../contracts/crosschain/CrosschainSlots.sol";
import {IHubStateOracle as I} from "../../../contracts/crosschain/IHubStateOracle.sol";
import {IRootOracle as R} from "../../../contracts/crosschain/IRootOracle.sol";
import {HubStateOracle} from "../../../contracts/crosschain/HubStateOracle.sol";
import {StubStateProofVerifier} from "../../../contracts/mocks/StubStateProofVerifier.sol";
import {Test} from "../utils/Test.sol";

/// @notice The member-chain side: roles set at deployment and then only by proof of the hub's publication.
contract HubStateOracleTest is Test {
    uint256 private constant START = 1_800_000_000;
    uint32 private constant CHALLENGE = 10 minutes;
    uint64 private constant MAX_STEP = 10_000;

    address private operator = address(0x0901);
    address private council = address(0xC0C1);
    address private otherOperator = address(0x0902);
    address private stranger = address(0xBAD);
    address private settings = address(0x5E77); // the hub's RootSettings (an address on another chain)

    StubStateProofVerifier private verifier;
    HubStateOracle private oracle;

    function setUp() public {
        vm.warp(START);
        verifier = new StubStateProofVerifier();
        oracle = new HubStateOracle(verifier, settings, _roles(operator, CHALLENGE), 0);
    }

    function _roles(address operator_, uint32 window) private view returns (R.MemberRoles memory) {
        return R.MemberRoles({operator: operator_, council: council, rules: R.RootRules(window, MAX_STEP)});
    }

    function _hash(uint256 n) private pure returns (bytes32) {
        return keccak256(abi.encode("hub block", n));
    }

    function _root(uint256 n) private pure returns (bytes32) {
        return keccak256(abi.encode("hub state", n));
    }

    function _post(address caller, uint256 n) private {
        vm.prank(caller);
        oracle.postHubState(n, _hash(n), _root(n), uint48(block.timestamp));
    }

    /// @dev Posts hub block `n` whose state holds `roles` as published for this chain, and waits out its window.
    function _postPublication(uint256 n, R.MemberRoles memory roles) private {
        bytes32 slot = CrosschainSlots.memberRolesSlot(block.chainid);
        verifier.setStorage(_root(n), settings, slot, CrosschainSlots.memberRolesCommitment(roles));
        _post(oracle.roles().operator, n);
    }

    function test_constructor() public {
        R.MemberRoles memory roles = oracle.roles();
        assertEq(roles.operator, operator, "operator");
        assertEq(roles.council, council, "council");
        assertEq(roles.rules.challengeWindow, CHALLENGE, "window");
        assertEq(roles.rules.maxBlockStep, MAX_STEP, "step");
        assertEq(oracle.rolesSyncedAt(), 0, "deployment roles");
        assertEq(oracle.rootSettings(), settings, "settings");
        assertEq(address(oracle.verifier()), address(verifier), "verifier");
        assertEq(oracle.anchor(), 0, "anchor");
        assertEq(oracle.hubStateCount(), 0, "empty");

        R.MemberRoles memory bad = _roles(address(0), CHALLENGE);
        vm.expectRevert(abi.encodeWithSelector(I.HubStateOracleInvalidRoles.selector, address(0), council));
        new HubStateOracle(verifier, settings, bad, 0);
        vm.expectRevert(abi.encodeWithSelector(R.RootRulesOutOfBounds.selector, 0, MAX_STEP));
        new HubStateOracle(verifier, settings, _roles(operator, 0), 0);
    }

    function test_postHubState_storesAndEmits_usableAfterWindow() public {
        vm.warp(START + 30);
        vm.expectEmit(address(oracle));
        emit I.HubStatePosted(100, 0, _hash(100), _root(100), uint48(START + 20));
        vm.prank(operator);
        oracle.postHubState(100, _hash(100), _root(100), uint48(START + 20));

        I.HubState memory state = oracle.latestHubState();
        assertEq(state.blockNumber, 100, "block number");
        assertEq(state.blockHash, _hash(100), "block hash");
        assertEq(state.stateRoot, _root(100), "state root");
        assertEq(state.blockTimestamp, START + 20, "hub timestamp");
        assertEq(state.postedAt, START + 30, "posted at");
        assertEq(state.usableAt, START + 30 + CHALLENGE, "usable at");
        assertEq(oracle.hubStateAt(0).stateRoot, _root(100), "by index");
        assertEq(oracle.usableHubStateCount(), 0, "none usable");
        vm.expectRevert(abi.encodeWithSelector(R.RootInChallengeWindow.selector, 100, START + 30 + CHALLENGE));
        oracle.hubStateRoot(100);

        vm.warp(START + 30 + CHALLENGE);
        assertEq(oracle.hubStateRoot(100), _root(100), "root by block");
        assertEq(oracle.usableHubStateCount(), 1, "usable");
        _post(operator, 105);
        assertEq(oracle.latestHubState().blockNumber, 105, "latest");
        assertEq(oracle.hubStateCount(), 2, "count");
        assertEq(oracle.usableHubStateCount(), 1, "newest still in its window");
    }

    function test_postHubState_implausible_reverts() public {
        _post(operator, 10);
        vm.startPrank(operator);
        vm.expectRevert(abi.encodeWithSelector(R.RootBlockNotIncreasing.selector, 10, 10));
        oracle.postHubState(10, _hash(10), _root(10), 0);
        vm.expectRevert(abi.encodeWithSelector(R.RootStepTooLarge.selector, type(uint64).max, 10, MAX_STEP));
        oracle.postHubState(type(uint64).max, _hash(1), _root(1), 0);
        vm.expectRevert(abi.encodeWithSelector(R.RootTimestampInFuture.selector, uint48(START + 1), uint48(START)));
        oracle.postHubState(11, _hash(11), _root(11), uint48(START + 1));
        vm.expectRevert(abi.encodeWithSelector(R.RootZero.selector, bytes32(0), bytes32("r")));
        oracle.postHubState(11, bytes32(0), bytes32("r"), 0);
        uint256 huge = uint256(type(uint64).max) + 1;
        vm.expectRevert(abi.encodeWithSelector(R.RootBlockNumberTooLarge.selector, huge));
        oracle.postHubState(huge, bytes32("h"), bytes32("r"), 0);
        vm.stopPrank();
    }

    function test_notOperator_reverts() public {
        vm.prank(stranger);
        vm.expectRevert(abi.encodeWithSelector(I.HubStateOracleNotOperator.selector, stranger, operator));
        oracle.postHubState(1, _hash(1), _root(1), 0);
    }

    function test_views_unknown_revert() public {
        vm.expectRevert(abi.encodeWithSelector(I.HubStateOracleNoHubState.selector));
        oracle.latestHubState();
        vm.expectRevert(abi.encodeWithSelector(R.RootIndexOutOfRange.selector, 0, 0));
        oracle.hubStateAt(0);
        _post(operator, 0); // hub genesis may be posted
        vm.warp(START + CHALLENGE);
        assertEq(oracle.hubStateRoot(0), _root(0), "genesis root");
        vm.expectRevert(abi.encodeWithSelector(R.RootUnknown.selector, 1));
        oracle.hubStateRoot(1);
        vm.expectRevert(abi.encodeWithSelector(R.RootUnknown.selector, 7));
        oracle.hubState(7);
    }

    function test_rejectHubStates_andRecovery() public {
        _post(operator, 10);
        vm.warp(START + CHALLENGE);
        _post(operator, 20);
        _post(operator, 9_999 + 20); // the furthest plausible
        vm.expectEmit(address(oracle));
        emit I.HubStatesRejected(20, 1, 2);
        vm.prank(council);
        oracle.rejectHubStates(20, _root(20));
        assertEq(oracle.hubStateCount(), 1, "one left");
        assertEq(uint8(oracle.rootState(20)), uint8(R.RootState.Rejected), "rejected");
        vm.expectRevert(abi.encodeWithSelector(R.RootRejected.selector, 10_019));
        oracle.hubStateRoot(10_019);
        _post(operator, 15); // measured from block 10 again
        assertEq(oracle.latestHubState().blockNumber, 15, "resumed");
        vm.prank(council);
        vm.expectRevert(abi.encodeWithSelector(R.RootNotChallengeable.selector, 10, R.RootState.Usable));
        oracle.rejectHubStates(10, _root(10));
    }

    function test_syncRoles_movesPostingRights_afterTheWindow() public {
        R.MemberRoles memory next = _roles(otherOperator, 1 hours);
        _postPublication(50, next);
        vm.expectRevert(abi.encodeWithSelector(R.RootInChallengeWindow.selector, 50, START + CHALLENGE));
        oracle.syncRoles(50, next, new bytes[](0), new bytes[](0));

        vm.warp(START + CHALLENGE);
        vm.expectEmit(address(oracle));
        emit I.RolesUpdated(next, 50);
        vm.prank(stranger); // anyone
        oracle.syncRoles(50, next, new bytes[](0), new bytes[](0));
        assertEq(oracle.roles().operator, otherOperator, "new operator");
        assertEq(oracle.roles().rules.challengeWindow, 1 hours, "new window");
        assertEq(oracle.rolesSyncedAt(), 50, "synced at");

        vm.prank(operator);
        vm.expectRevert(abi.encodeWithSelector(I.HubStateOracleNotOperator.selector, operator, otherOperator));
        oracle.postHubState(60, _hash(60), _root(60), 0);
        _post(otherOperator, 60);
        assertEq(oracle.latestHubState().usableAt, block.timestamp + 1 hours, "the new window applies");
    }

    function test_syncRoles_refusesStaleMismatchedOrRejected() public {
        R.MemberRoles memory next = _roles(otherOperator, CHALLENGE);
        _postPublication(50, next);
        vm.warp(START + CHALLENGE);
        vm.expectRevert(); // the stub proves the published commitment, not this one
        oracle.syncRoles(50, _roles(stranger, CHALLENGE), new bytes[](0), new bytes[](0));
        oracle.syncRoles(50, next, new bytes[](0), new bytes[](0));
        vm.expectRevert(abi.encodeWithSelector(I.HubStateOracleStaleRoles.selector, 50, 50));
        oracle.syncRoles(50, next, new bytes[](0), new bytes[](0));

        // A forged publication in a hub state the council rejects is never adopted.
        R.MemberRoles memory forged = _roles(stranger, CHALLENGE);
        _postPublication(60, forged);
        vm.prank(council);
        oracle.rejectHubStates(60, _root(60));
        vm.warp(block.timestamp + CHALLENGE);
        vm.expectRevert(abi.encodeWithSelector(R.RootRejected.selector, 60));
        oracle.syncRoles(60, forged, new bytes[](0), new bytes[](0));
        assertEq(oracle.roles().operator, otherOperator, "unchanged");
    }

    function test_syncRoles_mismatch_reverts() public {
        R.MemberRoles memory next = _roles(otherOperator, CHALLENGE);
        _postPublication(50, next);
        vm.warp(START + CHALLENGE);
        R.MemberRoles memory claimed = _roles(stranger, CHALLENGE);
        vm.expectRevert(
            abi.encodeWithSelector(
                I.HubStateOracleRolesMismatch.selector,
                CrosschainSlots.memberRolesCommitment(next),
                CrosschainSlots.memberRolesCommitment(claimed)
            )
        );
        oracle.syncRoles(50, claimed, new bytes[](0), new bytes[](0));
    }

    function testFuzz_plausibility(uint256 step, uint48 lead) public {
        _post(operator, 100);
        step = bound(step, 0, 3 * uint256(MAX_STEP));
        uint256 n = 100 + step;
        uint48 hubTime = uint48(block.timestamp) + uint48(bound(lead, 0, 2)) - 1; // a second behind, on time, or ahead
        vm.prank(operator);
        if (hubTime > block.timestamp) {
            vm.expectRevert(abi.encodeWithSelector(R.RootTimestampInFuture.selector, hubTime, uint48(block.timestamp)));
        } else if (step == 0) vm.expectRevert(abi.encodeWithSelector(R.RootBlockNotIncreasing.selector, n, 100));
        else if (step > MAX_STEP) vm.expectRevert(abi.encodeWithSelector(R.RootStepTooLarge.selector, n, 100, MAX_STEP));
        oracle.postHubState(n, _hash(n), _root(n), hubTime);
    }

    function testFuzz_hubStateRoot_lookups(uint256 seed, uint256 length, uint256 probe) public {
        length = bound(length, 1, 16);
        uint256 next = bound(seed, 0, 1_000);
        uint256[] memory numbers = new uint256[](length);
        for (uint256 i = 0; i < length; i++) {
            numbers[i] = next;
            _post(operator, next);
            next += 1 + (uint256(keccak256(abi.encode(seed, i))) % 20);
        }
        vm.warp(block.timestamp + CHALLENGE);
        for (uint256 i = 0; i < length; i++) assertEq(oracle.hubStateRoot(numbers[i]), _root(numbers[i]), "root");
        probe = bound(probe, 0, next);
        bool posted;
        for (uint256 i = 0; i < length; i++) posted = posted || numbers[i] == probe;
        if (posted) {
            assertEq(oracle.hubStateRoot(probe), _root(probe), "probe");
        } else {
            vm.expectRevert(abi.encodeWithSelector(R.RootUnknown.selector, probe));
            oracle.hubStateRoot(probe);
        }
    }
}
