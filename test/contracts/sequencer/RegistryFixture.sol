// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IMemberChainRegistry} from "../../../contracts/sequencer/IMemberChainRegistry.sol";
import {ISequencerConfigRegistry} from "../../../contracts/sequencer/ISequencerConfigRegistry.sol";
import {MemberChainRegistry} from "../../../contracts/sequencer/MemberChainRegistry.sol";
import {SequencerConfigRegistry} from "../../../contracts/sequencer/SequencerConfigRegistry.sol";
import {Test} from "../utils/Test.sol";

/**
 * @notice Both sequencer registries with two member chains. Governance and the council are plain
 * accounts here: these tests are about the registries' rules; the TypeScript tests drive the same
 * contracts through the real governor, timelock and Safe.
 */
abstract contract RegistryFixture is Test {
    uint256 internal constant BASE = 901;
    uint256 internal constant ZORA = 902;
    uint48 internal constant MIN_DELAY = 1 hours;
    uint48 internal constant WINDOW = 7 days;
    uint256 internal constant START = 1_800_000_000;

    address internal governance = address(0x7111);
    address internal council = address(0xC0C1);
    address internal baseOperator = address(0x0901);
    address internal zoraOperator = address(0x0902);
    address internal stranger = address(0xBAD);

    MemberChainRegistry internal chains;
    SequencerConfigRegistry internal registry;

    function setUp() public virtual {
        vm.warp(START);
        IMemberChainRegistry.InitialChain[] memory initial = new IMemberChainRegistry.InitialChain[](2);
        initial[0] = IMemberChainRegistry.InitialChain(BASE, "base-local", baseOperator);
        initial[1] = IMemberChainRegistry.InitialChain(ZORA, "zora-local", zoraOperator);
        chains = new MemberChainRegistry(initial);
        registry = new SequencerConfigRegistry(chains, governance, council, _defaults(), MIN_DELAY, WINDOW);
        chains.setChangeApplier(address(registry));
    }

    function _defaults() internal pure returns (ISequencerConfigRegistry.Parameters memory) {
        return
            ISequencerConfigRegistry.Parameters({
                blockTimeMs: 2_000,
                maxTxPerBlock: 500,
                maxBlockGas: 30_000_000,
                orderingPolicy: ISequencerConfigRegistry.OrderingPolicy.Fifo,
                minPriorityFeeWei: 0,
                maxTxBytes: 131_072,
                maxPendingPerSender: 64,
                commitmentInterval: 10
            });
    }

    /// @dev Parameters with only `blockTimeMs` meaningful (mask 1).
    function _blockTime(uint32 blockTimeMs) internal pure returns (ISequencerConfigRegistry.Parameters memory p) {
        p.blockTimeMs = blockTimeMs;
    }

    function _scheduleBlockTime(uint256 chainId, uint32 blockTimeMs, uint48 requested) internal returns (uint256 id) {
        vm.prank(governance);
        id = registry.scheduleParameters(chainId, 1, _blockTime(blockTimeMs), requested);
    }

    function _approve(uint256 id) internal {
        vm.prank(council);
        registry.approveChange(id);
    }

    /// @dev Governance schedules the addition of `chainId`, the council approves it; returns its activation time.
    function _addChain(uint256 chainId, string memory name, address operator) internal returns (uint48) {
        vm.prank(governance);
        uint256 id = registry.scheduleAddChain(chainId, name, operator, 0);
        _approve(id);
        return registry.getChange(id).activatesAt;
    }

    /// @dev Governance schedules the removal of `chainId`, the council approves it; returns its activation time.
    function _removeChain(uint256 chainId) internal returns (uint48) {
        vm.prank(governance);
        uint256 id = registry.scheduleRemoveChain(chainId, 0);
        _approve(id);
        return registry.getChange(id).activatesAt;
    }

    function _blockTimeAt(uint256 chainId, uint256 timestamp) internal view returns (uint256) {
        return registry.configAt(chainId, timestamp).parameters.blockTimeMs;
    }
}
