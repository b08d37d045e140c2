// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {Governor} from "@openzeppelin/contracts/governance/Governor.sol";
import {GovernorCountingFractional} from "@openzeppelin/contracts/governance/extensions/GovernorCountingFractional.sol";
import {EnumerableSet} from "@openzeppelin/contracts/utils/structs/EnumerableSet.sol";

import {IGovernorCountingByChain} from "./IGovernorCountingByChain.sol";

/**
 * @title GovernorCountingByChain
 * @dev Extends {GovernorCountingFractional} with per-chain tallies (see {IGovernorCountingByChain}).
 *
 * Only votes cast by vote sources are stored (and announced with {ChainVotesCounted}) per chain;
 * the hub's tally is derived as the governor's total minus everything the sources cast. That keeps
 * a direct hub vote as cheap as plain fractional counting plus one storage read, and makes "the
 * per-chain tallies sum to the totals" true by construction rather than by bookkeeping.
 */
abstract contract GovernorCountingByChain is GovernorCountingFractional, IGovernorCountingByChain {
    using EnumerableSet for EnumerableSet.UintSet;

    struct ChainVotes {
        uint256 againstVotes;
        uint256 forVotes;
        uint256 abstainVotes;
    }

    uint256 private immutable _hubChainId;

    mapping(uint256 chainId => address source) private _sourceOf;
    mapping(address source => uint256 chainId) private _chainOf;
    EnumerableSet.UintSet private _sourceChains;

    mapping(uint256 proposalId => mapping(uint256 chainId => ChainVotes)) private _chainVotes;
    // Sum over all chains that are not the hub, so the hub's share is one subtraction away.
    mapping(uint256 proposalId => ChainVotes) private _sourcedVotes;

    constructor() {
        _hubChainId = block.chainid;
    }

    /// @inheritdoc IGovernorCountingByChain
    function hubChainId() public view virtual returns (uint256) {
        return _hubChainId;
    }

    /// @inheritdoc IGovernorCountingByChain
    function voteSource(uint256 chainId) public view virtual returns (address) {
        return _sourceOf[chainId];
    }

    /// @inheritdoc IGovernorCountingByChain
    function voteSourceChainId(address source) public view virtual returns (uint256) {
        return _chainOf[source];
    }

    /// @inheritdoc IGovernorCountingByChain
    function voteSourceChainIds() public view virtual returns (uint256[] memory) {
        return _sourceChains.values();
    }

    /// @inheritdoc IGovernorCountingByChain
    function proposalVotesByChain(
        uint256 proposalId,
        uint256 chainId
    ) public view virtual returns (uint256 againstVotes, uint256 forVotes, uint256 abstainVotes) {
        if (chainId == hubChainId()) {
            (uint256 totalAgainst, uint256 totalFor, uint256 totalAbstain) = proposalVotes(proposalId);
            ChainVotes storage sourced = _sourcedVotes[proposalId];
            return (
                totalAgainst - sourced.againstVotes,
                totalFor - sourced.forVotes,
                totalAbstain - sourced.abstainVotes
            );
        }
        ChainVotes storage chain = _chainVotes[proposalId][chainId];
        return (chain.againstVotes, chain.forVotes, chain.abstainVotes);
    }

    /// @inheritdoc IGovernorCountingByChain
    function setVoteSource(uint256 chainId, address source) public virtual onlyGovernance {
        _setVoteSource(chainId, source);
    }

    /**
     * @dev Validates and records `chainId`'s vote source. Internal, without access control, so a
     * deployment can appoint the first sources in its constructor.
     */
    function _setVoteSource(uint256 chainId, address source) internal virtual {
        if (chainId == 0 || chainId == hubChainId()) revert GovernorInvalidVoteSourceChain(chainId);
        uint256 sourceChain = _chainOf[source];
        if (source != address(0) && sourceChain != 0 && sourceChain != chainId) {
            revert GovernorVoteSourceInUse(source, sourceChain);
        }

        address oldSource = _sourceOf[chainId];
        if (oldSource != address(0)) delete _chainOf[oldSource];

        if (source == address(0)) {
            delete _sourceOf[chainId];
            _sourceChains.remove(chainId);
        } else {
            _sourceOf[chainId] = source;
            _chainOf[source] = chainId;
            _sourceChains.add(chainId);
        }
        emit VoteSourceSet(chainId, oldSource, source);
    }

    /**
     * @dev Counts the vote as {GovernorCountingFractional} does; when the voter is a vote source,
     * also attributes the weight it used to the source's chain. Anyone else's vote is the hub's.
     */
    function _countVote(
        uint256 proposalId,
        address account,
        uint8 support,
        uint256 totalWeight,
        bytes memory params
    ) internal virtual override returns (uint256 usedWeight) {
        usedWeight = super._countVote(proposalId, account, support, totalWeight, params);

        uint256 chainId = _chainOf[account];
        if (chainId != 0) {
            (uint256 againstVotes, uint256 forVotes, uint256 abstainVotes) = _splitVote(support, usedWeight, params);
            _addVotes(_chainVotes[proposalId][chainId], againstVotes, forVotes, abstainVotes);
            _addVotes(_sourcedVotes[proposalId], againstVotes, forVotes, abstainVotes);
            emit ChainVotesCounted(proposalId, chainId, account, againstVotes, forVotes, abstainVotes);
        }
    }

    /**
     * @dev The (against, for, abstain) split of a vote that {GovernorCountingFractional-_countVote}
     * has already accepted, so `support` and `params` are known to be well formed here.
     */
    function _splitVote(
        uint8 support,
        uint256 usedWeight,
        bytes memory params
    ) private pure returns (uint256 againstVotes, uint256 forVotes, uint256 abstainVotes) {
        if (support == VOTE_TYPE_FRACTIONAL) {
            assembly ("memory-safe") {
                againstVotes := shr(128, mload(add(params, 0x20)))
                forVotes := shr(128, mload(add(params, 0x30)))
                abstainVotes := shr(128, mload(add(params, 0x40)))
            }
        } else if (support == 0) {
            againstVotes = usedWeight;
        } else if (support == 1) {
            forVotes = usedWeight;
        } else {
            abstainVotes = usedWeight;
        }
    }

    function _addVotes(ChainVotes storage tally, uint256 againstVotes, uint256 forVotes, uint256 abstainVotes) private {
        if (againstVotes > 0) tally.againstVotes += againstVotes;
        if (forVotes > 0) tally.forVotes += forVotes;
        if (abstainVotes > 0) tally.abstainVotes += abstainVotes;
    }
}
