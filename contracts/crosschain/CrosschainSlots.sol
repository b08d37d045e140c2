// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {SlotDerivation} from "@openzeppelin/contracts/utils/SlotDerivation.sol";

import {IRootOracle} from "./IRootOracle.sol";

/**
 * @title CrosschainSlots
 * @notice Where every record that crosses chains lives in its contract's storage: the one place
 * both the contract that writes a record and the contract that proves it on the other chain take
 * the slot from, so the two can never disagree.
 *
 * Records written by this project's contracts ({SpokeVotePool} deposits, {SpokeToken}
 * withdrawals, {SpokeVoteAggregator} tallies) live in mappings rooted at ERC-7201 namespaces, so
 * their slots do not depend on inherited storage or on the OpenZeppelin version:
 *
 *     base = keccak256(abi.encode(uint256(keccak256(namespaceId)) - 1)) & ~bytes32(uint256(0xff))
 *     slot(key) = keccak256(abi.encode(uint256 key, bytes32 base))   // Solidity's mapping rule
 *
 * Each record is a non-zero `bytes32` commitment (the state trie holds no zero values, so only a
 * non-zero value can be proven):
 * - deposit `id` on the hub pool: `keccak256(abi.encode(address recipient, uint256 amount))`;
 * - withdrawal `id` on a SpokeToken: `keccak256(abi.encode(address recipient, uint256 amount))`;
 * - a proposal's tally on a SpokeVoteAggregator:
 *   `keccak256(abi.encode(uint256 againstVotes, uint256 forVotes, uint256 abstainVotes))`;
 * - a member chain's roles on the hub's RootSettings:
 *   `keccak256(abi.encode(address operator, address council, uint32 challengeWindow, uint64 maxBlockStep))`.
 *
 * The hub governor's proposals are OpenZeppelin's `Governor._proposals`, a plain mapping at slot
 * {GOVERNOR_PROPOSALS_SLOT} of {SuperchainGovernor}. That number comes from the compiler's
 * `storageLayout` output (EIP712 `_nameFallback` 0, `_versionFallback` 1, Nonces `_nonces` 2,
 * Governor `_name` 3, `_proposals` 4) and is checked against the live governor by
 * `test/contracts/crosschain/SpokeVoting.test.ts`. The first word of a `ProposalCore` packs
 * `proposer` (bytes 0–19 from the right), `voteStart` (uint48, 20–25), `voteDuration`
 * (uint32, 26–29), `executed` (30) and `canceled` (31).
 */
library CrosschainSlots {
    /// @dev erc7201:superchain.crosschain.SpokeVotePool.deposits — deposit id => commitment.
    bytes32 internal constant DEPOSITS_LOCATION = 0x2ecb120be8d52ca81478b97c680ecc82bbf586b959efb54725da3ce2e9aac800;
    /// @dev erc7201:superchain.crosschain.SpokeToken.withdrawals — withdrawal id => commitment.
    bytes32 internal constant WITHDRAWALS_LOCATION = 0x72b569e482c359e9b5b27d37ce3c5e9926071091ff10bd8b61f2c09c0449c100;
    /// @dev erc7201:superchain.crosschain.SpokeVoteAggregator.tallies — proposal id => tally commitment.
    bytes32 internal constant TALLIES_LOCATION = 0x37509be7e2657f64d66688438c77ad2dfa11b19899786f378902683362d3a300;
    /// @dev erc7201:superchain.crosschain.RootSettings.memberRoles — chain id => roles commitment.
    bytes32 internal constant MEMBER_ROLES_LOCATION = 0x777f2aa2537a83dbefdf4f4cc8c6dec5028e0167017d2a6684911e4dd2407400;
    /// @dev Slot of `Governor._proposals` in {SuperchainGovernor} (see the contract notes).
    uint256 internal constant GOVERNOR_PROPOSALS_SLOT = 4;

    /// @notice The slot of deposit `depositId`'s commitment in a SpokeVotePool.
    function depositSlot(uint256 depositId) internal pure returns (bytes32) {
        return SlotDerivation.deriveMapping(DEPOSITS_LOCATION, depositId);
    }

    /// @notice The slot of withdrawal `withdrawalId`'s commitment in a SpokeToken.
    function withdrawalSlot(uint256 withdrawalId) internal pure returns (bytes32) {
        return SlotDerivation.deriveMapping(WITHDRAWALS_LOCATION, withdrawalId);
    }

    /// @notice The slot of proposal `proposalId`'s tally commitment in a SpokeVoteAggregator.
    function tallySlot(uint256 proposalId) internal pure returns (bytes32) {
        return SlotDerivation.deriveMapping(TALLIES_LOCATION, proposalId);
    }

    /// @notice The slot of member chain `chainId`'s roles commitment in the hub's RootSettings.
    function memberRolesSlot(uint256 chainId) internal pure returns (bytes32) {
        return SlotDerivation.deriveMapping(MEMBER_ROLES_LOCATION, chainId);
    }

    /// @notice A member chain's roles commitment: what RootSettings publishes and HubStateOracle proves.
    function memberRolesCommitment(IRootOracle.MemberRoles memory roles) internal pure returns (bytes32) {
        return keccak256(abi.encode(roles));
    }

    /// @notice The slot of the first word of proposal `proposalId`'s `ProposalCore` in the hub governor.
    function governorProposalSlot(uint256 proposalId) internal pure returns (bytes32) {
        return SlotDerivation.deriveMapping(bytes32(GOVERNOR_PROPOSALS_SLOT), proposalId);
    }

    /// @notice A transfer's commitment: what deposit and withdrawal records hold.
    function transferCommitment(address recipient, uint256 amount) internal pure returns (bytes32) {
        return keccak256(abi.encode(recipient, amount));
    }

    /// @notice Unpacks the first word of a `ProposalCore`.
    function decodeProposalCore(
        bytes32 word
    ) internal pure returns (address proposer, uint48 voteStart, uint32 voteDuration, bool canceled) {
        uint256 value = uint256(word);
        proposer = address(uint160(value));
        voteStart = uint48(value >> 160);
        voteDuration = uint32(value >> 208);
        canceled = uint8(value >> 248) != 0;
    }
}
