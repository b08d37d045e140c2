// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IMemberChainRegistry} from "../sequencer/IMemberChainRegistry.sol";
import {ISequencerConfigRegistry} from "../sequencer/ISequencerConfigRegistry.sol";

/**
 * @title IOutputOracle
 * @notice On the hub: the output commitments of every member chain, posted by the shared
 * sequencer as the chain's operator in force. Each chain's outputs form an append-only list with
 * strictly increasing block numbers; cross-chain proofs (withdrawals, tally relays) verify storage
 * of a member chain against a state root committed here.
 *
 * The configuration version an output names is not checked on-chain when it is posted:
 * `superchain config verify` compares it with the SequencerConfigRegistry off-chain, and
 * {versionInForce} gives verifiers the registry's answer for the output's block timestamp.
 */
interface IOutputOracle {
    /// @notice One committed output of a member chain.
    struct Output {
        uint64 blockNumber;
        /// @dev The member chain's block timestamp.
        uint48 blockTimestamp;
        /// @dev The hub timestamp at which the output was posted.
        uint48 postedAt;
        /// @dev The configuration version the sequencer applied to this block.
        uint64 configVersion;
        bytes32 blockHash;
        bytes32 stateRoot;
    }

    /// @notice Output number `index` of `chainId` was committed.
    event OutputPosted(
        uint256 indexed chainId,
        uint256 indexed index,
        uint256 blockNumber,
        bytes32 blockHash,
        bytes32 stateRoot,
        uint64 configVersion,
        uint48 blockTimestamp
    );

    /// @notice The caller is not `chainId`'s operator in force (`operator`).
    error OutputOracleNotOperator(uint256 chainId, address caller, address operator);
    /// @notice The chain is not an active member chain, and was not one at the block's timestamp.
    error OutputOracleChainNotActive(uint256 chainId);
    /// @notice Block numbers of a chain's outputs must strictly increase.
    error OutputOracleBlockNotIncreasing(uint256 chainId, uint256 blockNumber, uint256 latestBlockNumber);
    /// @notice The block hash and the state root must both be non-zero.
    error OutputOracleZeroRoot(bytes32 blockHash, bytes32 stateRoot);
    /// @notice The block number does not fit in 64 bits.
    error OutputOracleBlockNumberTooLarge(uint256 blockNumber);
    /// @notice `chainId` has no output yet.
    error OutputOracleNoOutput(uint256 chainId);
    /// @notice There is no output number `index` (`count` outputs exist).
    error OutputOracleIndexOutOfRange(uint256 chainId, uint256 index, uint256 count);
    /// @notice No output of `chainId` was committed for exactly `blockNumber`.
    error OutputOracleUnknownBlock(uint256 chainId, uint256 blockNumber);
    /// @notice The oracle was deployed without a SequencerConfigRegistry.
    error OutputOracleNoConfigRegistry();

    /**
     * @notice Commits an output of `chainId`. Only the chain's operator in force, only for an
     * active member chain or a block from the chain's membership (`blockTimestamp` before its
     * removal: the wind-down that lets withdrawals made before the removal be proven), only above
     * the chain's latest committed block number.
     */
    function postOutput(
        uint256 chainId,
        uint256 blockNumber,
        bytes32 blockHash,
        bytes32 stateRoot,
        uint64 configVersion,
        uint48 blockTimestamp
    ) external;

    /// @notice The registry that says which chains are members and who operates them.
    function memberChains() external view returns (IMemberChainRegistry);

    /// @notice The configuration registry {versionInForce} asks; the zero address if none.
    function configRegistry() external view returns (ISequencerConfigRegistry);

    /// @notice The newest output of `chainId`. Reverts when there is none.
    function latestOutput(uint256 chainId) external view returns (Output memory);

    /// @notice How many outputs `chainId` has.
    function outputCount(uint256 chainId) external view returns (uint256);

    /// @notice Output number `index` of `chainId`, oldest first.
    function outputAt(uint256 chainId, uint256 index) external view returns (Output memory);

    /// @notice The output committed for exactly `blockNumber`. Reverts when there is none.
    function outputForBlock(uint256 chainId, uint256 blockNumber) external view returns (Output memory);

    /// @notice The state root committed for exactly `blockNumber`. Reverts when there is none.
    function stateRootAt(uint256 chainId, uint256 blockNumber) external view returns (bytes32);

    /**
     * @notice The configuration version the SequencerConfigRegistry says was in force for
     * `chainId` at `blockTimestamp`, to compare with an output's `configVersion`. Reverts when
     * the oracle was deployed without a registry.
     */
    function versionInForce(uint256 chainId, uint256 blockTimestamp) external view returns (uint64);
}
