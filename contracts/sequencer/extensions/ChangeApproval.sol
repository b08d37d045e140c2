// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {Time} from "@openzeppelin/contracts/utils/types/Time.sol";

import {ISequencerConfigRegistry} from "../ISequencerConfigRegistry.sol";
import {SequencerRoles} from "./SequencerRoles.sol";

/**
 * @title ChangeApproval
 * @dev Dual approval of changes: governance schedules, the council approves or rejects, an
 * approved change activates at `max(requested, approval + minActivationDelay, last activation of
 * the same scope)`. The last term keeps changes of one scope (a chain's parameters, the global
 * default, the council, a chain's membership and operator) in force in the order they were
 * approved, which is what makes every "configuration at time T" answer a simple lookup. Unapproved
 * changes expire `approvalWindow` after scheduling. What an approved change does is the {_applyApproved} hook.
 */
abstract contract ChangeApproval is SequencerRoles {
    uint48 public constant MAX_ACTIVATION_DELAY = 30 days;
    uint48 public constant MIN_APPROVAL_WINDOW = 1 hours;
    uint48 public constant MAX_APPROVAL_WINDOW = 90 days;
    /// @notice How far ahead of scheduling a change may ask to activate.
    uint48 public constant MAX_ACTIVATION_LEAD = 365 days;

    Change[] private _changes;
    uint48 private _minActivationDelay;
    uint48 private _approvalWindow;
    mapping(bytes32 scope => uint48) private _lastActivation;

    constructor(uint48 minActivationDelay_, uint48 approvalWindow_) {
        _updateMinActivationDelay(minActivationDelay_);
        _updateApprovalWindow(approvalWindow_);
    }

    // ---------------------------------------------------------------- governance

    /// @inheritdoc ISequencerConfigRegistry
    function cancelChange(uint256 changeId) external onlyGovernance {
        _awaiting(changeId).status = ChangeStatus.Cancelled;
        emit ChangeCancelled(changeId);
    }

    /// @inheritdoc ISequencerConfigRegistry
    function updateMinActivationDelay(uint48 newDelay) external onlyGovernance {
        _updateMinActivationDelay(newDelay);
    }

    /// @inheritdoc ISequencerConfigRegistry
    function updateApprovalWindow(uint48 newWindow) external onlyGovernance {
        _updateApprovalWindow(newWindow);
    }

    // ---------------------------------------------------------------- council

    /// @inheritdoc ISequencerConfigRegistry
    function approveChange(uint256 changeId) external onlyCouncil {
        Change storage change = _awaiting(changeId);
        uint48 now_ = Time.timestamp();
        bytes32 scope = _scopeOf(change.kind, change.chainId);
        uint48 activatesAt = uint48(Math.max(change.requestedActivation, now_ + _minActivationDelay));
        if (scope != bytes32(0)) {
            activatesAt = uint48(Math.max(activatesAt, _lastActivation[scope]));
            _lastActivation[scope] = activatesAt;
        }
        change.status = ChangeStatus.Approved;
        change.approvedAt = now_;
        change.activatesAt = activatesAt;
        _applyApproved(change);
        emit ChangeApproved(changeId, activatesAt);
    }

    /// @inheritdoc ISequencerConfigRegistry
    function rejectChange(uint256 changeId) external onlyCouncil {
        _awaiting(changeId).status = ChangeStatus.Rejected;
        emit ChangeRejected(changeId);
    }

    // ---------------------------------------------------------------- views

    /// @inheritdoc ISequencerConfigRegistry
    function minActivationDelay() public view returns (uint48) {
        return _minActivationDelay;
    }

    /// @inheritdoc ISequencerConfigRegistry
    function approvalWindow() public view returns (uint48) {
        return _approvalWindow;
    }

    /// @inheritdoc ISequencerConfigRegistry
    function changeCount() external view returns (uint256) {
        return _changes.length;
    }

    /// @inheritdoc ISequencerConfigRegistry
    function getChange(uint256 changeId) external view returns (Change memory) {
        return _change(changeId);
    }

    /// @inheritdoc ISequencerConfigRegistry
    function changeStatus(uint256 changeId) public view returns (ChangeStatus) {
        Change storage change = _change(changeId);
        if (change.status == ChangeStatus.AwaitingCouncil && block.timestamp >= change.expiresAt) {
            return ChangeStatus.Expired;
        }
        if (change.status == ChangeStatus.Approved && block.timestamp >= change.activatesAt) {
            return ChangeStatus.Active;
        }
        return change.status;
    }

    // ---------------------------------------------------------------- internals

    /// @dev Records a change awaiting the council. Ids are indexes, starting at 0.
    function _schedule(
        ChangeKind kind,
        uint256 chainId,
        uint48 requestedActivation,
        bytes memory payload
    ) internal returns (uint256 changeId) {
        uint48 now_ = Time.timestamp();
        uint48 latest = now_ + MAX_ACTIVATION_LEAD;
        if (requestedActivation > latest) revert SequencerConfigActivationTooFar(requestedActivation, latest);
        uint48 expiresAt = now_ + _approvalWindow;
        changeId = _changes.length;
        _changes.push(
            Change({
                kind: kind,
                status: ChangeStatus.AwaitingCouncil,
                scheduledAt: now_,
                requestedActivation: requestedActivation,
                expiresAt: expiresAt,
                approvedAt: 0,
                activatesAt: 0,
                chainId: chainId,
                payload: payload
            })
        );
        emit ChangeScheduled(changeId, kind, chainId, requestedActivation, expiresAt, payload);
    }

    /// @dev Makes an approved change take effect at `change.activatesAt`.
    function _applyApproved(Change storage change) internal virtual;

    function _updateMinActivationDelay(uint48 newDelay) internal {
        if (newDelay > MAX_ACTIVATION_DELAY) revert SequencerConfigSettingOutOfBounds(newDelay, 0, MAX_ACTIVATION_DELAY);
        emit MinActivationDelayUpdated(_minActivationDelay, newDelay);
        _minActivationDelay = newDelay;
    }

    function _updateApprovalWindow(uint48 newWindow) internal {
        if (newWindow < MIN_APPROVAL_WINDOW || newWindow > MAX_APPROVAL_WINDOW) {
            revert SequencerConfigSettingOutOfBounds(newWindow, MIN_APPROVAL_WINDOW, MAX_APPROVAL_WINDOW);
        }
        emit ApprovalWindowUpdated(_approvalWindow, newWindow);
        _approvalWindow = newWindow;
    }

    function _change(uint256 changeId) private view returns (Change storage) {
        if (changeId >= _changes.length) revert SequencerConfigUnknownChange(changeId);
        return _changes[changeId];
    }

    function _awaiting(uint256 changeId) private view returns (Change storage change) {
        change = _change(changeId);
        ChangeStatus status = changeStatus(changeId);
        if (status != ChangeStatus.AwaitingCouncil) revert SequencerConfigChangeNotAwaiting(changeId, status);
    }

    /**
     * @dev Releases need no order among themselves (the newest is chosen by version): no scope.
     * A chain's membership and operator changes share one scope, so an addition, a removal and an
     * operator replacement of one chain take effect in the order they were approved.
     */
    function _scopeOf(ChangeKind kind, uint256 chainId) private pure returns (bytes32) {
        if (kind == ChangeKind.ApproveRelease) return bytes32(0);
        if (kind == ChangeKind.AddChain || kind == ChangeKind.RemoveChain) kind = ChangeKind.ReplaceOperator;
        return keccak256(abi.encode(kind, chainId));
    }
}
