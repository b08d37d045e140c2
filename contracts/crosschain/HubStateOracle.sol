// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {Ownable2Step} from "@openzeppelin/contracts/access/Ownable2Step.sol";
import {Time} from "@openzeppelin/contracts/utils/types/Time.sol";

import {IHubStateOracle} from "./IHubStateOracle.sol";

/**
 * @title HubStateOracle
 * @dev Hub states are kept by hub block number (three slots each); the newest block number and
 * the count share one slot. Ownership moves in two steps (Ownable2Step) so the poster can never be
 * stranded by a mistyped owner.
 */
contract HubStateOracle is IHubStateOracle, Ownable2Step {
    address private _poster;
    uint64 private _latestBlockNumber;
    uint32 private _count;

    mapping(uint256 hubBlockNumber => HubState) private _states;

    /**
     * @param owner_ The account that may replace the poster (on the devnet, the chain's admin).
     * @param poster_ The shared sequencer's operator account on this chain.
     */
    constructor(address owner_, address poster_) Ownable(owner_) {
        _updatePoster(poster_);
    }

    /// @inheritdoc IHubStateOracle
    function postHubState(
        uint256 hubBlockNumber,
        bytes32 hubBlockHash,
        bytes32 hubStateRoot_,
        uint48 hubBlockTimestamp
    ) external {
        if (msg.sender != _poster) revert HubStateOracleNotPoster(msg.sender, _poster);
        _postHubState(hubBlockNumber, hubBlockHash, hubStateRoot_, hubBlockTimestamp);
    }

    /// @inheritdoc IHubStateOracle
    function updatePoster(address newPoster) external onlyOwner {
        _updatePoster(newPoster);
    }

    /// @inheritdoc IHubStateOracle
    function poster() external view returns (address) {
        return _poster;
    }

    /// @inheritdoc IHubStateOracle
    function latestHubState() external view returns (HubState memory) {
        if (_count == 0) revert HubStateOracleNoHubState();
        return _states[_latestBlockNumber];
    }

    /// @inheritdoc IHubStateOracle
    function hubState(uint256 hubBlockNumber) public view returns (HubState memory) {
        HubState storage state = _states[hubBlockNumber];
        if (state.stateRoot == bytes32(0)) revert HubStateOracleUnknownBlock(hubBlockNumber);
        return state;
    }

    /// @inheritdoc IHubStateOracle
    function hubStateRoot(uint256 hubBlockNumber) external view returns (bytes32) {
        bytes32 root = _states[hubBlockNumber].stateRoot;
        if (root == bytes32(0)) revert HubStateOracleUnknownBlock(hubBlockNumber);
        return root;
    }

    /// @inheritdoc IHubStateOracle
    function hubStateCount() external view returns (uint256) {
        return _count;
    }

    /// @dev Validates and stores a hub state, and emits {HubStatePosted}. Access is checked by the caller.
    function _postHubState(
        uint256 hubBlockNumber,
        bytes32 hubBlockHash,
        bytes32 hubStateRoot_,
        uint48 hubBlockTimestamp
    ) internal {
        if (hubBlockHash == bytes32(0) || hubStateRoot_ == bytes32(0)) {
            revert HubStateOracleZeroRoot(hubBlockHash, hubStateRoot_);
        }
        if (hubBlockNumber > type(uint64).max) revert HubStateOracleBlockNumberTooLarge(hubBlockNumber);
        uint32 count = _count;
        if (count != 0 && hubBlockNumber <= _latestBlockNumber) {
            revert HubStateOracleBlockNotIncreasing(hubBlockNumber, _latestBlockNumber);
        }
        _states[hubBlockNumber] = HubState({
            blockNumber: uint64(hubBlockNumber),
            blockTimestamp: hubBlockTimestamp,
            postedAt: Time.timestamp(),
            blockHash: hubBlockHash,
            stateRoot: hubStateRoot_
        });
        _latestBlockNumber = uint64(hubBlockNumber);
        _count = count + 1;
        emit HubStatePosted(hubBlockNumber, count, hubBlockHash, hubStateRoot_, hubBlockTimestamp);
    }

    /// @dev Validates and sets the poster, and emits {PosterUpdated}.
    function _updatePoster(address newPoster) internal {
        if (newPoster == address(0)) revert HubStateOracleInvalidPoster(newPoster);
        emit PosterUpdated(_poster, newPoster);
        _poster = newPoster;
    }
}
