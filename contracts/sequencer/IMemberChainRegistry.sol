// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/**
 * @title IMemberChainRegistry
 * @notice The member chains the shared sequencer serves, and who may post each chain's output
 * commitments. After deployment every change here (adding or removing a chain, replacing its
 * operator) is a change both governance and the Security Council approved: the
 * SequencerConfigRegistry, this registry's one change applier, applies it at its activation time.
 *
 * Membership is a timestamp history per chain: a chain is a member from the activation of its
 * addition until the activation of its removal ({isActiveAt}). A removed chain may be added again
 * by a new approved change; its id, outputs and history are kept.
 */
interface IMemberChainRegistry {
    /**
     * @dev The latest decision about a chain, whatever its activation time: `Active` once an
     * addition was approved (a member from `joinedAt`), `Removed` once a removal was approved (a
     * member until `removedAt`). {isActive} and {isActiveAt} answer by time.
     */
    enum ChainStatus {
        Unknown,
        Active,
        Removed
    }

    struct MemberChain {
        uint64 chainId;
        ChainStatus status;
        /// @dev When the chain (last) became a member.
        uint48 joinedAt;
        /// @dev When the chain stops (or stopped) being a member; 0 unless `status == Removed`.
        uint48 removedAt;
        string name;
    }

    /// @notice A chain to register at deployment.
    struct InitialChain {
        uint256 chainId;
        string name;
        address operator;
    }

    /// @notice `chainId` is a member from `activatesAt` on, first operated by `operator`.
    event ChainAdded(uint256 indexed chainId, string name, address indexed operator, uint48 activatesAt);
    /// @notice `chainId` stops being a member at `activatesAt`.
    event ChainRemoved(uint256 indexed chainId, uint48 activatesAt);
    /// @notice `operator` posts `chainId`'s commitments from `activatesAt` on.
    event OperatorScheduled(uint256 indexed chainId, address indexed operator, uint48 activatesAt);
    event ChangeApplierSet(address indexed applier);

    /// @notice The caller is not the change applier (the SequencerConfigRegistry).
    error MemberChainRegistryOnlyChangeApplier(address caller);
    /// @notice Only the deployer binds the change applier, once.
    error MemberChainRegistryOnlyDeployer(address caller);
    /// @notice The change applier is already set; it is set once, at deployment.
    error MemberChainRegistryChangeApplierAlreadySet(address applier);
    /// @notice The applier must be a contract that names this registry as its member chains.
    error MemberChainRegistryInvalidChangeApplier(address applier);
    /// @notice Chain id zero or above 2^64 - 1.
    error MemberChainRegistryInvalidChainId(uint256 chainId);
    /// @notice The name is empty or longer than 32 bytes.
    error MemberChainRegistryInvalidName(string name);
    error MemberChainRegistryInvalidOperator(address operator);
    /// @notice The chain is a member, or its addition is approved (remove it first).
    error MemberChainRegistryChainExists(uint256 chainId);
    /// @notice The chain is not a member, or its removal is already approved.
    error MemberChainRegistryChainNotActive(uint256 chainId);
    /// @notice Operator changes take effect in the order they were scheduled.
    error MemberChainRegistryOperatorOutOfOrder(uint256 chainId, uint48 activatesAt, uint48 lastActivation);

    /// @notice The SequencerConfigRegistry: the only account that adds and removes chains and replaces operators.
    function changeApplier() external view returns (address);

    /**
     * @notice Binds the change applier, once, by the deployer while wiring the deployment. The
     * applier must be a contract whose `memberChains()` is this registry, so the deployer can
     * bind neither itself nor any other account; after this no account can bind again.
     */
    function setChangeApplier(address applier) external;

    /// @notice Makes `chainId` a member from `activatesAt` with its first operator. Only the change applier.
    function addChain(uint256 chainId, string calldata name, address operator, uint48 activatesAt) external;

    /// @notice Ends `chainId`'s membership at `activatesAt`; its id may be added again later. Only the change applier.
    function removeChain(uint256 chainId, uint48 activatesAt) external;

    /// @notice Schedules `operator` to replace `chainId`'s operator at `activatesAt`. Only the change applier.
    function scheduleOperator(uint256 chainId, address operator, uint48 activatesAt) external;

    /// @notice Reverts with the reason {addChain} would refuse these arguments now, if any.
    function checkAddChain(uint256 chainId, string calldata name, address operator) external view;

    /// @notice The chain's record; `status == Unknown` for a chain never added.
    function chain(uint256 chainId) external view returns (MemberChain memory);

    /// @notice Whether `chainId` is a member now.
    function isActive(uint256 chainId) external view returns (bool);

    /// @notice Whether `chainId` is a member at `timestamp` (past or future, as approved so far).
    function isActiveAt(uint256 chainId, uint256 timestamp) external view returns (bool);

    /// @notice Whether `chainId` is a member now and no removal of it is approved.
    function isListed(uint256 chainId) external view returns (bool);

    /// @notice Every chain id ever added, in the order first added (removed ones included).
    function chainIds() external view returns (uint256[] memory);

    /// @notice The operator of `chainId` in force now (a removed chain keeps its last operator).
    function operatorOf(uint256 chainId) external view returns (address);

    /// @notice The operator of `chainId` in force at `timestamp` (zero before the chain first joined).
    function operatorAt(uint256 chainId, uint256 timestamp) external view returns (address);
}
