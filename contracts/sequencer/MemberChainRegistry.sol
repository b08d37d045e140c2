// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {Checkpoints} from "@openzeppelin/contracts/utils/structs/Checkpoints.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";
import {Time} from "@openzeppelin/contracts/utils/types/Time.sol";

import {IMemberChainRegistry} from "./IMemberChainRegistry.sol";
import {ISequencerConfigRegistry} from "./ISequencerConfigRegistry.sol";

/**
 * @title MemberChainRegistry
 * @dev Operators and membership are kept as timestamp checkpoints (an address as uint160; 1 or 0
 * for "member") so that "who could post chain C's commitment at time T" and "was C a member at T"
 * have one answer forever, including after a replacement, a removal or a re-addition. The change
 * applier keeps each chain's changes in activation order (one scope per chain in
 * {ChangeApproval}); the checkpoints refuse anything else.
 */
contract MemberChainRegistry is IMemberChainRegistry {
    using Checkpoints for Checkpoints.Trace160;
    using Checkpoints for Checkpoints.Trace208;

    uint256 private constant _MAX_NAME_BYTES = 32;

    address private immutable _deployer;
    address private _changeApplier;

    mapping(uint256 chainId => MemberChain) private _chains;
    mapping(uint256 chainId => Checkpoints.Trace160) private _operators;
    mapping(uint256 chainId => Checkpoints.Trace208) private _membership;
    uint256[] private _chainIds;

    modifier onlyChangeApplier() {
        if (msg.sender != _changeApplier || msg.sender == address(0)) {
            revert MemberChainRegistryOnlyChangeApplier(msg.sender);
        }
        _;
    }

    /// @param initialChains Chains registered at deployment, members from then on.
    constructor(InitialChain[] memory initialChains) {
        _deployer = msg.sender;
        for (uint256 i = 0; i < initialChains.length; i++) {
            InitialChain memory initial = initialChains[i];
            _addChain(initial.chainId, initial.name, initial.operator, Time.timestamp());
        }
    }

    /// @inheritdoc IMemberChainRegistry
    function changeApplier() public view returns (address) {
        return _changeApplier;
    }

    /// @inheritdoc IMemberChainRegistry
    function setChangeApplier(address applier) external {
        if (msg.sender != _deployer) revert MemberChainRegistryOnlyDeployer(msg.sender);
        if (_changeApplier != address(0)) revert MemberChainRegistryChangeApplierAlreadySet(_changeApplier);
        (bool ok, bytes memory answer) = applier.staticcall(abi.encodeCall(ISequencerConfigRegistry.memberChains, ()));
        if (!ok || answer.length != 32 || abi.decode(answer, (address)) != address(this)) {
            revert MemberChainRegistryInvalidChangeApplier(applier);
        }
        _changeApplier = applier;
        emit ChangeApplierSet(applier);
    }

    /// @inheritdoc IMemberChainRegistry
    function addChain(
        uint256 chainId,
        string calldata name,
        address operator,
        uint48 activatesAt
    ) external onlyChangeApplier {
        _addChain(chainId, name, operator, activatesAt);
    }

    /// @inheritdoc IMemberChainRegistry
    function removeChain(uint256 chainId, uint48 activatesAt) external onlyChangeApplier {
        MemberChain storage record = _chains[chainId];
        if (record.status != ChainStatus.Active) revert MemberChainRegistryChainNotActive(chainId);
        record.status = ChainStatus.Removed;
        record.removedAt = activatesAt;
        _membership[chainId].push(activatesAt, 0);
        emit ChainRemoved(chainId, activatesAt);
    }

    /// @inheritdoc IMemberChainRegistry
    function scheduleOperator(uint256 chainId, address operator, uint48 activatesAt) external onlyChangeApplier {
        if (_chains[chainId].status != ChainStatus.Active) revert MemberChainRegistryChainNotActive(chainId);
        _scheduleOperator(chainId, operator, activatesAt);
    }

    /// @inheritdoc IMemberChainRegistry
    function checkAddChain(uint256 chainId, string memory name, address operator) public view {
        if (chainId == 0 || chainId > type(uint64).max) revert MemberChainRegistryInvalidChainId(chainId);
        if (bytes(name).length == 0 || bytes(name).length > _MAX_NAME_BYTES) revert MemberChainRegistryInvalidName(name);
        if (operator == address(0)) revert MemberChainRegistryInvalidOperator(operator);
        if (_chains[chainId].status == ChainStatus.Active) revert MemberChainRegistryChainExists(chainId);
    }

    /// @inheritdoc IMemberChainRegistry
    function chain(uint256 chainId) external view returns (MemberChain memory) {
        return _chains[chainId];
    }

    /// @inheritdoc IMemberChainRegistry
    function isActive(uint256 chainId) public view returns (bool) {
        return isActiveAt(chainId, block.timestamp);
    }

    /// @inheritdoc IMemberChainRegistry
    function isActiveAt(uint256 chainId, uint256 timestamp) public view returns (bool) {
        return _membership[chainId].upperLookup(SafeCast.toUint48(timestamp)) == 1;
    }

    /// @inheritdoc IMemberChainRegistry
    function isListed(uint256 chainId) external view returns (bool) {
        return _chains[chainId].status == ChainStatus.Active && isActive(chainId);
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

    /// @dev Adds a new chain, or adds a removed one again (keeping its id, history and place in {chainIds}).
    function _addChain(uint256 chainId, string memory name, address operator, uint48 activatesAt) private {
        checkAddChain(chainId, name, operator);
        MemberChain storage record = _chains[chainId];
        if (record.status == ChainStatus.Unknown) _chainIds.push(chainId);
        record.chainId = uint64(chainId);
        record.status = ChainStatus.Active;
        record.joinedAt = activatesAt;
        record.removedAt = 0;
        record.name = name;
        _membership[chainId].push(activatesAt, 1);
        emit ChainAdded(chainId, name, operator, activatesAt);
        _scheduleOperator(chainId, operator, activatesAt);
    }

    function _scheduleOperator(uint256 chainId, address operator, uint48 activatesAt) private {
        if (operator == address(0)) revert MemberChainRegistryInvalidOperator(operator);
        Checkpoints.Trace160 storage history = _operators[chainId];
        (bool exists, uint96 lastActivation, ) = history.latestCheckpoint();
        if (exists && activatesAt < lastActivation) {
            revert MemberChainRegistryOperatorOutOfOrder(chainId, activatesAt, uint48(lastActivation));
        }
        history.push(activatesAt, uint160(operator));
        emit OperatorScheduled(chainId, operator, activatesAt);
    }
}
