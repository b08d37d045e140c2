// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {StorageSlot} from "@openzeppelin/contracts/utils/StorageSlot.sol";

import {IMemberChainRegistry} from "../sequencer/IMemberChainRegistry.sol";
import {ISequencerConfigRegistry} from "../sequencer/ISequencerConfigRegistry.sol";
import {CrosschainSlots} from "./CrosschainSlots.sol";
import {IRootOracle} from "./IRootOracle.sol";
import {IRootSettings} from "./IRootSettings.sol";
import {RootHistory} from "./RootHistory.sol";

/**
 * @title RootSettings
 * @dev Each rule set takes one slot. Published roles live at {CrosschainSlots-memberRolesSlot}
 * (an ERC-7201 namespace), so the slot a member chain proves does not depend on this contract's
 * other storage.
 */
contract RootSettings is IRootSettings {
    IMemberChainRegistry private immutable _memberChains;
    ISequencerConfigRegistry private immutable _configRegistry;
    address private immutable _governance;
    uint32 private immutable _minChallengeWindow;

    IRootOracle.RootRules private _outputRules;
    IRootOracle.RootRules private _hubStateRules;

    modifier onlyGovernance() {
        if (msg.sender != _governance) revert RootSettingsOnlyGovernance(msg.sender);
        _;
    }

    /**
     * @param memberChains_ The hub's MemberChainRegistry: operators.
     * @param configRegistry_ The hub's SequencerConfigRegistry: governance, and the council in force.
     * @param outputRules_ The first rules of outputs.
     * @param hubStateRules_ The first rules of hub states on member chains.
     * @param minChallengeWindow_ The shortest window governance may ever set, fixed at deployment
     * (seconds on a devnet, hours in production), so that governance alone cannot shorten the
     * council's time to reject a root below what the deployment promised.
     */
    constructor(
        IMemberChainRegistry memberChains_,
        ISequencerConfigRegistry configRegistry_,
        IRootOracle.RootRules memory outputRules_,
        IRootOracle.RootRules memory hubStateRules_,
        uint32 minChallengeWindow_
    ) {
        _memberChains = memberChains_;
        _configRegistry = configRegistry_;
        _governance = configRegistry_.governance();
        _minChallengeWindow = minChallengeWindow_;
        _updateOutputRules(outputRules_);
        _updateHubStateRules(hubStateRules_);
    }

    /// @inheritdoc IRootSettings
    function updateOutputRules(IRootOracle.RootRules calldata rules) external onlyGovernance {
        _updateOutputRules(rules);
    }

    /// @inheritdoc IRootSettings
    function updateHubStateRules(IRootOracle.RootRules calldata rules) external onlyGovernance {
        _updateHubStateRules(rules);
    }

    /// @inheritdoc IRootSettings
    function publishMemberRoles(uint256 chainId) external returns (bytes32 commitment) {
        if (!_memberChains.isActive(chainId)) revert RootSettingsChainNotActive(chainId);
        IRootOracle.MemberRoles memory roles = memberRoles(chainId);
        commitment = CrosschainSlots.memberRolesCommitment(roles);
        StorageSlot.getBytes32Slot(CrosschainSlots.memberRolesSlot(chainId)).value = commitment;
        emit MemberRolesPublished(chainId, roles, commitment);
    }

    /// @inheritdoc IRootSettings
    function governance() external view returns (address) {
        return _governance;
    }

    /// @inheritdoc IRootSettings
    function minChallengeWindow() external view returns (uint32) {
        return _minChallengeWindow;
    }

    /// @inheritdoc IRootSettings
    function council() public view returns (address) {
        return _configRegistry.council();
    }

    /// @inheritdoc IRootSettings
    function memberChains() external view returns (IMemberChainRegistry) {
        return _memberChains;
    }

    /// @inheritdoc IRootSettings
    function configRegistry() external view returns (ISequencerConfigRegistry) {
        return _configRegistry;
    }

    /// @inheritdoc IRootSettings
    function outputRules() external view returns (IRootOracle.RootRules memory) {
        return _outputRules;
    }

    /// @inheritdoc IRootSettings
    function hubStateRules() external view returns (IRootOracle.RootRules memory) {
        return _hubStateRules;
    }

    /// @inheritdoc IRootSettings
    function memberRoles(uint256 chainId) public view returns (IRootOracle.MemberRoles memory) {
        return IRootOracle.MemberRoles({operator: _memberChains.operatorOf(chainId), council: council(), rules: _hubStateRules});
    }

    /// @inheritdoc IRootSettings
    function publishedRoles(uint256 chainId) external view returns (bytes32) {
        return StorageSlot.getBytes32Slot(CrosschainSlots.memberRolesSlot(chainId)).value;
    }

    /// @inheritdoc IRootSettings
    function memberRolesSlot(uint256 chainId) external pure returns (bytes32) {
        return CrosschainSlots.memberRolesSlot(chainId);
    }

    /// @dev Validates and sets the output rules, and emits {OutputRulesUpdated}.
    function _updateOutputRules(IRootOracle.RootRules memory rules) internal {
        _checkRules(rules);
        emit OutputRulesUpdated(_outputRules, rules);
        _outputRules = rules;
    }

    /// @dev Validates and sets the hub-state rules, and emits {HubStateRulesUpdated}.
    function _updateHubStateRules(IRootOracle.RootRules memory rules) internal {
        _checkRules(rules);
        emit HubStateRulesUpdated(_hubStateRules, rules);
        _hubStateRules = rules;
    }

    /// @dev The library's bounds, and no window below this deployment's floor.
    function _checkRules(IRootOracle.RootRules memory rules) private view {
        RootHistory.checkRules(rules);
        if (rules.challengeWindow < _minChallengeWindow) {
            revert RootSettingsWindowBelowFloor(rules.challengeWindow, _minChallengeWindow);
        }
    }
}
