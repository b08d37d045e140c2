// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {TimelockController} from "@openzeppelin/contracts/governance/TimelockController.sol";

/**
 * @title SuperchainTimelock
 * @notice Executes what {SuperchainGovernor} passed, after `minDelay`, and owns every governable
 * setting of the superchain (governor settings, vote sources, later the sequencer registries).
 * @dev An unmodified OpenZeppelin {TimelockController}; it exists as its own contract so the
 * deployment and its generated ABI have one name. The intended wiring: the governor is the only
 * proposer and canceller, execution is open (`executors = [address(0)]`) so anyone may run a
 * ready operation, and no admin remains after deployment (`admin = address(0)`).
 */
contract SuperchainTimelock is TimelockController {
    /**
     * @param minDelay Seconds between queueing and execution.
     * @param proposers Accounts granted the proposer and canceller roles (the governor).
     * @param executors Accounts granted the executor role; `address(0)` opens execution to anyone.
     * @param admin Optional bootstrap admin; `address(0)` leaves the timelock self-administered.
     */
    constructor(
        uint256 minDelay,
        address[] memory proposers,
        address[] memory executors,
        address admin
    ) TimelockController(minDelay, proposers, executors, admin) {}
}
