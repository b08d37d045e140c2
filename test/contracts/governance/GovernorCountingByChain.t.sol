// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IGovernor} from "@openzeppelin/contracts/governance/IGovernor.sol";

import {IGovernorCountingByChain} from "../../../contracts/governance/extensions/IGovernorCountingByChain.sol";
import {Vm} from "../utils/Vm.sol";
import {GovernanceFixture} from "./GovernanceFixture.sol";

contract GovernorCountingByChainTest is GovernanceFixture {
    uint256 private constant BASE = 901;
    uint256 private constant ZORA = 902;
    address private basePool = address(0x9010);
    address private zoraPool = address(0x9020);

    function setUp() public override {
        super.setUp();
        // Tokens escrowed for each member chain are delegated to that chain's pool.
        _giveVotes(basePool, 12_000e18);
        _giveVotes(zoraPool, 8_000e18);
        _governanceExecutes(address(governor), abi.encodeCall(governor.setVoteSource, (BASE, basePool)), "base source");
        _governanceExecutes(address(governor), abi.encodeCall(governor.setVoteSource, (ZORA, zoraPool)), "zora source");
    }

    function test_sourcesAreRegistered() public view {
        assertEq(governor.voteSource(BASE), basePool, "base source");
        assertEq(governor.voteSource(ZORA), zoraPool, "zora source");
        assertEq(governor.voteSourceChainId(basePool), BASE, "base chain");
        assertEq(governor.voteSourceChainId(alice), 0, "alice is no source");
        uint256[] memory chains = governor.voteSourceChainIds();
        assertEq(chains.length, 2, "two sourced chains");
    }

    function test_setVoteSource_onlyGovernance() public {
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSignature("GovernorOnlyExecutor(address)", alice));
        governor.setVoteSource(903, outsider);
    }

    function test_setVoteSource_directlyFromTheTimelock_reverts() public {
        // Outside a proposal's execution the governor refuses even its executor.
        vm.prank(address(timelock));
        vm.expectRevert();
        governor.setVoteSource(903, outsider);
        assertEq(governor.voteSource(903), address(0), "unchanged");
    }

    function test_setVoteSource_chainZero_reverts() public {
        _governanceReverts(
            address(governor),
            abi.encodeCall(governor.setVoteSource, (0, outsider)),
            "chain zero",
            abi.encodeWithSelector(IGovernorCountingByChain.GovernorInvalidVoteSourceChain.selector, 0)
        );
    }

    function test_setVoteSource_hubChain_reverts() public {
        _governanceReverts(
            address(governor),
            abi.encodeCall(governor.setVoteSource, (block.chainid, outsider)),
            "hub chain",
            abi.encodeWithSelector(IGovernorCountingByChain.GovernorInvalidVoteSourceChain.selector, block.chainid)
        );
    }

    function test_setVoteSource_sourceInUse_reverts() public {
        _governanceReverts(
            address(governor),
            abi.encodeCall(governor.setVoteSource, (ZORA, basePool)),
            "reuse base pool",
            abi.encodeWithSelector(IGovernorCountingByChain.GovernorVoteSourceInUse.selector, basePool, BASE)
        );
    }

    function test_setVoteSource_replaceAndRemove() public {
        bytes memory replace = abi.encodeCall(governor.setVoteSource, (BASE, outsider));
        _passAndQueue(address(governor), replace, "replace base source");
        vm.expectEmit(address(governor));
        emit IGovernorCountingByChain.VoteSourceSet(BASE, basePool, outsider);
        _execute(address(governor), replace, "replace base source");
        assertEq(governor.voteSourceChainId(basePool), 0, "old source forgotten");
        assertEq(governor.voteSourceChainId(outsider), BASE, "new source");

        _governanceExecutes(address(governor), abi.encodeCall(governor.setVoteSource, (BASE, address(0))), "remove");
        assertEq(governor.voteSource(BASE), address(0), "removed");
        assertEq(governor.voteSourceChainIds().length, 1, "only zora left");
    }

    function test_sourceVotesCountUnderTheirChain() public {
        uint256 proposalId = _propose(address(token), abi.encodeCall(token.symbol, ()), "tally by chain");
        _warpToVoting(proposalId);
        _vote(alice, proposalId, 1);
        vm.prank(basePool);
        governor.castVoteWithReasonAndParams(proposalId, 255, "relay 1", _fractional(1_000e18, 4_000e18, 500e18));
        vm.prank(basePool); // a later relay adds the difference
        governor.castVoteWithReasonAndParams(proposalId, 255, "relay 2", _fractional(0, 2_000e18, 0));
        vm.prank(zoraPool);
        governor.castVote(proposalId, 0);

        _assertChain(proposalId, block.chainid, 0, 30_000e18, 0, "hub");
        _assertChain(proposalId, BASE, 1_000e18, 6_000e18, 500e18, "base");
        _assertChain(proposalId, ZORA, 8_000e18, 0, 0, "zora");
        _assertChain(proposalId, 999, 0, 0, 0, "unknown chain");
    }

    function test_tallyStaysWithChain_afterSourceRemoved() public {
        bytes memory remove = abi.encodeCall(governor.setVoteSource, (BASE, address(0)));
        uint256 removal = _passAndQueue(address(governor), remove, "remove base source");
        // A proposal whose vote is open while the removal executes.
        uint256 proposalId = _propose(address(token), abi.encodeCall(token.symbol, ()), "source removed mid-vote");
        _warpToVoting(proposalId);
        vm.prank(basePool);
        governor.castVoteWithReasonAndParams(proposalId, 255, "", _fractional(0, 3_000e18, 0));
        _execute(address(governor), remove, "remove base source");
        assertEq(uint256(governor.state(removal)), uint256(IGovernor.ProposalState.Executed), "removed");

        // The former pool now votes as a plain hub account with what it has left.
        vm.prank(basePool);
        governor.castVote(proposalId, 2);

        _assertChain(proposalId, BASE, 0, 3_000e18, 0, "base keeps its tally");
        _assertChain(proposalId, block.chainid, 0, 0, 9_000e18, "hub");
    }

    /// forge-config: default.fuzz.runs = 128
    function testFuzz_chainTalliesSumToTotals_andLogsRebuildThem(
        uint8 aliceSupport,
        uint8 bobSupport,
        uint128 baseAgainst,
        uint128 baseFor,
        uint128 baseAbstain,
        uint8 zoraSupport,
        bool bobVotesFractionally
    ) public {
        uint256 proposalId = _propose(address(token), abi.encodeCall(token.symbol, ()), "fuzzed tallies");
        _warpToVoting(proposalId);
        vm.recordLogs();

        _vote(alice, proposalId, uint8(bound(aliceSupport, 0, 2)));
        if (bobVotesFractionally) {
            vm.prank(bob);
            governor.castVoteWithReasonAndParams(proposalId, 255, "", _fractional(7e18, 11e18, 2_000e18));
        } else {
            _vote(bob, proposalId, uint8(bound(bobSupport, 0, 2)));
        }
        uint256 against = bound(baseAgainst, 0, 12_000e18);
        uint256 forVotes = bound(baseFor, 0, 12_000e18 - against);
        uint256 abstain = bound(baseAbstain, 0, 12_000e18 - against - forVotes);
        if (against + forVotes + abstain > 0) {
            vm.prank(basePool);
            governor.castVoteWithReasonAndParams(proposalId, 255, "", _fractional(against, forVotes, abstain));
        }
        _vote(zoraPool, proposalId, uint8(bound(zoraSupport, 0, 2)));

        uint256[3] memory chains = [block.chainid, BASE, ZORA];
        uint256[3] memory sum;
        uint256[3][3] memory fromLogs = _rebuildFromLogs(proposalId, chains);
        for (uint256 c = 0; c < chains.length; c++) {
            (uint256 a, uint256 f, uint256 ab) = governor.proposalVotesByChain(proposalId, chains[c]);
            sum[0] += a;
            sum[1] += f;
            sum[2] += ab;
            assertEq(fromLogs[c][0], a, "logs: against");
            assertEq(fromLogs[c][1], f, "logs: for");
            assertEq(fromLogs[c][2], ab, "logs: abstain");
        }
        (uint256 totalAgainst, uint256 totalFor, uint256 totalAbstain) = governor.proposalVotes(proposalId);
        assertEq(sum[0], totalAgainst, "sum of against");
        assertEq(sum[1], totalFor, "sum of for");
        assertEq(sum[2], totalAbstain, "sum of abstain");
        _assertChain(proposalId, BASE, against, forVotes, abstain, "base exactly what its source cast");
    }

    /**
     * @dev What an indexer does: member chains sum their `ChainVotesCounted` events; the hub is
     * every vote cast (`VoteCast` / `VoteCastWithParams`) minus the member chains.
     */
    function _rebuildFromLogs(
        uint256 proposalId,
        uint256[3] memory chains
    ) private returns (uint256[3][3] memory tallies) {
        Vm.Log[] memory logs = vm.getRecordedLogs();
        uint256[3] memory total;
        for (uint256 i = 0; i < logs.length; i++) {
            if (logs[i].emitter != address(governor)) continue;
            bytes32 topic = logs[i].topics[0];
            if (topic == IGovernorCountingByChain.ChainVotesCounted.selector) {
                if (uint256(logs[i].topics[1]) != proposalId) continue;
                (uint256 a, uint256 f, uint256 ab) = abi.decode(logs[i].data, (uint256, uint256, uint256));
                for (uint256 c = 1; c < chains.length; c++) {
                    if (uint256(logs[i].topics[2]) != chains[c]) continue;
                    tallies[c] = [tallies[c][0] + a, tallies[c][1] + f, tallies[c][2] + ab];
                }
            } else if (topic == IGovernor.VoteCast.selector || topic == IGovernor.VoteCastWithParams.selector) {
                (uint256 id, uint8 support, uint256 weight, , bytes memory params) = topic == IGovernor.VoteCast.selector
                    ? _decodeVoteCast(logs[i].data)
                    : abi.decode(logs[i].data, (uint256, uint8, uint256, string, bytes));
                if (id != proposalId) continue;
                if (support == 255) {
                    (uint256 a, uint256 f, uint256 ab) = _unpackFractional(params);
                    total = [total[0] + a, total[1] + f, total[2] + ab];
                } else {
                    total[support] += weight;
                }
            }
        }
        for (uint256 k = 0; k < 3; k++) tallies[0][k] = total[k] - tallies[1][k] - tallies[2][k];
    }

    function _decodeVoteCast(
        bytes memory data
    ) private pure returns (uint256 id, uint8 support, uint256 weight, string memory reason, bytes memory params) {
        (id, support, weight, reason) = abi.decode(data, (uint256, uint8, uint256, string));
        params = "";
    }

    function _unpackFractional(bytes memory params) private pure returns (uint256 a, uint256 f, uint256 ab) {
        assembly ("memory-safe") {
            a := shr(128, mload(add(params, 0x20)))
            f := shr(128, mload(add(params, 0x30)))
            ab := shr(128, mload(add(params, 0x40)))
        }
    }

    function _assertChain(
        uint256 proposalId,
        uint256 chainId,
        uint256 expectedAgainst,
        uint256 expectedFor,
        uint256 expectedAbstain,
        string memory label
    ) private view {
        (uint256 a, uint256 f, uint256 ab) = governor.proposalVotesByChain(proposalId, chainId);
        assertEq(a, expectedAgainst, string.concat(label, ": against"));
        assertEq(f, expectedFor, string.concat(label, ": for"));
        assertEq(ab, expectedAbstain, string.concat(label, ": abstain"));
    }
}
