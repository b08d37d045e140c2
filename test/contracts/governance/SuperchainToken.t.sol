// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {IERC20Errors} from "@openzeppelin/contracts/interfaces/draft-IERC6093.sol";
import {IVotes} from "@openzeppelin/contracts/governance/utils/IVotes.sol";
import {Votes} from "@openzeppelin/contracts/governance/utils/Votes.sol";
import {Nonces} from "@openzeppelin/contracts/utils/Nonces.sol";

import {SuperchainToken} from "../../../contracts/governance/SuperchainToken.sol";
import {EIP712} from "../utils/EIP712.sol";
import {GovernanceFixture} from "./GovernanceFixture.sol";

contract SuperchainTokenTest is GovernanceFixture {
    bytes32 private constant DELEGATION_TYPEHASH = keccak256("Delegation(address delegatee,uint256 nonce,uint256 expiry)");

    function test_metadataAndSupply() public view {
        assertEq(token.name(), "Superchain", "name");
        assertEq(token.symbol(), "SUP", "symbol");
        assertEq(token.totalSupply(), SUPPLY, "supply");
        assertEq(token.CLOCK_MODE(), "mode=timestamp", "clock mode");
        assertEq(token.clock(), block.timestamp, "clock is the timestamp");
    }

    function test_constructor_zeroHolder_reverts() public {
        vm.expectRevert(abi.encodeWithSelector(IERC20Errors.ERC20InvalidReceiver.selector, address(0)));
        new SuperchainToken("Superchain", "SUP", address(0), 1);
    }

    function test_checkpointsAreTimestamps() public {
        uint256 before = block.timestamp;
        assertEq(token.getVotes(alice), 30_000e18, "alice's votes");
        vm.warp(before + 100);
        vm.prank(alice);
        token.transfer(bob, 10_000e18);
        vm.warp(before + 200);
        assertEq(token.getPastVotes(alice, before + 99), 30_000e18, "before the transfer");
        assertEq(token.getPastVotes(alice, before + 100), 20_000e18, "at the transfer");
        assertEq(token.getPastVotes(bob, before + 100), 30_000e18, "bob gained");
        vm.expectRevert(abi.encodeWithSelector(Votes.ERC5805FutureLookup.selector, before + 200, before + 200));
        token.getPastVotes(alice, before + 200);
    }

    function _digest(bytes32 structHash) private view returns (bytes32) {
        return EIP712.digest(token, structHash);
    }

    function test_delegateBySig_andReplayRefused() public {
        uint256 expiry = block.timestamp + 1 days;
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(
            DAVE_KEY,
            _digest(keccak256(abi.encode(DELEGATION_TYPEHASH, alice, token.nonces(dave), expiry)))
        );
        vm.prank(outsider);
        token.delegateBySig(alice, 0, expiry, v, r, s);
        assertEq(token.delegates(dave), alice, "delegated");
        assertEq(token.getVotes(alice), 35_000e18, "alice holds dave's weight");

        vm.expectRevert(abi.encodeWithSelector(Nonces.InvalidAccountNonce.selector, dave, 1));
        token.delegateBySig(alice, 0, expiry, v, r, s);
    }

    function test_delegateBySig_expired_reverts() public {
        uint256 expiry = block.timestamp - 1;
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(
            DAVE_KEY,
            _digest(keccak256(abi.encode(DELEGATION_TYPEHASH, alice, uint256(0), expiry)))
        );
        vm.expectRevert(abi.encodeWithSelector(IVotes.VotesExpiredSignature.selector, expiry));
        token.delegateBySig(alice, 0, expiry, v, r, s);
    }

    /// forge-config: default.fuzz.runs = 64
    function testFuzz_transfersMoveVotingPower(uint256 amount) public {
        amount = bound(amount, 0, 30_000e18);
        vm.prank(alice);
        token.transfer(carol, amount);
        assertEq(token.getVotes(alice), 30_000e18 - amount, "alice");
        assertEq(token.getVotes(carol), 15_000e18 + amount, "carol");
        assertEq(
            token.getVotes(alice) + token.getVotes(bob) + token.getVotes(carol) + token.getVotes(dave),
            70_000e18,
            "delegated supply is conserved"
        );
    }

    function test_transfer_toZero_reverts() public {
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(IERC20Errors.ERC20InvalidReceiver.selector, address(0)));
        token.transfer(address(0), 1);
        // Silence "unused import" for ERC20 being the declaring contract of transfer.
        assertEq(ERC20(address(token)).decimals(), 18, "decimals");
    }
}
