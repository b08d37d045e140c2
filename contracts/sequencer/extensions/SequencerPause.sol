// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {ISequencerConfigRegistry} from "../ISequencerConfigRegistry.sol";
import {SequencerRoles} from "./SequencerRoles.sol";

/**
 * @title SequencerPause
 * @dev The council's emergency brake: it pauses one chain or all of them at once, without
 * governance; lifting a pause is the council's or governance's. A chain is paused when it is
 * paused itself or all chains are.
 */
abstract contract SequencerPause is SequencerRoles {
    /// @dev Scope 0 is "all chains".
    uint256 internal constant ALL_CHAINS = 0;

    mapping(uint256 scope => bool) private _paused;

    /// @inheritdoc ISequencerConfigRegistry
    function pause(uint256 chainId) external onlyCouncil {
        if (chainId != ALL_CHAINS) _requirePausable(chainId);
        if (_paused[chainId]) revert SequencerConfigAlreadyPaused(chainId);
        _paused[chainId] = true;
        emit Paused(chainId, msg.sender);
    }

    /// @inheritdoc ISequencerConfigRegistry
    function unpause(uint256 chainId) external onlyGovernanceOrCouncil {
        if (!_paused[chainId]) revert SequencerConfigNotPaused(chainId);
        _paused[chainId] = false;
        emit Unpaused(chainId, msg.sender);
    }

    /// @inheritdoc ISequencerConfigRegistry
    function isPaused(uint256 chainId) public view returns (bool) {
        return _paused[ALL_CHAINS] || _paused[chainId];
    }

    /// @dev Reverts unless `chainId` is a chain that can be paused by itself.
    function _requirePausable(uint256 chainId) internal view virtual;
}
