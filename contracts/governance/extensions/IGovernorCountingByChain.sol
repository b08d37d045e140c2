// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/**
 * @title IGovernorCountingByChain
 * @notice Per-chain vote tallies for a governor that lives on the hub chain of a superchain.
 *
 * Votes cast directly on the governor count under the hub's chain id. Each member chain may have
 * one governance-appointed *vote source*: a contract (the chain's SpokeVotePool) that casts,
 * fractionally, the votes its chain's delegates cast there. Whatever a source casts counts under
 * its chain id. The per-chain tallies always sum to the governor's totals.
 */
interface IGovernorCountingByChain {
    /// @notice A member chain's vote source was set, replaced (`oldSource != 0`) or removed (`newSource == 0`).
    event VoteSourceSet(uint256 indexed chainId, address indexed oldSource, address indexed newSource);

    /**
     * @notice A vote source's vote was counted: the weight it added to `chainId`'s tally.
     * @dev With the governor's standard `VoteCast` / `VoteCastWithParams` events this rebuilds every
     * tally from logs alone: a member chain's tally is the sum of its `ChainVotesCounted` events,
     * and the hub's is the total of all votes cast minus the member chains' tallies. Direct hub
     * votes emit nothing extra, which keeps them as cheap as plain fractional voting.
     */
    event ChainVotesCounted(
        uint256 indexed proposalId,
        uint256 indexed chainId,
        address indexed voter,
        uint256 againstVotes,
        uint256 forVotes,
        uint256 abstainVotes
    );

    /// @notice `chainId` cannot have a vote source: it is zero or the hub's own chain id.
    error GovernorInvalidVoteSourceChain(uint256 chainId);

    /// @notice `source` already casts the votes of another chain (`chainId`); one source serves one chain.
    error GovernorVoteSourceInUse(address source, uint256 chainId);

    /// @notice The chain id under which votes cast directly on this governor are counted.
    function hubChainId() external view returns (uint256);

    /// @notice The vote source of `chainId`, or `address(0)` if it has none.
    function voteSource(uint256 chainId) external view returns (address);

    /// @notice The chain whose votes `source` casts, or 0 when `source` is not a vote source.
    function voteSourceChainId(address source) external view returns (uint256);

    /// @notice Every chain id that currently has a vote source, in no particular order.
    function voteSourceChainIds() external view returns (uint256[] memory);

    /**
     * @notice The votes counted for `chainId` on `proposalId`. For the hub chain id this is every vote
     * not cast by a vote source; for a chain that never had a source it is all zero.
     */
    function proposalVotesByChain(
        uint256 proposalId,
        uint256 chainId
    ) external view returns (uint256 againstVotes, uint256 forVotes, uint256 abstainVotes);

    /**
     * @notice Appoints `source` to cast `chainId`'s votes, replacing any previous source, or removes
     * the chain's source when `source` is `address(0)`. Only through governance.
     * @dev Tallies already counted for the chain stay with the chain.
     */
    function setVoteSource(uint256 chainId, address source) external;
}
