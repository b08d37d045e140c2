// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {ERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/ERC20Permit.sol";
import {ERC20Votes} from "@openzeppelin/contracts/token/ERC20/extensions/ERC20Votes.sol";
import {Nonces} from "@openzeppelin/contracts/utils/Nonces.sol";

/**
 * @notice The plain OpenZeppelin votes token (block-number clock), the gas benchmark's baseline
 * for {SuperchainToken}. Not deployed anywhere.
 */
contract BaselineToken is ERC20, ERC20Permit, ERC20Votes {
    constructor(address initialHolder, uint256 initialSupply) ERC20("Baseline", "BASE") ERC20Permit("Baseline") {
        _mint(initialHolder, initialSupply);
    }

    function nonces(address owner) public view override(ERC20Permit, Nonces) returns (uint256) {
        return super.nonces(owner);
    }

    function _update(address from, address to, uint256 value) internal override(ERC20, ERC20Votes) {
        super._update(from, to, value);
    }
}
