// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {ERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/ERC20Permit.sol";

import {ERC20VotesTimestamp} from "./extensions/ERC20VotesTimestamp.sol";

/**
 * @title SuperchainToken
 * @notice The canonical governance token of the superchain, living on the hub chain.
 * @dev ERC20 with EIP-2612 permits and ERC20Votes delegation (including `delegateBySig`) on a
 * timestamp clock: see {ERC20VotesTimestamp}.
 *
 * The whole supply is minted once, at construction; there is no owner and no further minting,
 * so the token itself has nothing to govern.
 */
contract SuperchainToken is ERC20VotesTimestamp {
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
}
