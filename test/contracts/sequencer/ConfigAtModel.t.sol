// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {ISequencerConfigRegistry as I} from "../../../contracts/sequencer/ISequencerConfigRegistry.sol";
import {RegistryFixture} from "./RegistryFixture.sol";

/**
 * @notice `configAt` against a model: random sequences of scheduled, approved, rejected and
 * expired changes on the global default and both chains, then random queries, answered by the
 * model from first principles (replay every approved change in force at that time, in approval
 * order, field by field).
 */
contract ConfigAtModelTest is RegistryFixture {
    struct Point {
        uint256 scope;
        uint256 activatesAt;
        uint256 version;
        uint8 mask;
        uint256[8] values;
    }

    Point[] private approved;
    uint256 private versionCounter = 1;
    mapping(uint256 scope => uint256) private lastActivation;

    function _rand(uint256 seed, uint256 salt, uint256 modulo) private pure returns (uint256) {
        return uint256(keccak256(abi.encode(seed, salt))) % modulo;
    }

    function _values(I.Parameters memory p) private pure returns (uint256[8] memory v) {
        v = [
            uint256(p.blockTimeMs),
            p.maxTxPerBlock,
            p.maxBlockGas,
            uint256(p.orderingPolicy),
            p.minPriorityFeeWei,
            p.maxTxBytes,
            p.maxPendingPerSender,
            p.commitmentInterval
        ];
    }

    function _parameters(uint256[8] memory v) private pure returns (I.Parameters memory) {
        return
            I.Parameters(
                uint32(v[0]),
                uint32(v[1]),
                uint64(v[2]),
                I.OrderingPolicy(v[3]),
                uint64(v[4]),
                uint32(v[5]),
                uint32(v[6]),
                uint32(v[7])
            );
    }

    /// forge-config: default.fuzz.runs = 64
    function testFuzz_configAtMatchesTheModel(uint256 seed) public {
        I.Bounds memory b = registry.parameterBounds();
        uint256[8] memory lo = _values(b.min);
        uint256[8] memory hi = _values(b.max);
        uint256[3] memory scopes = [uint256(0), BASE, ZORA];

        for (uint256 step = 0; step < 12; step++) {
            uint256 scope = scopes[_rand(seed, step * 10, 3)];
            uint8 mask = uint8(_rand(seed, step * 10 + 1, 255) + 1);
            uint256[8] memory values;
            for (uint8 i = 0; i < 8; i++) values[i] = lo[i] + _rand(seed, step * 100 + i, hi[i] - lo[i] + 1);
            uint48 requested = uint48(block.timestamp + _rand(seed, step * 10 + 2, 10 days));

            vm.prank(governance);
            uint256 id = registry.scheduleParameters(scope, mask, _parameters(values), requested);
            vm.warp(block.timestamp + _rand(seed, step * 10 + 3, 9 days)); // sometimes past the 7-day window
            uint256 decision = _rand(seed, step * 10 + 4, 3);
            bool expired = registry.changeStatus(id) == I.ChangeStatus.Expired;
            if (decision == 0 && !expired) {
                _approve(id);
                _recordApproval(scope, mask, values, requested);
            } else if (decision == 1 && !expired) {
                vm.prank(council);
                registry.rejectChange(id);
            }
        }

        for (uint256 q = 0; q < 24; q++) {
            uint256 at = START + _rand(seed, 1_000 + q, 140 days);
            uint256 chainId = q % 2 == 0 ? BASE : ZORA;
            (uint256[8] memory expected, uint256 version) = _model(chainId, at);
            I.Config memory actual = registry.configAt(chainId, at);
            uint256[8] memory got = _values(actual.parameters);
            for (uint8 i = 0; i < 8; i++) assertEq(got[i], expected[i], "parameter");
            assertEq(actual.version, version, "version");
        }
    }

    function _recordApproval(uint256 scope, uint8 mask, uint256[8] memory values, uint48 requested) private {
        uint256 activatesAt = requested;
        if (block.timestamp + MIN_DELAY > activatesAt) activatesAt = block.timestamp + MIN_DELAY;
        if (lastActivation[scope] > activatesAt) activatesAt = lastActivation[scope];
        lastActivation[scope] = activatesAt;
        approved.push(Point(scope, activatesAt, ++versionCounter, mask, values));
    }

    function _model(uint256 chainId, uint256 at) private view returns (uint256[8] memory result, uint256 version) {
        result = _values(_defaults());
        version = 1;
        uint256[8] memory own;
        uint8 ownMask;
        for (uint256 k = 0; k < approved.length; k++) {
            Point storage point = approved[k];
            if (point.activatesAt > at || (point.scope != 0 && point.scope != chainId)) continue;
            for (uint8 i = 0; i < 8; i++) {
                if (point.mask & (1 << i) == 0) continue;
                if (point.scope == 0) result[i] = point.values[i];
                else own[i] = point.values[i];
            }
            if (point.scope != 0) ownMask |= point.mask;
            if (point.version > version) version = point.version;
        }
        for (uint8 i = 0; i < 8; i++) if (ownMask & (1 << i) != 0) result[i] = own[i];
    }
}
