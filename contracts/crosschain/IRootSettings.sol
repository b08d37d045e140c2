// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IMemberChainRegistry} from "../sequencer/IMemberChainRegistry.sol";
import {ISequencerConfigRegistry} from "../sequencer/ISequencerConfigRegistry.sol";
import {IRootOracle} from "./IRootOracle.sol";

/**
 * @title IRootSettings
 * @notice On the hub: the governed rules of committed roots, and who acts on them. Governance (the
 * timelock) sets the challenge window and maximum block step of outputs (which the hub's
 * OutputOracle applies) and of hub states (which every member chain's HubStateOracle applies),
 * within {RootHistory}'s bounds. The Security Council in force in the SequencerConfigRegistry
 * rejects roots.
 *
 * Member chains cannot read the hub, so anyone may publish a member chain's roles — its operator
 * in the MemberChainRegistry, the council, the hub-state rules — as one commitment in one storage
 * slot ({memberRolesSlot}); the chain's HubStateOracle learns them by proving that slot against a
 * usable hub state root. Publish after an operator or council replacement takes effect, or after
 * the hub-state rules change.
 */
interface IRootSettings {
    event OutputRulesUpdated(IRootOracle.RootRules oldRules, IRootOracle.RootRules newRules);
    event HubStateRulesUpdated(IRootOracle.RootRules oldRules, IRootOracle.RootRules newRules);
    /// @notice `chainId`'s roles were written to {memberRolesSlot} as `commitment`.
    event MemberRolesPublished(uint256 indexed chainId, IRootOracle.MemberRoles roles, bytes32 commitment);

    /// @notice The caller is not governance (the timelock).
    error RootSettingsOnlyGovernance(address caller);
    /// @notice A challenge window below the deployment's floor ({minChallengeWindow}).
    error RootSettingsWindowBelowFloor(uint32 challengeWindow, uint32 floor);
    /// @notice Roles are published only for active member chains.
    error RootSettingsChainNotActive(uint256 chainId);

    /// @notice Sets the rules of member chains' outputs on the hub. Only governance; within bounds and not below {minChallengeWindow}.
    function updateOutputRules(IRootOracle.RootRules calldata rules) external;

    /// @notice Sets the rules of hub states on member chains (they follow by proof). Only governance; within bounds.
    function updateHubStateRules(IRootOracle.RootRules calldata rules) external;

    /// @notice Writes `chainId`'s current roles to its slot for the member chain to prove. Anyone.
    function publishMemberRoles(uint256 chainId) external returns (bytes32 commitment);

    /// @notice Governance: the timelock, as the SequencerConfigRegistry names it.
    function governance() external view returns (address);

    /// @notice The shortest challenge window governance may set, fixed at deployment.
    function minChallengeWindow() external view returns (uint32);

    /// @notice The Security Council in force (the SequencerConfigRegistry's).
    function council() external view returns (address);

    function memberChains() external view returns (IMemberChainRegistry);

    function configRegistry() external view returns (ISequencerConfigRegistry);

    /// @notice The rules the OutputOracle applies to outputs posted now.
    function outputRules() external view returns (IRootOracle.RootRules memory);

    /// @notice The rules member chains apply to hub states (once they have synced them).
    function hubStateRules() external view returns (IRootOracle.RootRules memory);

    /// @notice The roles {publishMemberRoles} would publish for `chainId` now.
    function memberRoles(uint256 chainId) external view returns (IRootOracle.MemberRoles memory);

    /// @notice The commitment last published for `chainId` (zero if none).
    function publishedRoles(uint256 chainId) external view returns (bytes32);

    /// @notice The storage slot of `chainId`'s published commitment ({CrosschainSlots-memberRolesSlot}).
    function memberRolesSlot(uint256 chainId) external pure returns (bytes32);
}
