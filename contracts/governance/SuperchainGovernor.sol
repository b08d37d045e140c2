// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {Governor} from "@openzeppelin/contracts/governance/Governor.sol";
import {GovernorCountingFractional} from "@openzeppelin/contracts/governance/extensions/GovernorCountingFractional.sol";
import {GovernorPreventLateQuorum} from "@openzeppelin/contracts/governance/extensions/GovernorPreventLateQuorum.sol";
import {GovernorProposalGuardian} from "@openzeppelin/contracts/governance/extensions/GovernorProposalGuardian.sol";
import {GovernorSettings} from "@openzeppelin/contracts/governance/extensions/GovernorSettings.sol";
import {GovernorTimelockControl} from "@openzeppelin/contracts/governance/extensions/GovernorTimelockControl.sol";
import {GovernorVotes} from "@openzeppelin/contracts/governance/extensions/GovernorVotes.sol";
import {GovernorVotesQuorumFraction} from "@openzeppelin/contracts/governance/extensions/GovernorVotesQuorumFraction.sol";
import {TimelockController} from "@openzeppelin/contracts/governance/TimelockController.sol";
import {IVotes} from "@openzeppelin/contracts/governance/utils/IVotes.sol";
import {IERC6372} from "@openzeppelin/contracts/interfaces/IERC6372.sol";
import {Time} from "@openzeppelin/contracts/utils/types/Time.sol";

import {GovernorCountingByChain} from "./extensions/GovernorCountingByChain.sol";
import {GovernorLateQuorumWindow} from "./extensions/GovernorLateQuorumWindow.sol";

/**
 * @title SuperchainGovernor
 * @notice The hub governor of the superchain: delegates of {SuperchainToken} propose and vote on
 * changes to the shared sequencer; passed proposals run through a {TimelockController}.
 * @dev Composed from OpenZeppelin extensions only, plus {GovernorCountingByChain}:
 * - {GovernorSettings}: voting delay, voting period and proposal threshold, governable;
 * - {GovernorVotesQuorumFraction}: quorum as a fraction of the total supply at the snapshot;
 * - {GovernorCountingByChain}: fractional counting (a voter or a pooled vote source may split
 *   its weight) with a tally per member chain;
 * - {GovernorPreventLateQuorum}: a proposal reaching quorum late gets a minimum voting extension,
 *   checked only in the final window where it can matter ({GovernorLateQuorumWindow});
 * - {GovernorProposalGuardian}: the Security Council may cancel any proposal before execution;
 * - {GovernorTimelockControl}: execution through the timelock, which owns every governable setting.
 *
 * Every clock value (snapshots, deadlines, durations) is a timestamp in seconds, following the token.
 */
contract SuperchainGovernor is
    Governor,
    GovernorSettings,
    GovernorCountingByChain,
    GovernorVotes,
    GovernorVotesQuorumFraction,
    GovernorPreventLateQuorum,
    GovernorLateQuorumWindow,
    GovernorProposalGuardian,
    GovernorTimelockControl
{
    string private constant _TIMESTAMP_CLOCK_MODE = "mode=timestamp";

    /// @notice Initial values of the governable settings; each can later be changed through governance.
    struct InitialSettings {
        uint48 votingDelay;
        uint32 votingPeriod;
        uint256 proposalThreshold;
        uint256 quorumNumerator;
        uint48 lateQuorumVoteExtension;
    }

    /// @notice The voting token is not a contract, or its clock is not `mode=timestamp`.
    error SuperchainGovernorInvalidToken(address token);

    /// @notice The timelock is not a contract.
    error SuperchainGovernorInvalidTimelock(address timelock);

    /// @notice The proposal guardian (the council's veto) cannot be removed, only replaced.
    error SuperchainGovernorInvalidProposalGuardian(address guardian);

    /**
     * @param token The votes token; its ERC-6372 clock (timestamps) drives every proposal.
     * @param timelock Executes passed proposals and holds every governable setting.
     * @param guardian The Security Council Safe: may cancel any proposal before execution.
     * @param settings Initial voting delay, period, threshold, quorum and late-quorum extension.
     */
    constructor(
        IVotes token,
        TimelockController timelock,
        address guardian,
        InitialSettings memory settings
    )
        Governor("SuperchainGovernor")
        GovernorSettings(settings.votingDelay, settings.votingPeriod, settings.proposalThreshold)
        GovernorVotes(IVotes(_requireContract(address(token), true)))
        GovernorVotesQuorumFraction(settings.quorumNumerator)
        GovernorPreventLateQuorum(settings.lateQuorumVoteExtension)
        GovernorTimelockControl(TimelockController(payable(_requireContract(address(timelock), false))))
    {
        _setProposalGuardian(guardian);
    }

    /**
     * @inheritdoc GovernorVotes
     * @dev The token's clock, read locally: the constructor checked that the token counts in
     * timestamps, and neither the token's code nor the governor's token can change. Saves an
     * external call on every vote and state read.
     */
    function clock() public view override(Governor, GovernorVotes) returns (uint48) {
        return Time.timestamp();
    }

    /// @inheritdoc GovernorVotes
    // solhint-disable-next-line func-name-mixedcase
    function CLOCK_MODE() public pure override(Governor, GovernorVotes) returns (string memory) {
        return _TIMESTAMP_CLOCK_MODE;
    }

    // The functions below resolve the inheritance graph; none adds behaviour.

    /// @inheritdoc Governor
    function votingDelay() public view override(Governor, GovernorSettings) returns (uint256) {
        return super.votingDelay();
    }

    /// @inheritdoc Governor
    function votingPeriod() public view override(Governor, GovernorSettings) returns (uint256) {
        return super.votingPeriod();
    }

    /// @inheritdoc Governor
    function proposalThreshold() public view override(Governor, GovernorSettings) returns (uint256) {
        return super.proposalThreshold();
    }

    /// @inheritdoc Governor
    function quorum(uint256 timepoint) public view override(Governor, GovernorVotesQuorumFraction) returns (uint256) {
        return super.quorum(timepoint);
    }

    /// @inheritdoc Governor
    function state(uint256 proposalId) public view override(Governor, GovernorTimelockControl) returns (ProposalState) {
        return super.state(proposalId);
    }

    /// @inheritdoc Governor
    function proposalNeedsQueuing(
        uint256 proposalId
    ) public view override(Governor, GovernorTimelockControl) returns (bool) {
        return super.proposalNeedsQueuing(proposalId);
    }

    /// @inheritdoc Governor
    function proposalDeadline(
        uint256 proposalId
    ) public view override(Governor, GovernorPreventLateQuorum) returns (uint256) {
        return super.proposalDeadline(proposalId);
    }

    function _countVote(
        uint256 proposalId,
        address account,
        uint8 support,
        uint256 totalWeight,
        bytes memory params
    ) internal override(Governor, GovernorCountingByChain) returns (uint256) {
        return super._countVote(proposalId, account, support, totalWeight, params);
    }

    function _castVote(
        uint256 proposalId,
        address account,
        uint8 support,
        string memory reason,
        bytes memory params
    ) internal override(Governor, GovernorLateQuorumWindow) returns (uint256) {
        return super._castVote(proposalId, account, support, reason, params);
    }

    function _tallyUpdated(
        uint256 proposalId
    ) internal override(Governor, GovernorPreventLateQuorum, GovernorLateQuorumWindow) {
        super._tallyUpdated(proposalId);
    }

    function _validateCancel(
        uint256 proposalId,
        address caller
    ) internal view override(Governor, GovernorProposalGuardian) returns (bool) {
        return super._validateCancel(proposalId, caller);
    }

    /// @dev The guardian is the council's veto; governance may replace it but never leave it empty.
    function _setProposalGuardian(address newProposalGuardian) internal override {
        if (newProposalGuardian == address(0)) revert SuperchainGovernorInvalidProposalGuardian(newProposalGuardian);
        super._setProposalGuardian(newProposalGuardian);
    }

    function _queueOperations(
        uint256 proposalId,
        address[] memory targets,
        uint256[] memory values,
        bytes[] memory calldatas,
        bytes32 descriptionHash
    ) internal override(Governor, GovernorTimelockControl) returns (uint48) {
        return super._queueOperations(proposalId, targets, values, calldatas, descriptionHash);
    }

    function _executeOperations(
        uint256 proposalId,
        address[] memory targets,
        uint256[] memory values,
        bytes[] memory calldatas,
        bytes32 descriptionHash
    ) internal override(Governor, GovernorTimelockControl) {
        super._executeOperations(proposalId, targets, values, calldatas, descriptionHash);
    }

    function _cancel(
        address[] memory targets,
        uint256[] memory values,
        bytes[] memory calldatas,
        bytes32 descriptionHash
    ) internal override(Governor, GovernorTimelockControl) returns (uint256) {
        return super._cancel(targets, values, calldatas, descriptionHash);
    }

    function _executor() internal view override(Governor, GovernorTimelockControl) returns (address) {
        return super._executor();
    }

    function _requireContract(address account, bool isToken) private view returns (address) {
        if (account.code.length == 0) {
            if (isToken) revert SuperchainGovernorInvalidToken(account);
            revert SuperchainGovernorInvalidTimelock(account);
        }
        if (isToken && !_hasTimestampClock(account)) revert SuperchainGovernorInvalidToken(account);
        return account;
    }

    function _hasTimestampClock(address token) private view returns (bool) {
        try IERC6372(token).CLOCK_MODE() returns (string memory mode) {
            return keccak256(bytes(mode)) == keccak256(bytes(_TIMESTAMP_CLOCK_MODE));
        } catch {
            return false;
        }
    }
}
