// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {CrosschainSlots} from "../../../contracts/crosschain/CrosschainSlots.sol";
import {SpokeFixture} from "./SpokeFixture.sol";

/// @notice The slots every proof asks for: the ERC-7201 namespaces, and the live governor's layout.
contract CrosschainSlotsTest is SpokeFixture {
    function test_namespacesFollowErc7201() public pure {
        assertEq(CrosschainSlots.DEPOSITS_LOCATION, _erc7201("superchain.crosschain.SpokeVotePool.deposits"), "deposits");
        assertEq(CrosschainSlots.WITHDRAWALS_LOCATION, _erc7201("superchain.crosschain.SpokeToken.withdrawals"), "withdrawals");
        assertEq(CrosschainSlots.TALLIES_LOCATION, _erc7201("superchain.crosschain.SpokeVoteAggregator.tallies"), "tallies");
    }

    function test_slotsFollowTheMappingRule() public pure {
        assertEq(CrosschainSlots.depositSlot(7), keccak256(abi.encode(uint256(7), CrosschainSlots.DEPOSITS_LOCATION)), "deposit");
        assertEq(CrosschainSlots.withdrawalSlot(7), keccak256(abi.encode(uint256(7), CrosschainSlots.WITHDRAWALS_LOCATION)), "withdrawal");
        assertEq(CrosschainSlots.tallySlot(7), keccak256(abi.encode(uint256(7), CrosschainSlots.TALLIES_LOCATION)), "tally");
        assertEq(CrosschainSlots.governorProposalSlot(7), keccak256(abi.encode(uint256(7), uint256(4))), "proposal");
    }

    function test_governorProposalSlotHoldsTheLiveProposal() public {
        uint256 proposalId = _propose(address(token), abi.encodeCall(token.symbol, ()), "layout");
        bytes32 word = vmLoad.load(address(governor), CrosschainSlots.governorProposalSlot(proposalId));
        (address proposer, uint48 voteStart, uint32 voteDuration, bool canceled) = CrosschainSlots.decodeProposalCore(word);
        assertEq(proposer, governor.proposalProposer(proposalId), "proposer");
        assertEq(voteStart, governor.proposalSnapshot(proposalId), "voteStart is the snapshot");
        assertEq(uint256(voteStart) + voteDuration, governor.proposalDeadline(proposalId), "voteStart + voteDuration is the deadline");
        assertFalse(canceled, "not canceled");

        vm.prank(guardian);
        (address[] memory targets, uint256[] memory values, bytes[] memory calldatas) = _proposal(
            address(token),
            abi.encodeCall(token.symbol, ())
        );
        governor.cancel(targets, values, calldatas, keccak256(bytes("layout")));
        (, , , canceled) = CrosschainSlots.decodeProposalCore(
            vmLoad.load(address(governor), CrosschainSlots.governorProposalSlot(proposalId))
        );
        assertTrue(canceled, "the canceled flag");
    }

    function test_recordsLiveAtTheirSlots() public {
        uint256 depositId = _deposit(alice, 1_000e18, alice);
        bytes32 commitment = keccak256(abi.encode(alice, uint256(1_000e18)));
        assertEq(vmLoad.load(address(pool), CrosschainSlots.depositSlot(depositId)), commitment, "deposit record");
        assertEq(pool.depositCommitment(depositId), commitment, "deposit view");
        assertEq(pool.depositSlot(depositId), CrosschainSlots.depositSlot(depositId), "deposit slot view");
    }

    function _erc7201(string memory id) private pure returns (bytes32) {
        return keccak256(abi.encode(uint256(keccak256(bytes(id))) - 1)) & ~bytes32(uint256(0xff));
    }
}
