// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {ISequencerConfigRegistry} from "./ISequencerConfigRegistry.sol";

/**
 * @title SequencerParameters
 * @notice Bounds, validation and merging of the sequencer's governed parameters. Fields are
 * addressed by their index in {ISequencerConfigRegistry-Parameters}; a mask's bit i is field i.
 */
library SequencerParameters {
    uint8 internal constant FIELD_COUNT = 8;
    uint8 internal constant ALL_FIELDS = 0xFF;

    uint8 internal constant BLOCK_TIME_MS = 0;
    uint8 internal constant MAX_TX_PER_BLOCK = 1;
    uint8 internal constant MAX_BLOCK_GAS = 2;
    uint8 internal constant ORDERING_POLICY = 3;
    uint8 internal constant MIN_PRIORITY_FEE_WEI = 4;
    uint8 internal constant MAX_TX_BYTES = 5;
    uint8 internal constant MAX_PENDING_PER_SENDER = 6;
    uint8 internal constant COMMITMENT_INTERVAL = 7;

    /// @notice Inclusive bounds; the single source for the contract, the sequencer and the app.
    function bounds() internal pure returns (ISequencerConfigRegistry.Bounds memory) {
        return
            ISequencerConfigRegistry.Bounds({
                min: ISequencerConfigRegistry.Parameters({
                    blockTimeMs: 250,
                    maxTxPerBlock: 1,
                    maxBlockGas: 100_000,
                    orderingPolicy: ISequencerConfigRegistry.OrderingPolicy.Fifo,
                    minPriorityFeeWei: 0,
                    maxTxBytes: 1_024,
                    maxPendingPerSender: 1,
                    commitmentInterval: 1
                }),
                max: ISequencerConfigRegistry.Parameters({
                    blockTimeMs: 60_000,
                    maxTxPerBlock: 10_000,
                    maxBlockGas: 60_000_000,
                    orderingPolicy: ISequencerConfigRegistry.OrderingPolicy.PriorityFee,
                    minPriorityFeeWei: 1_000 gwei,
                    maxTxBytes: 131_072,
                    maxPendingPerSender: 1_024,
                    commitmentInterval: 10_000
                })
            });
    }

    /// @notice The value of field `index` of `parameters`, widened to uint256.
    function field(ISequencerConfigRegistry.Parameters memory parameters, uint8 index) internal pure returns (uint256) {
        if (index == BLOCK_TIME_MS) return parameters.blockTimeMs;
        if (index == MAX_TX_PER_BLOCK) return parameters.maxTxPerBlock;
        if (index == MAX_BLOCK_GAS) return parameters.maxBlockGas;
        if (index == ORDERING_POLICY) return uint256(parameters.orderingPolicy);
        if (index == MIN_PRIORITY_FEE_WEI) return parameters.minPriorityFeeWei;
        if (index == MAX_TX_BYTES) return parameters.maxTxBytes;
        if (index == MAX_PENDING_PER_SENDER) return parameters.maxPendingPerSender;
        return parameters.commitmentInterval;
    }

    /// @notice Reverts unless every field flagged in `mask` lies within {bounds}.
    function validate(ISequencerConfigRegistry.Parameters memory parameters, uint8 mask) internal pure {
        if (mask == 0) revert ISequencerConfigRegistry.SequencerConfigInvalidMask(mask);
        ISequencerConfigRegistry.Bounds memory b = bounds();
        for (uint8 i = 0; i < FIELD_COUNT; i++) {
            if (mask & (1 << i) == 0) continue;
            uint256 value = field(parameters, i);
            uint256 min = field(b.min, i);
            uint256 max = field(b.max, i);
            if (value < min || value > max) {
                revert ISequencerConfigRegistry.SequencerConfigParameterOutOfBounds(i, value, min, max);
            }
        }
    }

    /// @notice `base` with the fields flagged in `mask` taken from `overrides`.
    function merge(
        ISequencerConfigRegistry.Parameters memory base,
        ISequencerConfigRegistry.Parameters memory overrides,
        uint8 mask
    ) internal pure returns (ISequencerConfigRegistry.Parameters memory merged) {
        merged = base;
        if (mask & (1 << BLOCK_TIME_MS) != 0) merged.blockTimeMs = overrides.blockTimeMs;
        if (mask & (1 << MAX_TX_PER_BLOCK) != 0) merged.maxTxPerBlock = overrides.maxTxPerBlock;
        if (mask & (1 << MAX_BLOCK_GAS) != 0) merged.maxBlockGas = overrides.maxBlockGas;
        if (mask & (1 << ORDERING_POLICY) != 0) merged.orderingPolicy = overrides.orderingPolicy;
        if (mask & (1 << MIN_PRIORITY_FEE_WEI) != 0) merged.minPriorityFeeWei = overrides.minPriorityFeeWei;
        if (mask & (1 << MAX_TX_BYTES) != 0) merged.maxTxBytes = overrides.maxTxBytes;
        if (mask & (1 << MAX_PENDING_PER_SENDER) != 0) merged.maxPendingPerSender = overrides.maxPendingPerSender;
        if (mask & (1 << COMMITMENT_INTERVAL) != 0) merged.commitmentInterval = overrides.commitmentInterval;
    }
}
