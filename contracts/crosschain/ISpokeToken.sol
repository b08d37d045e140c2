// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IHubStateOracle} from "./IHubStateOracle.sol";
import {IStateProofVerifier} from "./proofs/IStateProofVerifier.sol";

/**
 * @title ISpokeToken
 * @notice The bridge side of a member chain's voting token (the token itself is an ERC-20 with
 * ERC20Votes on a timestamp clock and EIP-2612 permits). Its whole supply is backed one to one by
 * tokens escrowed for this chain in the hub's SpokeVotePool:
 *
 * - {finalizeDeposit} mints a hub deposit by proving the pool's deposit record against a hub state
 *   root committed in this chain's HubStateOracle; each deposit mints at most once.
 * - {withdraw} burns tokens and stores a withdrawal record that the pool proves (against this
 *   chain's output committed on the hub) to release the hub tokens.
 */
interface ISpokeToken {
    /// @notice Hub deposit `depositId` minted `amount` to `recipient`, proven at hub block `hubBlockNumber`.
    event DepositFinalized(uint256 indexed depositId, address indexed recipient, uint256 amount, uint256 hubBlockNumber);

    /// @notice `sender` burnt `amount` to release it to `recipient` on the hub, as withdrawal `withdrawalId`.
    event WithdrawalInitiated(
        uint256 indexed withdrawalId,
        address indexed sender,
        address indexed recipient,
        uint256 amount
    );

    /// @notice Deposit `depositId` was already minted.
    error SpokeTokenDepositAlreadyFinalized(uint256 depositId);
    /// @notice The proven deposit record is not `keccak256(abi.encode(recipient, amount))` of the claim.
    error SpokeTokenDepositMismatch(uint256 depositId, bytes32 proven, bytes32 claimed);
    /// @notice A withdrawal must move a non-zero amount.
    error SpokeTokenZeroAmount();
    /// @notice Tokens cannot be sent to the zero address.
    error SpokeTokenInvalidRecipient(address recipient);

    /**
     * @notice Mints hub deposit `depositId`: `amount` to `recipient`, proven by the hub pool's
     * deposit record against the hub state root posted for `hubBlockNumber`. Anyone may call.
     * The tokens arrive undelegated; the recipient delegates as with any ERC20Votes token.
     * @param accountProof `eth_getProof(hubPool, [depositSlot], hubBlockNumber).accountProof` on the hub.
     * @param storageProof The slot's `storageProof[0].proof`.
     */
    function finalizeDeposit(
        uint256 depositId,
        address recipient,
        uint256 amount,
        uint256 hubBlockNumber,
        bytes[] calldata accountProof,
        bytes[] calldata storageProof
    ) external;

    /**
     * @notice Burns `amount` of the caller's tokens and records withdrawal of that amount to
     * `recipient` on the hub; anyone finalizes it there once an output covering this block is
     * committed.
     * @return withdrawalId The withdrawal's id: its commitment sits at {withdrawalSlot}`(withdrawalId)`.
     */
    function withdraw(uint256 amount, address recipient) external returns (uint256 withdrawalId);

    /// @notice The hub SpokeVotePool whose deposits this token mints.
    function hubPool() external view returns (address);

    /// @notice This chain's record of hub state roots.
    function hubStateOracle() external view returns (IHubStateOracle);

    /// @notice The state-proof verifier.
    function verifier() external view returns (IStateProofVerifier);

    /// @notice Whether hub deposit `depositId` was minted here.
    function isDepositFinalized(uint256 depositId) external view returns (bool);

    /// @notice How many withdrawals were made; ids run from 0 to `withdrawalCount() - 1`.
    function withdrawalCount() external view returns (uint256);

    /// @notice Withdrawal `withdrawalId`'s commitment `keccak256(abi.encode(recipient, amount))`, zero if none.
    function withdrawalCommitment(uint256 withdrawalId) external view returns (bytes32);

    /// @notice The storage slot holding withdrawal `withdrawalId`'s commitment, to request its proof.
    function withdrawalSlot(uint256 withdrawalId) external pure returns (bytes32);
}
