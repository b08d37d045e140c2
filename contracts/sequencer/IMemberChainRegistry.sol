// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/**
 * @title IMemberChainRegistry
 * @notice The member chains the shared sequencer serves, and who may post each chain's output
 * commitments. Chains are added and removed by governance (the timelock); a chain's operator is
 * replaced only through a change both governance and the Security Council approved, scheduled
 * here by the SequencerConfigRegistry.
 */
interface IMemberChainRegistry {
    enum ChainStatus {
        Unknown,
        Active,
        Removed
    }

    struct MemberChain {
        uint64 chainId;
        ChainStatus status;
        uint48 joinedAt;
        uint48 removedAt;
        string name;
    }

    /// @notice A chain to register at deployment.
    struct InitialChain {
        uint256 chainId;
        string name;
        address operator;
    }

    event ChainAdded(uint256 indexed chainId, string name, address indexed operator);
    event ChainRemoved(uint256 indexed chainId);
    /// @notice `operator` posts `chainId`'s commitments from `activatesAt` on.
    event OperatorScheduled(uint256 indexed chainId, address indexed operator, uint48 activatesAt);
    event OperatorSchedulerSet(address indexed scheduler);

    /// @notice The caller is not governance (the timelock).
    error MemberChainRegistryOnlyGovernance(address caller);
    /// @notice The caller is not the SequencerConfigRegistry.
    error MemberChainRegistryOnlyScheduler(address caller);
    /// @notice The operator scheduler is already set; it is set once, at deployment.
    error MemberChainRegistrySchedulerAlreadySet(address scheduler);
    /// @notice Chain id zero or above 2^64 - 1.
    error MemberChainRegistryInvalidChainId(uint256 chainId);
    /// @notice The name is empty or longer than 32 bytes.
    error MemberChainRegistryInvalidName(string name);
    error MemberChainRegistryInvalidOperator(address operator);
    /// @notice The chain was added before (a removed chain id is never reused).
    error MemberChainRegistryChainExists(uint256 chainId);
    /// @notice The chain is not an active member.
    error MemberChainRegistryChainNotActive(uint256 chainId);
    /// @notice Operator changes take effect in the order they were scheduled.
    error MemberChainRegistryOperatorOutOfOrder(uint256 chainId, uint48 activatesAt, uint48 lastActivation);

    /// @notice Governance (the timelock), the only account that adds and removes chains.
    function governance() external view returns (address);

    /// @notice The SequencerConfigRegistry, the only account that schedules operator replacements.
    function operatorScheduler() external view returns (address);

    /// @notice Adds an active member chain with its first operator. Only governance.
    function addChain(uint256 chainId, string calldata name, address operator) external;

    /// @notice Removes an active member chain; its id is never reused. Only governance.
    function removeChain(uint256 chainId) external;

    /// @notice Schedules `operator` to replace `chainId`'s operator at `activatesAt`. Only the scheduler.
    function scheduleOperator(uint256 chainId, address operator, uint48 activatesAt) external;

    /// @notice Sets the operator scheduler, once: by governance, or by the deployer while wiring the deployment.
    function setOperatorScheduler(address scheduler) external;

    /// @notice The chain's record; `status == Unknown` for a chain never added.
    function chain(uint256 chainId) external view returns (MemberChain memory);

    /// @notice Whether `chainId` is an active member now.
    function isActive(uint256 chainId) external view returns (bool);

    /// @notice Every chain id ever added, in the order added (removed ones included).
    function chainIds() external view returns (uint256[] memory);

    /// @notice The operator of `chainId` in force now.
    function operatorOf(uint256 chainId) external view returns (address);

    /// @notice The operator of `chainId` in force at `timestamp` (zero before the chain joined).
    function operatorAt(uint256 chainId, uint256 timestamp) external view returns (address);
}
