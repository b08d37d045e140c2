// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {ERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/ERC20Permit.sol";
import {ERC20Votes} from "@openzeppelin/contracts/token/ERC20/extensions/ERC20Votes.sol";
import {ERC6372Utils} from "@openzeppelin/contracts/utils/ERC6372Utils.sol";
import {Nonces} from "@openzeppelin/contracts/utils/Nonces.sol";
import {Votes} from "@openzeppelin/contracts/governance/utils/Votes.sol";
import {Time} from "@openzeppelin/contracts/utils/types/Time.sol";

/**
 * @title SuperchainToken
 * @notice The canonical governance token of the superchain, living on the hub chain.
 * @dev ERC20 with EIP-2612 permits and ERC20Votes delegation (including `delegateBySig`).
 * Checkpoints are keyed by timestamp (ERC-6372 `mode=timestamp`) rather than block number,
 * because the hub and every member chain produce blocks at different rates: a timestamp is
 * the only snapshot that means the same thing on all of them.
 *
 * The whole supply is minted once, at construction; there is no owner and no further minting,
 * so the token itself has nothing to govern.
 */
contract SuperchainToken is ERC20, ERC20Permit, ERC20Votes {
    /**
     * @param name_ ERC-20 name; also the EIP-712 domain name for permits and delegation signatures.
     * @param symbol_ ERC-20 symbol.
     * @param initialHolder Receives `initialSupply`.
     * @param initialSupply Total supply, minted once.
     */
    constructor(
        string memory name_,
        string memory symbol_,
        address initialHolder,
        uint256 initialSupply
    ) ERC20(name_, symbol_) ERC20Permit(name_) {
        // ERC20's own mint guard rejects address(0) with ERC20InvalidReceiver.
        _mint(initialHolder, initialSupply);
    }

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
