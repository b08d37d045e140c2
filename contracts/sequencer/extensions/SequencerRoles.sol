// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {Checkpoints} from "@openzeppelin/contracts/utils/structs/Checkpoints.sol";
import {Time} from "@openzeppelin/contracts/utils/types/Time.sol";

import {ISequencerConfigRegistry} from "../ISequencerConfigRegistry.sol";

/**
 * @title SequencerRoles
 * @dev The two parties of the registry: governance (the timelock, fixed) and the Security Council
 * (a Safe, replaceable only by a change both approved). The council is kept as timestamp
 * checkpoints, so a replacement takes effect at its activation time without anyone calling again.
 */
abstract contract SequencerRoles is ISequencerConfigRegistry {
    using Checkpoints for Checkpoints.Trace160;

    address private immutable _governance;
    Checkpoints.Trace160 private _councils;

    modifier onlyGovernance() {
        if (msg.sender != _governance) revert SequencerConfigOnlyGovernance(msg.sender);
        _;
    }

    modifier onlyCouncil() {
        if (msg.sender != council()) revert SequencerConfigOnlyCouncil(msg.sender);
        _;
    }

    modifier onlyGovernanceOrCouncil() {
        if (msg.sender != _governance && msg.sender != council()) {
            revert SequencerConfigOnlyGovernanceOrCouncil(msg.sender);
        }
        _;
    }

    constructor(address governance_, address council_) {
        if (governance_ == address(0)) revert SequencerConfigInvalidAddress(governance_);
        _governance = governance_;
        _scheduleCouncil(council_, Time.timestamp());
    }

    /// @inheritdoc ISequencerConfigRegistry
    function governance() public view returns (address) {
        return _governance;
    }

    /// @inheritdoc ISequencerConfigRegistry
    function council() public view returns (address) {
        return address(_councils.upperLookupRecent(uint96(block.timestamp)));
    }

    /// @dev Callers keep activations in order (see {ChangeApproval}).
    function _scheduleCouncil(address newCouncil, uint48 activatesAt) internal {
        if (newCouncil == address(0)) revert SequencerConfigInvalidAddress(newCouncil);
        _councils.push(activatesAt, uint160(newCouncil));
        emit CouncilScheduled(newCouncil, activatesAt);
    }
}
