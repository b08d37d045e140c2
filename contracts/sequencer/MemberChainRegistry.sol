// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {Checkpoints} from "@openzeppelin/contracts/utils/structs/Checkpoints.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";
import {Time} from "@openzeppelin/contracts/utils/types/Time.sol";

import {IMemberChainRegistry} from "./IMemberChainRegistry.sol";

/**
 * @title MemberChainRegistry
 * @dev Operators are kept as timestamp checkpoints (address as uint160) so that "who could post
 * chain C's commitment at time T" has one answer forever, including after a replacement.
 */
contract MemberChainRegistry is IMemberChainRegistry {
    using Checkpoints for Checkpoints.Trace160;

    uint256 private constant _MAX_NAME_BYTES = 32;

    address private immutable _governance;
    address private immutable _deployer;
    address private _operatorScheduler;

    mapping(uint256 chainId => MemberChain) private _chains;
    mapping(uint256 chainId => Checkpoints.Trace160) private _operators;
    uint256[] private _chainIds;

    modifier onlyGovernance() {
        if (msg.sender != _governance) revert MemberChainRegistryOnlyGovernance(msg.sender);
        _;
    }

    /**
     * @param governance_ The timelock that executes governance decisions.
     * @param initialChains Chains registered at deployment, as if governance had added them.
     */
    constructor(address governance_, InitialChain[] memory initialChains) {
        if (governance_ == address(0)) revert MemberChainRegistryOnlyGovernance(address(0));
        _governance = governance_;
        _deployer = msg.sender;
        for (uint256 i = 0; i < initialChains.length; i++) {
            _addChain(initialChains[i].chainId, initialChains[i].name, initialChains[i].operator);
        }
    }

    /// @inheritdoc IMemberChainRegistry
    function governance() public view returns (address) {
        return _governance;
    }

    /// @inheritdoc IMemberChainRegistry
    function operatorScheduler() public view returns (address) {
        return _operatorScheduler;
    }

    /// @inheritdoc IMemberChainRegistry
    function addChain(uint256 chainId, string calldata name, address operator) external onlyGovernance {
        _addChain(chainId, name, operator);
    }

    /// @inheritdoc IMemberChainRegistry
    function removeChain(uint256 chainId) external onlyGovernance {
        _requireActive(chainId);
        MemberChain storage record = _chains[chainId];
        record.status = ChainStatus.Removed;
        record.removedAt = Time.timestamp();
        emit ChainRemoved(chainId);
    }

    /// @inheritdoc IMemberChainRegistry
    function setOperatorScheduler(address scheduler) external {
        if (msg.sender != _governance && msg.sender != _deployer) revert MemberChainRegistryOnlyGovernance(msg.sender);
        if (_operatorScheduler != address(0)) revert MemberChainRegistrySchedulerAlreadySet(_operatorScheduler);
        if (scheduler == address(0)) revert MemberChainRegistryOnlyScheduler(scheduler);
        _operatorScheduler = scheduler;
        emit OperatorSchedulerSet(scheduler);
    }

    /// @inheritdoc IMemberChainRegistry
    function scheduleOperator(uint256 chainId, address operator, uint48 activatesAt) external {
        if (msg.sender != _operatorScheduler || msg.sender == address(0)) {
            revert MemberChainRegistryOnlyScheduler(msg.sender);
        }
        _requireActive(chainId);
        _scheduleOperator(chainId, operator, activatesAt);
    }

    /// @inheritdoc IMemberChainRegistry
    function chain(uint256 chainId) external view returns (MemberChain memory) {
        return _chains[chainId];
    }

    /// @inheritdoc IMemberChainRegistry
    function isActive(uint256 chainId) public view returns (bool) {
        return _chains[chainId].status == ChainStatus.Active;
    }

    /// @inheritdoc IMemberChainRegistry
    function chainIds() external view returns (uint256[] memory) {
        return _chainIds;
    }

    /// @inheritdoc IMemberChainRegistry
    function operatorOf(uint256 chainId) external view returns (address) {
        return operatorAt(chainId, block.timestamp);
    }

    /// @inheritdoc IMemberChainRegistry
    function operatorAt(uint256 chainId, uint256 timestamp) public view returns (address) {
        return address(_operators[chainId].upperLookup(SafeCast.toUint96(timestamp)));
    }

    function _addChain(uint256 chainId, string memory name, address operator) internal {
        if (chainId == 0 || chainId > type(uint64).max) revert MemberChainRegistryInvalidChainId(chainId);
        if (bytes(name).length == 0 || bytes(name).length > _MAX_NAME_BYTES) revert MemberChainRegistryInvalidName(name);
        if (_chains[chainId].status != ChainStatus.Unknown) revert MemberChainRegistryChainExists(chainId);

        _chains[chainId] = MemberChain({
            chainId: uint64(chainId),
            status: ChainStatus.Active,
            joinedAt: Time.timestamp(),
            removedAt: 0,
            name: name
        });
        _chainIds.push(chainId);
        emit ChainAdded(chainId, name, operator);
        _scheduleOperator(chainId, operator, Time.timestamp());
    }

    function _scheduleOperator(uint256 chainId, address operator, uint48 activatesAt) internal {
        if (operator == address(0)) revert MemberChainRegistryInvalidOperator(operator);
        Checkpoints.Trace160 storage history = _operators[chainId];
        (bool exists, uint96 lastActivation, ) = history.latestCheckpoint();
        if (exists && activatesAt < lastActivation) {
            revert MemberChainRegistryOperatorOutOfOrder(chainId, activatesAt, uint48(lastActivation));
        }
        history.push(activatesAt, uint160(operator));
        emit OperatorScheduled(chainId, operator, activatesAt);
    }

    function _requireActive(uint256 chainId) private view {
        if (!isActive(chainId)) revert MemberChainRegistryChainNotActive(chainId);
    }
}
