// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {Time} from "@openzeppelin/contracts/utils/types/Time.sol";

import {ConfigHistory} from "./ConfigHistory.sol";
import {IMemberChainRegistry} from "./IMemberChainRegistry.sol";
import {ISequencerConfigRegistry} from "./ISequencerConfigRegistry.sol";
import {SequencerParameters} from "./SequencerParameters.sol";
import {ChangeApproval} from "./extensions/ChangeApproval.sol";
import {SequencerPause} from "./extensions/SequencerPause.sol";
import {SequencerRoles} from "./extensions/SequencerRoles.sol";

/**
 * @title SequencerConfigRegistry
 * @notice The on-chain source of truth the shared sequencer obeys. See {ISequencerConfigRegistry}.
 * @dev Parameters are kept per scope (0 = the global default, else one chain's overrides) as a
 * {ConfigHistory}: each approved change appends the scope's complete state from its activation
 * on, with a registry-wide increasing version. A chain's configuration at T merges the global
 * default in force at T with the chain's overrides in force at T; its version is the larger of
 * the two, so it increases whenever either side changes.
 */
contract SequencerConfigRegistry is ChangeApproval, SequencerPause {
    using ConfigHistory for ConfigHistory.Point[];

    uint256 private constant _GLOBAL = 0;

    IMemberChainRegistry private immutable _memberChains;
    uint64 private _latestVersion;
    mapping(uint256 scope => ConfigHistory.Point[]) private _history;
    Release[] private _releases;
    uint48[] private _releaseActivations;

    /**
     * @param memberChains_ The member chains; this registry must become their change applier
     * (`memberChains_.setChangeApplier(address(this))` by their deployer) before membership or
     * operator changes can be approved.
     * @param governance_ The timelock: schedules changes.
     * @param council_ The Security Council Safe: approves, rejects, pauses.
     * @param defaults The global default parameters, in force from deployment (version 1).
     * @param minActivationDelay_ Minimum time between approval and activation.
     * @param approvalWindow_ Time a scheduled change waits for the council before it expires.
     */
    constructor(
        IMemberChainRegistry memberChains_,
        address governance_,
        address council_,
        Parameters memory defaults,
        uint48 minActivationDelay_,
        uint48 approvalWindow_
    ) SequencerRoles(governance_, council_) ChangeApproval(minActivationDelay_, approvalWindow_) {
        if (address(memberChains_).code.length == 0) revert SequencerConfigInvalidAddress(address(memberChains_));
        _memberChains = memberChains_;
        SequencerParameters.validate(defaults, SequencerParameters.ALL_FIELDS);
        _pushConfig(_GLOBAL, SequencerParameters.ALL_FIELDS, defaults, Time.timestamp());
    }

    // ---------------------------------------------------------------- governance: scheduling

    /// @inheritdoc ISequencerConfigRegistry
    function scheduleParameters(
        uint256 chainId,
        uint8 mask,
        Parameters calldata parameters,
        uint48 requestedActivation
    ) external onlyGovernance returns (uint256) {
        SequencerParameters.validate(parameters, mask);
        if (chainId != _GLOBAL) _requireActiveChain(chainId);
        return _schedule(ChangeKind.SetParameters, chainId, requestedActivation, abi.encode(mask, parameters));
    }

    /// @inheritdoc ISequencerConfigRegistry
    function scheduleRelease(Release calldata release, uint48 requestedActivation) external onlyGovernance returns (uint256) {
        if (release.digest == bytes32(0) || _versionKey(release) == 0) revert SequencerConfigInvalidRelease(release);
        return _schedule(ChangeKind.ApproveRelease, _GLOBAL, requestedActivation, abi.encode(release));
    }

    /// @inheritdoc ISequencerConfigRegistry
    function scheduleCouncil(address newCouncil, uint48 requestedActivation) external onlyGovernance returns (uint256) {
        if (newCouncil == address(0)) revert SequencerConfigInvalidAddress(newCouncil);
        return _schedule(ChangeKind.ReplaceCouncil, _GLOBAL, requestedActivation, abi.encode(newCouncil));
    }

    /// @inheritdoc ISequencerConfigRegistry
    function scheduleOperator(
        uint256 chainId,
        address newOperator,
        uint48 requestedActivation
    ) external onlyGovernance returns (uint256) {
        if (newOperator == address(0)) revert SequencerConfigInvalidAddress(newOperator);
        _requireActiveChain(chainId);
        return _schedule(ChangeKind.ReplaceOperator, chainId, requestedActivation, abi.encode(newOperator));
    }

    /// @inheritdoc ISequencerConfigRegistry
    function scheduleAddChain(
        uint256 chainId,
        string calldata name,
        address operator,
        uint48 requestedActivation
    ) external onlyGovernance returns (uint256) {
        _memberChains.checkAddChain(chainId, name, operator);
        return _schedule(ChangeKind.AddChain, chainId, requestedActivation, abi.encode(name, operator));
    }

    /// @inheritdoc ISequencerConfigRegistry
    function scheduleRemoveChain(uint256 chainId, uint48 requestedActivation) external onlyGovernance returns (uint256) {
        if (_memberChains.chain(chainId).status != IMemberChainRegistry.ChainStatus.Active) {
            revert SequencerConfigChainNotActive(chainId);
        }
        return _schedule(ChangeKind.RemoveChain, chainId, requestedActivation, "");
    }

    // ---------------------------------------------------------------- views

    /// @inheritdoc ISequencerConfigRegistry
    function memberChains() external view returns (IMemberChainRegistry) {
        return _memberChains;
    }

    /// @inheritdoc ISequencerConfigRegistry
    function parameterBounds() external pure returns (Bounds memory) {
        return SequencerParameters.bounds();
    }

    /// @inheritdoc ISequencerConfigRegistry
    function currentConfig(uint256 chainId) external view returns (Config memory) {
        return configAt(chainId, block.timestamp);
    }

    /// @inheritdoc ISequencerConfigRegistry
    function configAt(uint256 chainId, uint256 timestamp) public view returns (Config memory config) {
        if (chainId != _GLOBAL && _memberChains.chain(chainId).status == IMemberChainRegistry.ChainStatus.Unknown) {
            revert SequencerConfigUnknownChain(chainId);
        }
        (bool found, ConfigHistory.Point memory global) = _history[_GLOBAL].lookup(timestamp);
        if (!found) revert SequencerConfigBeforeGenesis(timestamp);
        config = Config({parameters: global.parameters, version: global.version, activatedAt: global.activatesAt});
        if (chainId == _GLOBAL) return config;

        (bool overridden, ConfigHistory.Point memory own) = _history[chainId].lookup(timestamp);
        if (overridden) {
            config.parameters = SequencerParameters.merge(global.parameters, own.parameters, own.mask);
            config.version = uint64(Math.max(global.version, own.version));
            config.activatedAt = uint48(Math.max(global.activatesAt, own.activatesAt));
        }
    }

    /// @inheritdoc ISequencerConfigRegistry
    function releases() external view returns (Release[] memory, uint48[] memory) {
        return (_releases, _releaseActivations);
    }

    /// @inheritdoc ISequencerConfigRegistry
    function newestRequiredRelease() external view returns (bool, Release memory) {
        return _newestRelease(true);
    }

    /// @inheritdoc ISequencerConfigRegistry
    function newestRecommendedRelease() external view returns (bool, Release memory) {
        return _newestRelease(false);
    }

    // ---------------------------------------------------------------- internals

    function _applyApproved(Change storage change) internal override {
        ChangeKind kind = change.kind;
        if (kind == ChangeKind.SetParameters) {
            (uint8 mask, Parameters memory parameters) = abi.decode(change.payload, (uint8, Parameters));
            (bool found, ConfigHistory.Point memory previous) = _history[change.chainId].latest();
            if (found) {
                parameters = SequencerParameters.merge(previous.parameters, parameters, mask);
                mask |= previous.mask;
            }
            _pushConfig(change.chainId, mask, parameters, change.activatesAt);
        } else if (kind == ChangeKind.ApproveRelease) {
            Release memory release = abi.decode(change.payload, (Release));
            _releases.push(release);
            _releaseActivations.push(change.activatesAt);
            emit ReleaseScheduled(_releases.length - 1, release, change.activatesAt);
        } else if (kind == ChangeKind.ReplaceCouncil) {
            _scheduleCouncil(abi.decode(change.payload, (address)), change.activatesAt);
        } else if (kind == ChangeKind.ReplaceOperator) {
            _memberChains.scheduleOperator(change.chainId, abi.decode(change.payload, (address)), change.activatesAt);
        } else if (kind == ChangeKind.AddChain) {
            (string memory name, address operator) = abi.decode(change.payload, (string, address));
            _memberChains.addChain(change.chainId, name, operator, change.activatesAt);
        } else {
            _memberChains.removeChain(change.chainId, change.activatesAt);
        }
    }

    function _pushConfig(uint256 scope, uint8 mask, Parameters memory parameters, uint48 activatesAt) private {
        uint64 version = ++_latestVersion;
        _history[scope].push(
            ConfigHistory.Point({activatesAt: activatesAt, version: version, mask: mask, parameters: parameters})
        );
        emit ConfigScheduled(scope, version, activatesAt, mask, parameters);
    }

    function _requirePausable(uint256 chainId) internal view override {
        _requireActiveChain(chainId);
    }

    function _requireActiveChain(uint256 chainId) private view {
        if (!_memberChains.isActive(chainId)) revert SequencerConfigChainNotActive(chainId);
    }

    function _newestRelease(bool requiredOnly) private view returns (bool found, Release memory newest) {
        uint256 newestKey = 0;
        for (uint256 i = 0; i < _releases.length; i++) {
            if (_releaseActivations[i] > block.timestamp) continue;
            Release memory release = _releases[i];
            if (requiredOnly && release.kind != ReleaseKind.Required) continue;
            uint256 key = _versionKey(release);
            if (key > newestKey) (found, newest, newestKey) = (true, release, key);
        }
    }

    function _versionKey(Release memory release) private pure returns (uint256) {
        return (uint256(release.major) << 32) | (uint256(release.minor) << 16) | release.patch;
    }
}
