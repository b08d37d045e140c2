// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IGovernor} from "@openzeppelin/contracts/governance/IGovernor.sol";

import {SuperchainGovernor} from "../../../contracts/governance/SuperchainGovernor.sol";
import {SuperchainTimelock} from "../../../contracts/governance/SuperchainTimelock.sol";
import {SuperchainToken} from "../../../contracts/governance/SuperchainToken.sol";
import {Test} from "../utils/Test.sol";

/**
 * @notice Deploys the hub governance stack wired as in production (the governor is the timelock's
 * only proposer and canceller, execution is open, no admin remains) and hands voting power to four
 * delegates. Every governance test starts here.
 */
abstract contract GovernanceFixture is Test {
    uint256 internal constant SUPPLY = 1_000_000e18;
    uint48 internal constant VOTING_DELAY = 1 hours;
    uint32 internal constant VOTING_PERIOD = 3 days;
    uint256 internal constant PROPOSAL_THRESHOLD = 10_000e18;
    uint256 internal constant QUORUM_PERCENT = 4; // 40,000 tokens of 1,000,000
    uint48 internal constant LATE_QUORUM_EXTENSION = 1 days;
    uint256 internal constant TIMELOCK_DELAY = 2 days;
    uint256 internal constant HUB_START = 1_800_000_000;

    uint256 internal constant ALICE_KEY = 0xA11CE;
    uint256 internal constant BOB_KEY = 0xB0B;
    uint256 internal constant CAROL_KEY = 0xCA401;
    uint256 internal constant DAVE_KEY = 0xDA7E;

    address internal alice; // 30,000: below quorum alone
    address internal bob; // 20,000
    address internal carol; // 15,000
    address internal dave; // 5,000: below the proposal threshold
    address internal guardian = address(0xC0C1);
    address internal outsider = address(0x0B5E);

    SuperchainToken internal token;
    SuperchainTimelock internal timelock;
    SuperchainGovernor internal governor;

    function setUp() public virtual {
        vm.warp(HUB_START);
        alice = vm.addr(ALICE_KEY);
        bob = vm.addr(BOB_KEY);
        carol = vm.addr(CAROL_KEY);
        dave = vm.addr(DAVE_KEY);

        token = new SuperchainToken("Superchain", "SUP", address(this), SUPPLY);
        address[] memory noProposers = new address[](0);
        address[] memory anyExecutor = new address[](1);
        timelock = new SuperchainTimelock(TIMELOCK_DELAY, noProposers, anyExecutor, address(this));
        governor = new SuperchainGovernor(
            token,
            timelock,
            guardian,
            SuperchainGovernor.InitialSettings({
                votingDelay: VOTING_DELAY,
                votingPeriod: VOTING_PERIOD,
                proposalThreshold: PROPOSAL_THRESHOLD,
                quorumNumerator: QUORUM_PERCENT,
                lateQuorumVoteExtension: LATE_QUORUM_EXTENSION
            })
        );
        timelock.grantRole(timelock.PROPOSER_ROLE(), address(governor));
        timelock.grantRole(timelock.CANCELLER_ROLE(), address(governor));
        timelock.renounceRole(timelock.DEFAULT_ADMIN_ROLE(), address(this));

        _giveVotes(alice, 30_000e18);
        _giveVotes(bob, 20_000e18);
        _giveVotes(carol, 15_000e18);
        _giveVotes(dave, 5_000e18);
        vm.warp(block.timestamp + 1);
    }

    function _giveVotes(address delegate, uint256 amount) internal {
        token.transfer(delegate, amount);
        vm.prank(delegate);
        token.delegate(delegate);
    }

    /// @dev A one-action proposal calling `target` with `data` from the timelock.
    function _proposal(
        address target,
        bytes memory data
    ) internal pure returns (address[] memory targets, uint256[] memory values, bytes[] memory calldatas) {
        targets = new address[](1);
        values = new uint256[](1);
        calldatas = new bytes[](1);
        targets[0] = target;
        calldatas[0] = data;
    }

    function _propose(address target, bytes memory data, string memory description) internal returns (uint256) {
        (address[] memory targets, uint256[] memory values, bytes[] memory calldatas) = _proposal(target, data);
        vm.prank(alice);
        return governor.propose(targets, values, calldatas, description);
    }

    function _warpToVoting(uint256 proposalId) internal {
        vm.warp(governor.proposalSnapshot(proposalId) + 1);
    }

    function _warpPastDeadline(uint256 proposalId) internal {
        vm.warp(governor.proposalDeadline(proposalId) + 1);
    }

    function _vote(address voter, uint256 proposalId, uint8 support) internal {
        vm.prank(voter);
        governor.castVote(proposalId, support);
    }

    /**
     * @dev Proposes, passes with alice and bob, queues, and waits out the timelock delay: the next
     * call is the execution. The governor only accepts calls to its own settings from the timelock
     * while it is executing a proposal, so this is the only way a test can reach them.
     */
    function _passAndQueue(
        address target,
        bytes memory data,
        string memory description
    ) internal returns (uint256 proposalId) {
        proposalId = _propose(target, data, description);
        _warpToVoting(proposalId);
        _vote(alice, proposalId, 1);
        _vote(bob, proposalId, 1);
        _warpPastDeadline(proposalId);
        (address[] memory targets, uint256[] memory values, bytes[] memory calldatas) = _proposal(target, data);
        governor.queue(targets, values, calldatas, keccak256(bytes(description)));
        vm.warp(block.timestamp + TIMELOCK_DELAY);
    }

    function _execute(address target, bytes memory data, string memory description) internal {
        (address[] memory targets, uint256[] memory values, bytes[] memory calldatas) = _proposal(target, data);
        governor.execute(targets, values, calldatas, keccak256(bytes(description)));
    }

    /// @dev Runs a one-action proposal through the whole lifecycle.
    function _governanceExecutes(address target, bytes memory data, string memory description) internal {
        uint256 proposalId = _passAndQueue(target, data, description);
        _execute(target, data, description);
        assertEq(uint256(governor.state(proposalId)), uint256(IGovernor.ProposalState.Executed), "executed");
    }

    /// @dev Runs a one-action proposal up to execution and expects the action to revert with `expectedError`.
    function _governanceReverts(
        address target,
        bytes memory data,
        string memory description,
        bytes memory expectedError
    ) internal {
        _passAndQueue(target, data, description);
        vm.expectRevert(expectedError);
        _execute(target, data, description);
    }

    /// @dev `abi.encodePacked(uint128 against, uint128 for, uint128 abstain)`, the fractional params.
    function _fractional(uint256 againstVotes, uint256 forVotes, uint256 abstainVotes) internal pure returns (bytes memory) {
        return abi.encodePacked(uint128(againstVotes), uint128(forVotes), uint128(abstainVotes));
    }
}
