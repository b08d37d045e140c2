// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {Time} from "@openzeppelin/contracts/utils/types/Time.sol";

import {IMemberChainRegistry} from "../sequencer/IMemberChainRegistry.sol";
import {ISequencerConfigRegistry} from "../sequencer/ISequencerConfigRegistry.sol";
import {IOutputOracle} from "./IOutputOracle.sol";

/**
 * @title OutputOracle
 * @dev An output takes three storage slots (block number, timestamps and config version packed in
 * the first). Outputs are append-only with strictly increasing block numbers, so a lookup by block
 * number is a binary search over the chain's list.
 */
contract OutputOracle is IOutputOracle {
    IMemberChainRegistry private immutable _memberChains;
    ISequencerConfigRegistry private immutable _configRegistry;

    mapping(uint256 chainId => Output[]) private _outputs;

    /**
     * @param memberChains_ The hub's MemberChainRegistry: membership and operators.
     * @param configRegistry_ The hub's SequencerConfigRegistry for {versionInForce}; may be zero.
     */
    constructor(IMemberChainRegistry memberChains_, ISequencerConfigRegistry configRegistry_) {
        _memberChains = memberChains_;
        _configRegistry = configRegistry_;
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
    function memberChains() external view returns (IMemberChainRegistry) {
        return _memberChains;
    }

    /// @inheritdoc IOutputOracle
    function configRegistry() external view returns (ISequencerConfigRegistry) {
        return _configRegistry;
    }

    /// @inheritdoc IOutputOracle
    function latestOutput(uint256 chainId) external view returns (Output memory) {
        Output[] storage outputs = _outputs[chainId];
        if (outputs.length == 0) revert OutputOracleNoOutput(chainId);
        return outputs[outputs.length - 1];
    }

    /// @inheritdoc IOutputOracle
    function outputCount(uint256 chainId) external view returns (uint256) {
        return _outputs[chainId].length;
    }

    /// @inheritdoc IOutputOracle
    function outputAt(uint256 chainId, uint256 index) external view returns (Output memory) {
        Output[] storage outputs = _outputs[chainId];
        if (index >= outputs.length) revert OutputOracleIndexOutOfRange(chainId, index, outputs.length);
        return outputs[index];
    }

    /// @inheritdoc IOutputOracle
    function outputForBlock(uint256 chainId, uint256 blockNumber) public view returns (Output memory) {
        return _outputs[chainId][_indexOf(chainId, blockNumber)];
    }

    /// @inheritdoc IOutputOracle
    function stateRootAt(uint256 chainId, uint256 blockNumber) external view returns (bytes32) {
        return _outputs[chainId][_indexOf(chainId, blockNumber)].stateRoot;
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
        if (blockHash == bytes32(0) || stateRoot == bytes32(0)) revert OutputOracleZeroRoot(blockHash, stateRoot);
        if (blockNumber > type(uint64).max) revert OutputOracleBlockNumberTooLarge(blockNumber);
        Output[] storage outputs = _outputs[chainId];
        uint256 index = outputs.length;
        if (index != 0) {
            uint256 latest = outputs[index - 1].blockNumber;
            if (blockNumber <= latest) revert OutputOracleBlockNotIncreasing(chainId, blockNumber, latest);
        }
        outputs.push(
            Output({
                blockNumber: uint64(blockNumber),
                blockTimestamp: blockTimestamp,
                postedAt: Time.timestamp(),
                configVersion: configVersion,
                blockHash: blockHash,
                stateRoot: stateRoot
            })
        );
        emit OutputPosted(chainId, index, blockNumber, blockHash, stateRoot, configVersion, blockTimestamp);
    }

    /// @dev The index of the output committed for exactly `blockNumber`; reverts when there is none.
    function _indexOf(uint256 chainId, uint256 blockNumber) private view returns (uint256) {
        Output[] storage outputs = _outputs[chainId];
        uint256 low = 0;
        uint256 high = outputs.length;
        while (low < high) {
            uint256 mid = (low + high) / 2; // high <= 2^64 outputs at most: no overflow
            if (outputs[mid].blockNumber < blockNumber) low = mid + 1;
            else high = mid;
        }
        if (low == outputs.length || outputs[low].blockNumber != blockNumber) {
            revert OutputOracleUnknownBlock(chainId, blockNumber);
        }
        return low;
    }
}
