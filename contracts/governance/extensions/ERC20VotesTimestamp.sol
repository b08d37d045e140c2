// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {ERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/ERC20Permit.sol";
import {ERC20Votes} from "@openzeppelin/contracts/token/ERC20/extensions/ERC20Votes.sol";
import {Votes} from "@openzeppelin/contracts/governance/utils/Votes.sol";
import {ERC6372Utils} from "@openzeppelin/contracts/utils/ERC6372Utils.sol";
import {Nonces} from "@openzeppelin/contracts/utils/Nonces.sol";
import {Time} from "@openzeppelin/contracts/utils/types/Time.sol";

/**
 * @title ERC20VotesTimestamp
 * @notice ERC20 with EIP-2612 permits and ERC20Votes delegation on a timestamp clock.
 * @dev Checkpoints are keyed by timestamp (ERC-6372 `mode=timestamp`) rather than block number,
 * because the hub and every member chain produce blocks at different rates: a timestamp is the
 * only snapshot that means the same thing on all of them, so a hub proposal's snapshot reads
 * voting power on any chain directly. The hub's SuperchainToken and each member chain's
 * SpokeToken are built on it; the deriving contract passes the ERC20 and ERC20Permit names.
 */
abstract contract ERC20VotesTimestamp is ERC20, ERC20Permit, ERC20Votes {
    /// @inheritdoc Votes
    function clock() public view virtual override returns (uint48) {
        return Time.timestamp();
    }

    /// @inheritdoc Votes
    // solhint-disable-next-line func-name-mixedcase
    function CLOCK_MODE() public view virtual override returns (string memory) {
        return ERC6372Utils.timestampClockMode(clock());
    }

    /// @inheritdoc ERC20Permit
    function nonces(address owner) public view virtual override(ERC20Permit, Nonces) returns (uint256) {
        return super.nonces(owner);
    }

    function _update(address from, address to, uint256 value) internal virtual override(ERC20, ERC20Votes) {
        super._update(from, to, value);
    }
}
