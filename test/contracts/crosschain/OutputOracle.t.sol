// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {console} from "hardhat/console.sol";

import {IOutputOracle as I} from "../../../contracts/crosschain/IOutputOracle.sol";
import {IRootOracle as R} from "../../../contracts/crosschain/IRootOracle.sol";
import {OutputOracle} from "../../../contracts/crosschain/OutputOracle.sol";
import {ISequencerConfigRegistry} from "../../../contracts/sequencer/ISequencerConfigRegistry.sol";
import {OutputOracleFixture} from "./OutputOracleFixture.sol";

contract OutputOracleTest is OutputOracleFixture {
    function test_constructor_wiring() public view {
        assertEq(address(oracle.memberChains()), address(chains), "member chains");
        assertEq(address(oracle.configRegistry()), address(registry), "config registry");
        assertEq(address(oracle.rootSettings()), address(settings), "root settings");
        assertEq(oracle.anchorOf(BASE), 0, "anchor: genesis");
        assertEq(oracle.outputCount(BASE), 0, "no outputs yet");
    }

    function test_postOutput_storesAndEmits() public {
        bytes32 blockHash = keccak256("hash");
        bytes32 stateRoot = keccak256("root");
        vm.warp(START + 60);
        vm.expectEmit(address(oracle));
        emit I.OutputPosted(BASE, 0, 10, blockHash, stateRoot, 3, uint48(START + 50));
        vm.prank(baseOperator);
        oracle.postOutput(BASE, 10, blockHash, stateRoot, 3, uint48(START + 50));

        I.Output memory out = oracle.latestOutput(BASE);
        assertEq(out.blockNumber, 10, "block number");
        assertEq(out.blockHash, blockHash, "block hash");
        assertEq(out.stateRoot, stateRoot, "state root");
        assertEq(out.configVersion, 3, "config version");
        assertEq(out.blockTimestamp, START + 50, "block timestamp");
        assertEq(out.postedAt, START + 60, "posted at");
        assertEq(out.usableAt, START + 60 + CHALLENGE, "usable after the window");
        assertEq(oracle.outputCount(BASE), 1, "count");
        assertEq(oracle.usableOutputCount(BASE), 0, "none usable yet");
        assertEq(oracle.outputAt(BASE, 0).stateRoot, stateRoot, "by index");
        assertEq(oracle.outputForBlock(BASE, 10).blockHash, blockHash, "by block");
        assertEq(uint8(oracle.rootState(BASE, 10)), uint8(R.RootState.InChallengeWindow), "in window");
        vm.expectRevert(abi.encodeWithSelector(R.RootInChallengeWindow.selector, 10, START + 60 + CHALLENGE));
        oracle.stateRootAt(BASE, 10);

        vm.warp(START + 60 + CHALLENGE);
        assertEq(uint8(oracle.rootState(BASE, 10)), uint8(R.RootState.Usable), "usable");
        assertEq(oracle.stateRootAt(BASE, 10), stateRoot, "state root by block");
        assertEq(oracle.usableOutputCount(BASE), 1, "usable count");
    }

    function test_postOutput_appendsInOrder() public {
        _post(BASE, baseOperator, 0); // genesis may be committed
        _post(BASE, baseOperator, 10);
        vm.expectEmit(address(oracle));
        emit I.OutputPosted(BASE, 2, 25, _hash(BASE, 25), _root(BASE, 25), 1, uint48(block.timestamp));
        _post(BASE, baseOperator, 25);
        assertEq(oracle.outputCount(BASE), 3, "count");
        assertEq(oracle.outputAt(BASE, 1).blockNumber, 10, "second");
        assertEq(oracle.latestOutput(BASE).blockNumber, 25, "latest");
        _passWindow();
        assertEq(oracle.stateRootAt(BASE, 0), _root(BASE, 0), "genesis root");
    }

    function test_postOutput_perChainIndependence() public {
        _post(BASE, baseOperator, 100);
        _post(ZORA, zoraOperator, 5); // lower than BASE's latest: each chain has its own sequence
        _post(ZORA, zoraOperator, 100);
        assertEq(oracle.outputCount(BASE), 1, "base count");
        assertEq(oracle.outputCount(ZORA), 2, "zora count");
        _passWindow();
        assertEq(oracle.stateRootAt(BASE, 100), _root(BASE, 100), "base root");
        assertEq(oracle.stateRootAt(ZORA, 100), _root(ZORA, 100), "zora root");
        vm.expectRevert(abi.encodeWithSelector(R.RootUnknown.selector, 5));
        oracle.outputForBlock(BASE, 5);
    }

    // ---------------------------------------------------------------- errors

    function test_postOutput_notOperator_reverts() public {
        vm.prank(zoraOperator);
        vm.expectRevert(abi.encodeWithSelector(I.OutputOracleNotOperator.selector, BASE, zoraOperator, baseOperator));
        oracle.postOutput(BASE, 1, _hash(BASE, 1), _root(BASE, 1), 1, 0);
    }

    function test_postOutput_inactiveChain_reverts() public {
        vm.prank(stranger);
        vm.expectRevert(abi.encodeWithSelector(I.OutputOracleChainNotActive.selector, 999));
        oracle.postOutput(999, 1, _hash(999, 1), _root(999, 1), 1, 0);

        _post(ZORA, zoraOperator, 1);
        vm.warp(_removeChain(ZORA));
        vm.prank(zoraOperator); // still the recorded operator, but the chain is gone
        vm.expectRevert(abi.encodeWithSelector(I.OutputOracleChainNotActive.selector, ZORA));
        oracle.postOutput(ZORA, 2, _hash(ZORA, 2), _root(ZORA, 2), 1, 0);
        _passWindow();
        assertEq(oracle.stateRootAt(ZORA, 1), _root(ZORA, 1), "history survives removal");
    }

    function test_postOutput_nonIncreasing_reverts() public {
        _post(BASE, baseOperator, 10);
        vm.startPrank(baseOperator);
        vm.expectRevert(abi.encodeWithSelector(R.RootBlockNotIncreasing.selector, 10, 10));
        oracle.postOutput(BASE, 10, _hash(BASE, 10), _root(BASE, 10), 1, 0);
        vm.expectRevert(abi.encodeWithSelector(R.RootBlockNotIncreasing.selector, 9, 10));
        oracle.postOutput(BASE, 9, _hash(BASE, 9), _root(BASE, 9), 1, 0);
        vm.stopPrank();
    }

    function test_postOutput_zeroRoots_revert() public {
        vm.startPrank(baseOperator);
        vm.expectRevert(abi.encodeWithSelector(R.RootZero.selector, bytes32(0), bytes32("r")));
        oracle.postOutput(BASE, 1, bytes32(0), bytes32("r"), 1, 0);
        vm.expectRevert(abi.encodeWithSelector(R.RootZero.selector, bytes32("h"), bytes32(0)));
        oracle.postOutput(BASE, 1, bytes32("h"), bytes32(0), 1, 0);
        vm.stopPrank();
    }

    function test_postOutput_hugeBlockNumber_reverts() public {
        uint256 huge = uint256(type(uint64).max) + 1;
        vm.prank(baseOperator);
        vm.expectRevert(abi.encodeWithSelector(R.RootBlockNumberTooLarge.selector, huge));
        oracle.postOutput(BASE, huge, bytes32("h"), bytes32("r"), 1, 0);
    }

    function test_views_unknown_revert() public {
        vm.expectRevert(abi.encodeWithSelector(I.OutputOracleNoOutput.selector, BASE));
        oracle.latestOutput(BASE);
        vm.expectRevert(abi.encodeWithSelector(R.RootIndexOutOfRange.selector, 0, 0));
        oracle.outputAt(BASE, 0);
        vm.expectRevert(abi.encodeWithSelector(R.RootUnknown.selector, 0));
        oracle.outputForBlock(BASE, 0);
        _post(BASE, baseOperator, 10);
        _post(BASE, baseOperator, 20);
        _passWindow();
        vm.expectRevert(abi.encodeWithSelector(R.RootIndexOutOfRange.selector, 2, 2));
        oracle.outputAt(BASE, 2);
        vm.expectRevert(abi.encodeWithSelector(R.RootUnknown.selector, 15));
        oracle.stateRootAt(BASE, 15);
        vm.expectRevert(abi.encodeWithSelector(R.RootUnknown.selector, 21));
        oracle.stateRootAt(BASE, 21);
        vm.expectRevert(abi.encodeWithSelector(R.RootUnknown.selector, 9));
        oracle.stateRootAt(BASE, 9);
    }

    // ---------------------------------------------------------------- operator replacement

    function test_operatorReplacement_postsOnlyFromActivation() public {
        address newOperator = address(0x0A01);
        uint48 activatesAt = _replaceOperator(BASE, newOperator);
        assertEq(activatesAt, START + MIN_DELAY, "activation after the minimum delay");

        vm.warp(activatesAt - 1);
        _post(BASE, baseOperator, 1); // the old operator is still in force
        vm.prank(newOperator);
        vm.expectRevert(abi.encodeWithSelector(I.OutputOracleNotOperator.selector, BASE, newOperator, baseOperator));
        oracle.postOutput(BASE, 2, _hash(BASE, 2), _root(BASE, 2), 1, 0);

        vm.warp(activatesAt);
        _post(BASE, newOperator, 2);
        vm.prank(baseOperator);
        vm.expectRevert(abi.encodeWithSelector(I.OutputOracleNotOperator.selector, BASE, baseOperator, newOperator));
        oracle.postOutput(BASE, 3, _hash(BASE, 3), _root(BASE, 3), 1, 0);
        _post(ZORA, zoraOperator, 1); // the other chain is untouched
        assertEq(oracle.outputCount(BASE), 2, "both operators' outputs kept");
    }

    // ---------------------------------------------------------------- access matrix

    function test_accessMatrix() public {
        address[5] memory roles = [baseOperator, zoraOperator, governance, council, stranger];
        uint256[2] memory ids = [BASE, ZORA];
        address[2] memory operators = [baseOperator, zoraOperator];
        for (uint256 c = 0; c < ids.length; c++) {
            for (uint256 r = 0; r < roles.length; r++) {
                uint256 snapshot = vm.snapshotState();
                vm.prank(roles[r]);
                (bool ok, bytes memory revertData) = address(oracle).call(_postCall(ids[c], 1));
                if (roles[r] == operators[c]) {
                    assertTrue(ok, "the chain's operator was refused");
                } else {
                    assertFalse(ok, "a non-operator posted");
                    bytes memory expected = abi.encodeWithSelector(
                        I.OutputOracleNotOperator.selector,
                        ids[c],
                        roles[r],
                        operators[c]
                    );
                    assertEq(keccak256(revertData), keccak256(expected), "error names caller and operator");
                }
                vm.revertToState(snapshot);
            }
        }
    }

    // ---------------------------------------------------------------- challenges

    function test_rejectOutputs_rejectsTheRootAndEveryLaterOne() public {
        _post(BASE, baseOperator, 10);
        _passWindow();
        _post(BASE, baseOperator, 20);
        _post(BASE, baseOperator, 30);
        _post(ZORA, zoraOperator, 20);

        vm.expectEmit(address(oracle));
        emit I.OutputsRejected(BASE, 20, 1, 2);
        vm.prank(council);
        oracle.rejectOutputs(BASE, 20, _root(BASE, 20));

        assertEq(oracle.outputCount(BASE), 1, "only the usable output is left");
        assertEq(oracle.latestOutput(BASE).blockNumber, 10, "latest is the last unrejected");
        assertEq(uint8(oracle.rootState(BASE, 10)), uint8(R.RootState.Usable), "10 usable");
        assertEq(uint8(oracle.rootState(BASE, 20)), uint8(R.RootState.Rejected), "20 rejected");
        assertEq(uint8(oracle.rootState(BASE, 30)), uint8(R.RootState.Rejected), "30 rejected");
        assertEq(uint8(oracle.rootState(ZORA, 20)), uint8(R.RootState.InChallengeWindow), "other chain untouched");
        _passWindow();
        vm.expectRevert(abi.encodeWithSelector(R.RootRejected.selector, 30));
        oracle.stateRootAt(BASE, 30);
        vm.expectRevert(abi.encodeWithSelector(R.RootRejected.selector, 20));
        oracle.outputForBlock(BASE, 20);
    }

    function test_rejectOutputs_postingResumesFromLastUnrejected() public {
        _post(BASE, baseOperator, 10);
        _post(BASE, baseOperator, 20);
        vm.prank(council);
        oracle.rejectOutputs(BASE, 20, _root(BASE, 20));
        _post(BASE, baseOperator, 15); // below the rejected block: measured from block 10
        _post(BASE, baseOperator, 20); // the rejected block number, posted again
        assertEq(uint8(oracle.rootState(BASE, 20)), uint8(R.RootState.InChallengeWindow), "reposted");
        assertEq(oracle.outputAt(BASE, 2).blockNumber, 20, "new index");
        _passWindow();
        assertEq(oracle.stateRootAt(BASE, 20), _root(BASE, 20), "the repost is usable");
    }

    function test_rejectOutputs_onlyInWindow_andOnlyTheNamedRoot() public {
        _post(BASE, baseOperator, 10);
        vm.startPrank(council);
        vm.expectRevert(abi.encodeWithSelector(R.RootMismatch.selector, 10, bytes32("other"), _root(BASE, 10)));
        oracle.rejectOutputs(BASE, 10, bytes32("other"));
        vm.expectRevert(abi.encodeWithSelector(R.RootNotChallengeable.selector, 11, R.RootState.Unknown));
        oracle.rejectOutputs(BASE, 11, _root(BASE, 11));
        _passWindow();
        vm.expectRevert(abi.encodeWithSelector(R.RootNotChallengeable.selector, 10, R.RootState.Usable));
        oracle.rejectOutputs(BASE, 10, _root(BASE, 10));
        vm.stopPrank();
    }

    function test_freezeByHugeBlockNumber_refused() public {
        _post(BASE, baseOperator, 10);
        uint256 huge = type(uint64).max;
        vm.prank(baseOperator);
        vm.expectRevert(abi.encodeWithSelector(R.RootStepTooLarge.selector, huge, 10, MAX_STEP));
        oracle.postOutput(BASE, huge, _hash(BASE, huge), _root(BASE, huge), 1, uint48(block.timestamp));
        _post(BASE, baseOperator, 10 + MAX_STEP); // exactly one step is fine
    }

    function test_freezeOfFirstOutput_recoveredByRejection() public {
        // The first output is measured from the anchor (0): a huge one is refused too.
        uint256 huge = type(uint64).max;
        vm.prank(baseOperator);
        vm.expectRevert(abi.encodeWithSelector(R.RootStepTooLarge.selector, huge, 0, MAX_STEP));
        oracle.postOutput(BASE, huge, _hash(BASE, huge), _root(BASE, huge), 1, uint48(block.timestamp));
        // The furthest plausible first output still blocks everything below it until rejected.
        _post(BASE, baseOperator, MAX_STEP);
        vm.prank(council);
        oracle.rejectOutputs(BASE, MAX_STEP, _root(BASE, MAX_STEP));
        assertEq(oracle.outputCount(BASE), 0, "history empty again");
        _post(BASE, baseOperator, 5); // honest posting resumes from the anchor
    }

    function test_updateAnchor_byGovernance_whileEmpty() public {
        vm.expectEmit(address(oracle));
        emit I.AnchorUpdated(BASE, 30_000_000);
        vm.prank(governance);
        oracle.updateAnchor(BASE, 30_000_000);
        assertEq(oracle.anchorOf(BASE), 30_000_000, "anchor");
        vm.prank(baseOperator);
        vm.expectRevert(abi.encodeWithSelector(R.RootBlockNotIncreasing.selector, 10, 30_000_000));
        oracle.postOutput(BASE, 10, _hash(BASE, 10), _root(BASE, 10), 1, uint48(block.timestamp));
        _post(BASE, baseOperator, 30_000_010);
        vm.prank(governance);
        vm.expectRevert(abi.encodeWithSelector(R.RootAnchorFixed.selector, 1));
        oracle.updateAnchor(BASE, 0);
    }

    function test_windowFollowsSettings_andNeverShortensOrder() public {
        _post(BASE, baseOperator, 10); // usable at now + 1 h
        vm.prank(governance);
        settings.updateOutputRules(R.RootRules({challengeWindow: 60, maxBlockStep: MAX_STEP}));
        _post(BASE, baseOperator, 20); // a 60 s window, but never usable before block 10's output
        assertEq(oracle.outputForBlock(BASE, 20).usableAt, oracle.outputForBlock(BASE, 10).usableAt, "not before 10");
        _passWindow();
        _post(BASE, baseOperator, 30);
        assertEq(oracle.outputForBlock(BASE, 30).usableAt, block.timestamp + 60, "new window");
    }

    // ---------------------------------------------------------------- config version

    function test_versionInForce_matchesRegistry() public {
        uint256 before = oracle.versionInForce(BASE, START);
        assertEq(before, registry.configAt(BASE, START).version, "initial version");
        uint256 id = _scheduleBlockTime(BASE, 1_000, 0);
        _approve(id);
        uint48 activatesAt = registry.getChange(id).activatesAt;
        assertEq(oracle.versionInForce(BASE, activatesAt - 1), before, "unchanged before activation");
        assertGt(oracle.versionInForce(BASE, activatesAt), before, "bumped at activation");
        assertEq(oracle.versionInForce(ZORA, activatesAt), registry.configAt(ZORA, activatesAt).version, "zora");
        vm.expectRevert(
            abi.encodeWithSelector(ISequencerConfigRegistry.SequencerConfigBeforeGenesis.selector, START - 1)
        );
        oracle.versionInForce(BASE, START - 1);
    }

    function test_versionInForce_withoutRegistry_reverts() public {
        OutputOracle bare = new OutputOracle(chains, ISequencerConfigRegistry(address(0)), settings);
        vm.expectRevert(abi.encodeWithSelector(I.OutputOracleNoConfigRegistry.selector));
        bare.versionInForce(BASE, START);
    }

    // ---------------------------------------------------------------- fuzz

    function testFuzz_postOutput_plausibleStepOnly(uint64 first, uint64 second) public {
        first = uint64(bound(first, 0, MAX_STEP));
        _post(BASE, baseOperator, first);
        if (second <= first) {
            vm.expectRevert(abi.encodeWithSelector(R.RootBlockNotIncreasing.selector, second, first));
        } else if (second - first > MAX_STEP) {
            vm.expectRevert(abi.encodeWithSelector(R.RootStepTooLarge.selector, second, first, MAX_STEP));
        }
        _post(BASE, baseOperator, second);
        bool accepted = second > first && second - first <= MAX_STEP;
        assertEq(oracle.latestOutput(BASE).blockNumber, accepted ? second : first, "latest");
        assertEq(oracle.outputCount(BASE), accepted ? 2 : 1, "count");
    }

    function testFuzz_postOutput_timestampNotAhead(uint48 blockTimestamp) public {
        vm.prank(baseOperator);
        if (blockTimestamp > block.timestamp) {
            vm.expectRevert(abi.encodeWithSelector(R.RootTimestampInFuture.selector, blockTimestamp, uint48(block.timestamp)));
        }
        oracle.postOutput(BASE, 1, _hash(BASE, 1), _root(BASE, 1), 1, blockTimestamp);
    }

    function testFuzz_outputForBlock_findsEveryCommittedBlock(uint256 seed, uint256 length, uint256 probe) public {
        length = bound(length, 1, 24);
        uint256[] memory numbers = new uint256[](length);
        uint256 next = bound(seed, 0, 1_000);
        for (uint256 i = 0; i < length; i++) {
            numbers[i] = next;
            _post(BASE, baseOperator, next);
            next += 1 + (uint256(keccak256(abi.encode(seed, i))) % 50); // random gaps, sometimes 1
        }
        for (uint256 i = 0; i < length; i++) {
            I.Output memory out = oracle.outputForBlock(BASE, numbers[i]);
            assertEq(out.blockNumber, numbers[i], "exact block");
            assertEq(out.stateRoot, _root(BASE, numbers[i]), "its root");
        }
        _passWindow();
        probe = bound(probe, 0, next + 10);
        bool committed;
        for (uint256 i = 0; i < length; i++) committed = committed || numbers[i] == probe;
        if (committed) {
            assertEq(oracle.stateRootAt(BASE, probe), _root(BASE, probe), "probe");
        } else {
            vm.expectRevert(abi.encodeWithSelector(R.RootUnknown.selector, probe));
            oracle.stateRootAt(BASE, probe);
        }
    }

    // ---------------------------------------------------------------- gas

    function test_gas_postOutput() public {
        vm.startPrank(baseOperator);
        uint256 g = gasleft();
        oracle.postOutput(BASE, 10, bytes32("h1"), bytes32("r1"), 1, uint48(START));
        uint256 first = g - gasleft();
        g = gasleft();
        oracle.postOutput(BASE, 20, bytes32("h2"), bytes32("r2"), 1, uint48(START));
        uint256 later = g - gasleft();
        vm.stopPrank();
        console.log("postOutput gas (execution, warm oracle): first %d, later %d", first, later);
    }
}
