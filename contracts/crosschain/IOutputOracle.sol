// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IMemberChainRegistry} from "../sequencer/IMemberChainRegistry.sol";
import {ISequencerConfigRegistry} from "../sequencer/ISequencerConfigRegistry.sol";
import {IRootOracle} from "./IRootOracle.sol";
import {IRootSettings} from "./IRootSettings.sol";

/**
 * @title IOutputOracle
 * @notice On the hub: the output commitments of every member chain, posted by the shared
 * sequencer as the chain's operator in force. Each chain's accepted outputs form a list with
 * strictly increasing block numbers; cross-chain proofs (withdrawals, tally relays) verify storage
 * of a member chain against a state root committed here, once it is usable ({IRootOracle}): after
 * the challenge window of the RootSettings' output rules, and only if the council did not reject
 * it ({rejectOutputs}). A chain's first output is measured from its anchor (block 0 unless
 * governance moved it, see {updateAnchor}).
 *
 * The configuration version an output names is not checked on-chain when it is posted:
 * `superchain config verify` compares it with the SequencerConfigRegistry off-chain, and
 * {versionInForce} gives verifiers the registry's answer for the output's block timestamp.
 */
interface IOutputOracle is IRootOracle {
    /// @notice One committed output of a member chain.
    struct Output {
        uint64 blockNumber;
        /// @dev The member chain's block timestamp.
        uint48 blockTimestamp;
        /// @dev The hub timestamp at which the output was posted.
        uint48 postedAt;
        /// @dev The hub timestamp from which proofs may use the output (the end of its challenge window).
        uint48 usableAt;
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

    /// @notice The council rejected `count` outputs of `chainId`, from output number `index` (block `blockNumber`) on.
    event OutputsRejected(uint256 indexed chainId, uint256 indexed blockNumber, uint256 index, uint256 count);
    /// @notice `chainId`'s first output (while none is accepted) is measured from `blockNumber`.
    event AnchorUpdated(uint256 indexed chainId, uint256 blockNumber);

    /// @notice The caller is not governance (the timelock).
    error OutputOracleOnlyGovernance(address caller);
    /// @notice The caller is not `chainId`'s operator in force (`operator`).
    error OutputOracleNotOperator(uint256 chainId, address caller, address operator);
    /// @notice The chain is not an active member chain, and was not one at the block's timestamp.
    error OutputOracleChainNotActive(uint256 chainId);
    /// @notice `chainId` has no accepted output.
    error OutputOracleNoOutput(uint256 chainId);
    /// @notice The oracle was deployed without a SequencerConfigRegistry.
    error OutputOracleNoConfigRegistry();

    /**
     * @notice Commits an output of `chainId`. Only the chain's operator in force, only for an
     * active member chain or a block from the chain's membership (`blockTimestamp` before its
     * removal: the wind-down that lets withdrawals made before the removal be proven), only if
     * plausible ({IRootOracle}) under the RootSettings' output rules.
     */
    function postOutput(
        uint256 chainId,
        uint256 blockNumber,
        bytes32 blockHash,
        bytes32 stateRoot,
        uint64 configVersion,
        uint48 blockTimestamp
    ) external;

    /**
     * @notice Rejects `chainId`'s output of `blockNumber`, which must hold `stateRoot` and be in its
     * challenge window, and every output accepted after it. Only the council in force.
     */
    function rejectOutputs(uint256 chainId, uint256 blockNumber, bytes32 stateRoot) external;

    /// @notice Moves `chainId`'s anchor (e.g. for a chain joining at a high block number). Only
    /// governance, only while the chain has no accepted output.
    function updateAnchor(uint256 chainId, uint256 blockNumber) external;

    /// @notice The rules, the council and governance this oracle follows.
    function rootSettings() external view returns (IRootSettings);

    /// @notice Where `chainId`'s first output (while none is accepted) is measured from.
    function anchorOf(uint256 chainId) external view returns (uint256);

    /// @notice Where `chainId`'s output of `blockNumber` stands.
    function rootState(uint256 chainId, uint256 blockNumber) external view returns (RootState);

    /// @notice How many of `chainId`'s accepted outputs are usable: the first ones, so the newest
    /// usable is `outputAt(chainId, usableOutputCount(chainId) - 1)`.
    function usableOutputCount(uint256 chainId) external view returns (uint256);

    /// @notice The registry that says which chains are members and who operates them.
    function memberChains() external view returns (IMemberChainRegistry);

    /// @notice The configuration registry {versionInForce} asks; the zero address if none.
    function configRegistry() external view returns (ISequencerConfigRegistry);

    /// @notice The newest accepted output of `chainId` (perhaps in its window). Reverts when there is none.
    function latestOutput(uint256 chainId) external view returns (Output memory);

    /// @notice How many accepted outputs `chainId` has (in their window or usable).
    function outputCount(uint256 chainId) external view returns (uint256);

    /// @notice Accepted output number `index` of `chainId`, oldest first.
    function outputAt(uint256 chainId, uint256 index) external view returns (Output memory);

    /// @notice The accepted output committed for exactly `blockNumber`. Reverts when unknown or rejected.
    function outputForBlock(uint256 chainId, uint256 blockNumber) external view returns (Output memory);

    /// @notice The state root committed for exactly `blockNumber`, for proofs: reverts unless it is
    /// usable ({RootInChallengeWindow}, {RootRejected}, {RootUnknown}).
    function stateRootAt(uint256 chainId, uint256 blockNumber) external view returns (bytes32);

    /**
     * @notice The configuration version the SequencerConfigRegistry says was in force for
     * `chainId` at `blockTimestamp`, to compare with an output's `configVersion`. Reverts when
     * the oracle was deployed without a registry.
     */
    function versionInForce(uint256 chainId, uint256 blockTimestamp) external view returns (uint64);
}
