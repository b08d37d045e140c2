// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {Governor} from "@openzeppelin/contracts/governance/Governor.sol";
import {GovernorPreventLateQuorum} from "@openzeppelin/contracts/governance/extensions/GovernorPreventLateQuorum.sol";

/**
 * @title GovernorLateQuorumWindow
 * @dev {GovernorPreventLateQuorum} with the same outcome at a fraction of the voting cost.
 *
 * OpenZeppelin's extension evaluates the quorum (a checkpoint lookup of the total supply and of
 * the quorum numerator) on every vote until quorum is reached, about 16k gas per vote. Yet reaching
 * quorum can only move the deadline during the proposal's final window, the last
 * `lateQuorumVoteExtension()` before its original deadline: earlier, the extended deadline would
 * fall before the original one. So this extension lets the parent check only inside that window.
 *
 * The one thing the parent learns outside the window is that quorum was already met there, which
 * rules out any later extension. The first vote inside the window recovers it by checking the
 * quorum *before* that vote is counted, and remembers the answer.
 *
 * Deadlines and `ProposalExtended` events are exactly those of {GovernorPreventLateQuorum};
 * `test/contracts/governance/GovernorLateQuorumWindow.t.sol` checks that differentially.
 */
abstract contract GovernorLateQuorumWindow is GovernorPreventLateQuorum {
    mapping(uint256 proposalId => bool) private _quorumMetBeforeWindow;

    /// @dev Records, at the first vote in the final window, whether quorum had already been met.
    function _castVote(
        uint256 proposalId,
        address account,
        uint8 support,
        string memory reason,
        bytes memory params
    ) internal virtual override returns (uint256) {
        if (
            _inFinalWindow(proposalId) &&
            !_quorumMetBeforeWindow[proposalId] &&
            proposalDeadline(proposalId) == Governor.proposalDeadline(proposalId) && // not extended yet
            _quorumReached(proposalId)
        ) {
            _quorumMetBeforeWindow[proposalId] = true;
        }
        return super._castVote(proposalId, account, support, reason, params);
    }

    /// @dev Runs the parent's quorum check only where its outcome can matter.
    function _tallyUpdated(uint256 proposalId) internal virtual override {
        if (!_inFinalWindow(proposalId) || _quorumMetBeforeWindow[proposalId]) return;
        super._tallyUpdated(proposalId);
    }

    /// @dev Whether reaching quorum now would push the deadline past the original one.
    function _inFinalWindow(uint256 proposalId) private view returns (bool) {
        return clock() + lateQuorumVoteExtension() > Governor.proposalDeadline(proposalId);
    }
}
