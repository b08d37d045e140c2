// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";

import {IHubStateOracle as I} from "../../../contracts/crosschain/IHubStateOracle.sol";
import {HubStateOracle} from "../../../contracts/crosschain/HubStateOracle.sol";
import {Test} from "../utils/Test.sol";

/// @notice The member-chain side: no registry, a poster set at deployment and replaced by the owner.
contract HubStateOracleTest is Test {
    uint256 private constant START = 1_800_000_000;

    address private owner = address(0xA11CE);
    address private poster = address(0x0901);
    address private otherOperator = address(0x0902);
    address private stranger = address(0xBAD);

    HubStateOracle private oracle;

    function setUp() public {
        vm.warp(START);
        oracle = new HubStateOracle(owner, poster);
    }

    function _hash(uint256 n) private pure returns (bytes32) {
        return keccak256(abi.encode("hub block", n));
    }

    function _root(uint256 n) private pure returns (bytes32) {
        return keccak256(abi.encode("hub state", n));
    }

    function _post(address caller, uint256 n) private {
        vm.prank(caller);
        oracle.postHubState(n, _hash(n), _root(n), uint48(START + n));
    }

    function test_constructor() public {
        assertEq(oracle.owner(), owner, "owner");
        assertEq(oracle.poster(), poster, "poster");
        assertEq(oracle.hubStateCount(), 0, "empty");
        vm.expectRevert(abi.encodeWithSelector(I.HubStateOracleInvalidPoster.selector, address(0)));
        new HubStateOracle(owner, address(0));
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableInvalidOwner.selector, address(0)));
        new HubStateOracle(address(0), poster);
    }

    function test_postHubState_storesAndEmits() public {
        vm.warp(START + 30);
        vm.expectEmit(address(oracle));
        emit I.HubStatePosted(100, 0, _hash(100), _root(100), uint48(START + 20));
        vm.prank(poster);
        oracle.postHubState(100, _hash(100), _root(100), uint48(START + 20));

        I.HubState memory state = oracle.latestHubState();
        assertEq(state.blockNumber, 100, "block number");
        assertEq(state.blockHash, _hash(100), "block hash");
        assertEq(state.stateRoot, _root(100), "state root");
        assertEq(state.blockTimestamp, START + 20, "hub timestamp");
        assertEq(state.postedAt, START + 30, "posted at");
        assertEq(oracle.hubStateRoot(100), _root(100), "root by block");
        assertEq(oracle.hubState(100).blockHash, _hash(100), "state by block");
        assertEq(oracle.hubStateCount(), 1, "count");

        vm.expectEmit(address(oracle));
        emit I.HubStatePosted(105, 1, _hash(105), _root(105), uint48(START + 105));
        _post(poster, 105);
        assertEq(oracle.latestHubState().blockNumber, 105, "latest");
        assertEq(oracle.hubStateRoot(100), _root(100), "older root kept");
        assertEq(oracle.hubStateCount(), 2, "count");
    }

    function test_postHubState_notPoster_reverts() public {
        vm.prank(stranger);
        vm.expectRevert(abi.encodeWithSelector(I.HubStateOracleNotPoster.selector, stranger, poster));
        oracle.postHubState(1, _hash(1), _root(1), 0);
    }

    function test_postHubState_nonIncreasing_reverts() public {
        _post(poster, 10);
        vm.startPrank(poster);
        vm.expectRevert(abi.encodeWithSelector(I.HubStateOracleBlockNotIncreasing.selector, 10, 10));
        oracle.postHubState(10, _hash(10), _root(10), 0);
        vm.expectRevert(abi.encodeWithSelector(I.HubStateOracleBlockNotIncreasing.selector, 3, 10));
        oracle.postHubState(3, _hash(3), _root(3), 0);
        vm.stopPrank();
    }

    function test_postHubState_badInput_reverts() public {
        vm.startPrank(poster);
        vm.expectRevert(abi.encodeWithSelector(I.HubStateOracleZeroRoot.selector, bytes32(0), bytes32("r")));
        oracle.postHubState(1, bytes32(0), bytes32("r"), 0);
        vm.expectRevert(abi.encodeWithSelector(I.HubStateOracleZeroRoot.selector, bytes32("h"), bytes32(0)));
        oracle.postHubState(1, bytes32("h"), bytes32(0), 0);
        uint256 huge = uint256(type(uint64).max) + 1;
        vm.expectRevert(abi.encodeWithSelector(I.HubStateOracleBlockNumberTooLarge.selector, huge));
        oracle.postHubState(huge, bytes32("h"), bytes32("r"), 0);
        vm.stopPrank();
    }

    function test_views_unknown_revert() public {
        vm.expectRevert(abi.encodeWithSelector(I.HubStateOracleNoHubState.selector));
        oracle.latestHubState();
        _post(poster, 0); // hub genesis may be posted
        assertEq(oracle.latestHubState().blockNumber, 0, "genesis is the latest");
        assertEq(oracle.hubStateRoot(0), _root(0), "genesis root");
        vm.expectRevert(abi.encodeWithSelector(I.HubStateOracleUnknownBlock.selector, 1));
        oracle.hubStateRoot(1);
        vm.expectRevert(abi.encodeWithSelector(I.HubStateOracleUnknownBlock.selector, 7));
        oracle.hubState(7);
    }

    function test_updatePoster_byOwner() public {
        _post(poster, 1);
        vm.expectEmit(address(oracle));
        emit I.PosterUpdated(poster, otherOperator);
        vm.prank(owner);
        oracle.updatePoster(otherOperator);
        assertEq(oracle.poster(), otherOperator, "replaced");

        vm.prank(poster);
        vm.expectRevert(abi.encodeWithSelector(I.HubStateOracleNotPoster.selector, poster, otherOperator));
        oracle.postHubState(2, _hash(2), _root(2), 0);
        _post(otherOperator, 2); // continues the same sequence
        assertEq(oracle.hubStateCount(), 2, "count");

        vm.prank(owner);
        vm.expectRevert(abi.encodeWithSelector(I.HubStateOracleInvalidPoster.selector, address(0)));
        oracle.updatePoster(address(0));
    }

    function test_ownership_twoStep() public {
        vm.prank(owner);
        oracle.transferOwnership(stranger);
        assertEq(oracle.owner(), owner, "not yet transferred");
        vm.prank(stranger);
        oracle.acceptOwnership();
        vm.prank(owner);
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, owner));
        oracle.updatePoster(otherOperator);
        vm.prank(stranger);
        oracle.updatePoster(otherOperator);
        assertEq(oracle.poster(), otherOperator, "new owner replaced the poster");
    }

    function test_accessMatrix() public {
        address[4] memory roles = [poster, otherOperator, owner, stranger];
        for (uint256 r = 0; r < roles.length; r++) {
            uint256 snapshot = vm.snapshotState();
            vm.prank(roles[r]);
            (bool ok, bytes memory data) = address(oracle).call(
                abi.encodeCall(I.postHubState, (1, _hash(1), _root(1), 0))
            );
            if (roles[r] == poster) assertTrue(ok, "poster refused");
            else {
                assertFalse(ok, "non-poster posted");
                bytes memory expected = abi.encodeWithSelector(I.HubStateOracleNotPoster.selector, roles[r], poster);
                assertEq(keccak256(data), keccak256(expected), "post: error names caller and poster");
            }

            vm.prank(roles[r]);
            (ok, data) = address(oracle).call(abi.encodeCall(I.updatePoster, (stranger)));
            if (roles[r] == owner) assertTrue(ok, "owner refused");
            else {
                assertFalse(ok, "non-owner replaced the poster");
                bytes memory expected = abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, roles[r]);
                assertEq(keccak256(data), keccak256(expected), "updatePoster: error names caller");
            }
            vm.revertToState(snapshot);
        }
    }

    function testFuzz_postHubState_strictlyIncreasing(uint64 first, uint64 second) public {
        _post(poster, first);
        if (second <= first) {
            vm.expectRevert(abi.encodeWithSelector(I.HubStateOracleBlockNotIncreasing.selector, second, first));
        }
        _post(poster, second);
        assertEq(oracle.latestHubState().blockNumber, second > first ? second : first, "latest");
        assertEq(oracle.hubStateCount(), second > first ? 2 : 1, "count");
    }

    function testFuzz_hubStateRoot_lookups(uint256 seed, uint256 length, uint256 probe) public {
        length = bound(length, 1, 16);
        uint256 next = bound(seed, 0, 1_000);
        uint256[] memory numbers = new uint256[](length);
        for (uint256 i = 0; i < length; i++) {
            numbers[i] = next;
            _post(poster, next);
            next += 1 + (uint256(keccak256(abi.encode(seed, i))) % 20);
        }
        for (uint256 i = 0; i < length; i++) assertEq(oracle.hubStateRoot(numbers[i]), _root(numbers[i]), "root");
        probe = bound(probe, 0, next);
        bool posted;
        for (uint256 i = 0; i < length; i++) posted = posted || numbers[i] == probe;
        if (posted) {
            assertEq(oracle.hubStateRoot(probe), _root(probe), "probe");
        } else {
            vm.expectRevert(abi.encodeWithSelector(I.HubStateOracleUnknownBlock.selector, probe));
            oracle.hubStateRoot(probe);
        }
    }
}
