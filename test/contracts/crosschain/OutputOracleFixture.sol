// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IOutputOracle} from "../../../contracts/crosschain/IOutputOracle.sol";
import {IRootOracle} from "../../../contracts/crosschain/IRootOracle.sol";
import {OutputOracle} from "../../../contracts/crosschain/OutputOracle.sol";
import {RootSettings} from "../../../contracts/crosschain/RootSettings.sol";
import {RegistryFixture} from "../sequencer/RegistryFixture.sol";

/**
 * @notice The sequencer registries of RegistryFixture (two member chains) with RootSettings and an
 * OutputOracle reading them, and helpers to post outputs and to replace an operator the governed way.
 */
abstract contract OutputOracleFixture is RegistryFixture {
    uint32 internal constant CHALLENGE = 1 hours;
    uint64 internal constant MAX_STEP = 10_000;
    /// @dev The deployment's floor under any window governance sets.
    uint32 internal constant MIN_WINDOW = 1 minutes;

    RootSettings internal settings;
    OutputOracle internal oracle;

    function setUp() public virtual override {
        super.setUp();
        settings = new RootSettings(chains, registry, _rules(), _rules(), MIN_WINDOW);
        oracle = new OutputOracle(chains, registry, settings);
    }

    function _rules() internal pure returns (IRootOracle.RootRules memory) {
        return IRootOracle.RootRules({challengeWindow: CHALLENGE, maxBlockStep: MAX_STEP});
    }

    /// @dev Deterministic, non-zero roots for a chain's block.
    function _hash(uint256 chainId, uint256 blockNumber) internal pure returns (bytes32) {
        return keccak256(abi.encode("block", chainId, blockNumber));
    }

    function _root(uint256 chainId, uint256 blockNumber) internal pure returns (bytes32) {
        return keccak256(abi.encode("state", chainId, blockNumber));
    }

    /// @dev Posts block `blockNumber` of `chainId` as `operator`, with config version 1.
    function _post(uint256 chainId, address operator, uint256 blockNumber) internal {
        vm.prank(operator);
        oracle.postOutput(
            chainId,
            blockNumber,
            _hash(chainId, blockNumber),
            _root(chainId, blockNumber),
            1,
            uint48(block.timestamp)
        );
    }

    function _postCall(uint256 chainId, uint256 blockNumber) internal view returns (bytes memory) {
        return
            abi.encodeCall(
                IOutputOracle.postOutput,
                (chainId, blockNumber, _hash(chainId, blockNumber), _root(chainId, blockNumber), 1, uint48(block.timestamp))
            );
    }

    /// @dev Moves time past the challenge window of everything posted so far.
    function _passWindow() internal {
        vm.warp(block.timestamp + CHALLENGE);
    }

    /**
     * @dev Replaces `chainId`'s operator through the registries: governance schedules, the council
     * approves. Returns the activation time (approval + the minimum activation delay at the earliest).
     */
    function _replaceOperator(uint256 chainId, address newOperator) internal returns (uint48 activatesAt) {
        vm.prank(governance);
        uint256 id = registry.scheduleOperator(chainId, newOperator, 0);
        _approve(id);
        activatesAt = registry.getChange(id).activatesAt;
    }
}
