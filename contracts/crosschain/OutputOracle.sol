// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IMemberChainRegistry} from "../sequencer/IMemberChainRegistry.sol";
import {ISequencerConfigRegistry} from "../sequencer/ISequencerConfigRegistry.sol";
import {IOutputOracle} from "./IOutputOracle.sol";
import {IRootSettings} from "./IRootSettings.sol";
import {RootHistory} from "./RootHistory.sol";

/**
 * @title OutputOracle
 * @dev Each chain's outputs are a {RootHistory}: three slots per output, looked up by block number
 * in one read; rejection cuts the chain's accepted list in one write.
 */
contract OutputOracle is IOutputOracle {
    using RootHistory for RootHistory.History;

    IMemberChainRegistry private immutable _memberChains;
    ISequencerConfigRegistry private immutable _configRegistry;
    IRootSettings private immutable _rootSettings;

    mapping(uint256 chainId => RootHistory.History) private _outputs;

    /**
     * @param memberChains_ The hub's MemberChainRegistry: membership and operators.
     * @param configRegistry_ The hub's SequencerConfigRegistry for {versionInForce}; may be zero.
     * @param rootSettings_ The hub's RootSettings: output rules, the council, governance.
     */
    constructor(IMemberChainRegistry memberChains_, ISequencerConfigRegistry configRegistry_, IRootSettings rootSettings_) {
        _memberChains = memberChains_;
        _configRegistry = configRegistry_;
        _rootSettings = rootSettings_;
    }

    /// @inheritdoc IOutputOracle
    function postOutput(
        uint256 chainId,
        uint256 blockNumber,
        bytes32 blockHash,
        bytes32 stateRoot,
        uint64 configVersion,
        uint48 blockTimestamp
    ) external {
        // Wind-down: a removed chain's blocks from its membership stay postable, so its escrow can exit.
        if (!_memberChains.isActive(chainId) && !_memberChains.isActiveAt(chainId, blockTimestamp)) {
            revert OutputOracleChainNotActive(chainId);
        }
        address operator = _memberChains.operatorOf(chainId);
        if (msg.sender != operator) revert OutputOracleNotOperator(chainId, msg.sender, operator);
        _postOutput(chainId, blockNumber, blockHash, stateRoot, configVersion, blockTimestamp);
    }

    /// @inheritdoc IOutputOracle
    function rejectOutputs(uint256 chainId, uint256 blockNumber, bytes32 stateRoot) external {
        address council = _rootSettings.council();
        if (msg.sender != council) revert RootOracleNotCouncil(msg.sender, council);
        (uint256 index, uint256 count) = _outputs[chainId].rejectFrom(blockNumber, stateRoot);
        emit OutputsRejected(chainId, blockNumber, index, count);
    }

    /// @inheritdoc IOutputOracle
    function updateAnchor(uint256 chainId, uint256 blockNumber) external {
        if (msg.sender != _rootSettings.governance()) revert OutputOracleOnlyGovernance(msg.sender);
        _outputs[chainId].setAnchor(blockNumber);
        emit AnchorUpdated(chainId, blockNumber);
    }

    /// @inheritdoc IOutputOracle
    function memberChains() external view returns (IMemberChainRegistry) {
        return _memberChains;
    }

    /// @inheritdoc IOutputOracle
    function configRegistry() external view returns (ISequencerConfigRegistry) {
        return _configRegistry;
    }

    /// @inheritdoc IOutputOracle
    function rootSettings() external view returns (IRootSettings) {
        return _rootSettings;
    }

    /// @inheritdoc IOutputOracle
    function anchorOf(uint256 chainId) external view returns (uint256) {
        return _outputs[chainId].anchor;
    }

    /// @inheritdoc IOutputOracle
    function rootState(uint256 chainId, uint256 blockNumber) external view returns (RootState) {
        return _outputs[chainId].state(blockNumber);
    }

    /// @inheritdoc IOutputOracle
    function usableOutputCount(uint256 chainId) external view returns (uint256) {
        return _outputs[chainId].usableLength();
    }

    /// @inheritdoc IOutputOracle
    function latestOutput(uint256 chainId) external view returns (Output memory) {
        RootHistory.History storage outputs = _outputs[chainId];
        uint256 count = outputs.length();
        if (count == 0) revert OutputOracleNoOutput(chainId);
        return _output(outputs, outputs.blockNumberAt(count - 1));
    }

    /// @inheritdoc IOutputOracle
    function outputCount(uint256 chainId) external view returns (uint256) {
        return _outputs[chainId].length();
    }

    /// @inheritdoc IOutputOracle
    function outputAt(uint256 chainId, uint256 index) external view returns (Output memory) {
        RootHistory.History storage outputs = _outputs[chainId];
        return _output(outputs, outputs.blockNumberAt(index));
    }

    /// @inheritdoc IOutputOracle
    function outputForBlock(uint256 chainId, uint256 blockNumber) external view returns (Output memory) {
        return _output(_outputs[chainId], blockNumber);
    }

    /// @inheritdoc IOutputOracle
    function stateRootAt(uint256 chainId, uint256 blockNumber) external view returns (bytes32) {
        return _outputs[chainId].usableStateRoot(blockNumber);
    }

    /// @inheritdoc IOutputOracle
    function versionInForce(uint256 chainId, uint256 blockTimestamp) external view returns (uint64) {
        if (address(_configRegistry) == address(0)) revert OutputOracleNoConfigRegistry();
        return _configRegistry.configAt(chainId, blockTimestamp).version;
    }

    /// @dev Validates and appends an output, and emits {OutputPosted}. Access is checked by the caller.
    function _postOutput(
        uint256 chainId,
        uint256 blockNumber,
        bytes32 blockHash,
        bytes32 stateRoot,
        uint64 configVersion,
        uint48 blockTimestamp
    ) internal {
        uint256 index = _outputs[chainId].append(
            blockNumber,
            blockTimestamp,
            blockHash,
            stateRoot,
            configVersion,
            _rootSettings.outputRules()
        );
        emit OutputPosted(chainId, index, blockNumber, blockHash, stateRoot, configVersion, blockTimestamp);
    }

    /// @dev The accepted output of `blockNumber` as the interface shows it; reverts when unknown or rejected.
    function _output(RootHistory.History storage outputs, uint256 blockNumber) private view returns (Output memory) {
        RootHistory.Root storage root = outputs.acceptedRoot(blockNumber);
        return
            Output({
                blockNumber: uint64(blockNumber),
                blockTimestamp: root.blockTimestamp,
                postedAt: root.postedAt,
                usableAt: root.usableAt,
                configVersion: root.configVersion,
                blockHash: root.blockHash,
                stateRoot: root.stateRoot
            });
    }
}
